package io.datanet.provenance.anchor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link AnchorSink} in memory, with the append-only rules of the EVM registry (a larger size only,
 * nothing replaced), for tests of code that drives a sink. It can fail the next publishes or hold them
 * until released, and it counts how often each anchor was actually recorded.
 */
public final class InMemoryAnchorSink implements AnchorSink {
    private final boolean facts;
    private final Map<LogId, TreeMap<Long, Anchor>> anchors = new HashMap<>();
    private final Map<LogId, TreeMap<Long, RecordFact>> published = new HashMap<>();
    private final Map<Long, Integer> recorded = new HashMap<>();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile CountDownLatch gate;
    private int calls;

    /** A sink in root mode ({@code facts} false) or events mode. */
    public InMemoryAnchorSink(boolean facts) {
        this.facts = facts;
    }

    /** Makes the next {@code n} publishes fail as an unreachable node would. */
    public void failNext(int n) {
        failures.set(n);
    }

    /** Holds every publish until the returned latch is counted down. */
    public CountDownLatch hold() {
        CountDownLatch latch = new CountDownLatch(1);
        gate = latch;
        return latch;
    }

    /** How many times the anchor at {@code size} was recorded (never more than once, if the rules hold). */
    public synchronized int timesRecorded(long size) {
        return recorded.getOrDefault(size, 0);
    }

    /** How many publish calls were made. */
    public synchronized int calls() {
        return calls;
    }

    /** Replaces nothing: records an anchor directly, as another process anchoring the same log would. */
    public synchronized void put(Anchor a) {
        anchors.computeIfAbsent(a.logId(), k -> new TreeMap<>()).put(a.size(), a);
    }

    @Override
    public String target() {
        return "memory:test";
    }

    @Override
    public boolean publishesRecordFacts() {
        return facts;
    }

    @Override
    public AnchorReceipt publish(AnchorRequest request) {
        CountDownLatch g = gate;
        if (g != null) {
            try {
                g.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AnchorException(target(), "interrupted", true, e);
            }
        }
        synchronized (this) {
            calls++;
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new AnchorException(target(), "node unreachable (simulated)", true);
            }
            Anchor a = request.anchor();
            TreeMap<Long, Anchor> log = anchors.computeIfAbsent(a.logId(), k -> new TreeMap<>());
            Anchor same = log.get(a.size());
            if (same != null) {
                if (!same.root().equals(a.root())) {
                    throw new AnchorConflictException(target(), a, same.root());
                }
                return new AnchorReceipt(a, AnchorReceipt.Outcome.ALREADY_ANCHORED, "", -1);
            }
            if (!log.isEmpty() && log.lastKey() > a.size()) {
                return new AnchorReceipt(a, AnchorReceipt.Outcome.SUPERSEDED, "", -1);
            }
            if (facts) {
                long from = log.isEmpty() ? 0 : log.lastKey();
                if (request.facts().size() != a.size() - from) {
                    throw new AnchorException(target(), "facts for " + request.facts().size() + " records, expected "
                            + (a.size() - from), false);
                }
                TreeMap<Long, RecordFact> f = published.computeIfAbsent(a.logId(), k -> new TreeMap<>());
                request.facts().forEach(x -> f.put(x.index(), x));
            }
            log.put(a.size(), a);
            recorded.merge(a.size(), 1, Integer::sum);
            return new AnchorReceipt(a, AnchorReceipt.Outcome.ANCHORED, "mem-" + a.size(), log.size());
        }
    }

    @Override
    public synchronized Optional<Anchor> find(LogId logId, long size) {
        return Optional.ofNullable(anchors.getOrDefault(logId, new TreeMap<>()).get(size));
    }

    @Override
    public synchronized Optional<Anchor> latest(LogId logId) {
        TreeMap<Long, Anchor> log = anchors.get(logId);
        return log == null || log.isEmpty() ? Optional.empty() : Optional.of(log.lastEntry().getValue());
    }

    @Override
    public synchronized List<Anchor> anchors(LogId logId) {
        return new ArrayList<>(anchors.getOrDefault(logId, new TreeMap<>()).values());
    }

    @Override
    public synchronized List<RecordFact> facts(LogId logId, long from, long to) {
        return new ArrayList<>(published.getOrDefault(logId, new TreeMap<>()).subMap(from, to).values());
    }

    @Override
    public void close() {
        CountDownLatch g = gate;
        if (g != null) {
            g.countDown();
        }
    }
}
