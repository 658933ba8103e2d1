package io.datanet.provenance.anchor;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.SignedCheckpoint;
import io.datanet.provenance.ledger.internal.SqliteAnchorQueue;
import io.datanet.provenance.ledger.internal.SqliteAnchorQueue.Entry;
import io.datanet.provenance.ledger.internal.SqliteAnchorQueue.State;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The work of an {@link AnchorScheduler}, run on its single thread only (except the waiting methods). */
final class AnchorWorker {
    private static final Logger LOG = LoggerFactory.getLogger(AnchorWorker.class);

    private final Ledger ledger;
    private final SqliteAnchorQueue queue;
    private final AnchorSink sink;
    private final String target;
    private final LogId logId;
    private final long everyRecords;
    private final long everyMillis;
    private final long initialBackoff;
    private final long maxBackoff;
    private final int maxRecordsPerAnchor;
    private final Clock clock;
    private final Object progress = new Object();
    private long lastQueued;
    private long firstUnqueuedAt = -1;
    private volatile long anchored;
    private volatile String lastError = "";
    private volatile boolean stopping;

    AnchorWorker(Ledger ledger, Path ledgerDirectory, AnchorSink sink, long everyRecords, long everyMillis,
                 long initialBackoff, long maxBackoff, int maxRecordsPerAnchor, Clock clock) {
        this.ledger = ledger;
        this.queue = SqliteAnchorQueue.open(ledgerDirectory);
        this.sink = sink;
        this.target = sink.target();
        this.logId = LogId.ofVerifierKey(ledger.verifierKey());
        this.everyRecords = everyRecords;
        this.everyMillis = everyMillis;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.maxRecordsPerAnchor = maxRecordsPerAnchor;
        this.clock = clock;
        this.lastQueued = queue.lastQueuedSize(target).orElse(0);
        long done = 0;
        for (Entry e : queue.entries(target)) {
            if (e.state() == State.ANCHORED || e.state() == State.SUPERSEDED) {
                done = Math.max(done, e.size());
            }
        }
        this.anchored = done;
    }

    String target() {
        return target;
    }

    /** One round: queue the tree if a trigger fired, then send what is due. Never throws. */
    void tick(boolean force) {
        if (stopping) {
            return;
        }
        try {
            long now = clock.millis();
            long size = ledger.size();
            if (size > lastQueued) {
                if (firstUnqueuedAt < 0) {
                    firstUnqueuedAt = now;
                }
                if (force || size - lastQueued >= everyRecords || now - firstUnqueuedAt >= everyMillis) {
                    enqueue(now);
                }
            }
            drain();
        } catch (RuntimeException e) {
            lastError = e.getMessage();
            LOG.warn("anchoring to {} failed, will retry: {}", target, e.getMessage());
        }
    }

    private void enqueue(long now) {
        SignedCheckpoint cp = ledger.checkpoint();
        long size = cp.checkpoint().size();
        if (sink.publishesRecordFacts()) {
            for (long s = lastQueued + maxRecordsPerAnchor; s < size; s += maxRecordsPerAnchor) {
                queue.enqueue(target, s, ledger.root(s), now);
            }
        }
        if (queue.enqueue(target, size, cp.checkpoint().root(), now)) {
            LOG.debug("queued anchor of {} at size {} for {}", logId.hex(), size, target);
        }
        lastQueued = Math.max(lastQueued, size);
        firstUnqueuedAt = -1;
    }

    private void drain() {
        while (!stopping) {
            Optional<Entry> due = queue.nextDue(target, clock.millis());
            if (due.isEmpty()) {
                return;
            }
            Entry e = due.get();
            Anchor anchor = new Anchor(logId, e.size(), e.root());
            try {
                AnchorReceipt receipt = sink.publish(request(anchor));
                State state = receipt.outcome() == AnchorReceipt.Outcome.SUPERSEDED ? State.SUPERSEDED : State.ANCHORED;
                queue.finish(target, e.size(), state, receipt.transaction(), receipt.block(), "", clock.millis());
                LOG.info("anchor of {} at size {}: {} {}", logId.hex(), e.size(), receipt.outcome(), receipt.transaction());
                lastError = "";
                advance(e.size());
            } catch (AnchorException x) {
                if (!x.retryable()) {
                    LOG.error("anchor of {} at size {} refused for good: {}", logId.hex(), e.size(), x.getMessage());
                    queue.finish(target, e.size(), State.FAILED, "", -1, x.getMessage(), clock.millis());
                    lastError = x.getMessage();
                    continue;
                }
                retryLater(e, x);
                return;
            } catch (RuntimeException x) {
                retryLater(e, x);
                return;
            }
        }
    }

    private AnchorRequest request(Anchor anchor) {
        if (!sink.publishesRecordFacts()) {
            return AnchorRequest.of(anchor);
        }
        long from = sink.latest(logId).map(Anchor::size).orElse(0L);
        if (from >= anchor.size()) {
            return AnchorRequest.of(anchor); // the sink reports it anchored or superseded
        }
        List<RecordFact> facts = new ArrayList<>((int) (anchor.size() - from));
        ledger.scan(from, anchor.size(), entry -> facts.add(RecordFact.of(entry)));
        return new AnchorRequest(anchor, facts);
    }

    private void retryLater(Entry e, RuntimeException x) {
        long delay = Math.min(maxBackoff, initialBackoff << Math.min(e.attempts(), 30));
        queue.retryLater(target, e.size(), clock.millis() + delay, String.valueOf(x.getMessage()));
        lastError = x.getMessage();
        LOG.warn("anchor of {} at size {} to {} failed (attempt {}), retrying in {} ms: {}", logId.hex(), e.size(),
                target, e.attempts() + 1, delay, x.getMessage());
    }

    private void advance(long size) {
        synchronized (progress) {
            if (size > anchored) {
                anchored = size;
            }
            progress.notifyAll();
        }
    }

    long anchoredSize() {
        return anchored;
    }

    String lastError() {
        return lastError;
    }

    boolean awaitAnchored(long size, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        synchronized (progress) {
            while (anchored < size) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return false;
                }
                progress.wait(Math.min(left, 200));
            }
            return true;
        }
    }

    void stop() {
        stopping = true;
    }

    void close() {
        queue.close();
    }
}
