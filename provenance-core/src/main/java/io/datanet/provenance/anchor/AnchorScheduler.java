package io.datanet.provenance.anchor;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anchors a ledger in the background: every N records or T, whichever comes first, it signs a checkpoint,
 * queues it in the ledger's database and publishes it through an {@link AnchorSink} from a thread of its
 * own. Appends never wait for the target: the scheduler holds the ledger only to read its size, sign a
 * checkpoint or read the records of a batch, never while it talks to the target.
 *
 * <p>Queued anchors survive restarts (they are rows of the ledger's own database, written as durably as
 * the records) and go out in size order;
 * a failure (node unreachable, transaction dropped) leaves the anchor queued and retried with exponential
 * backoff; an anchor that reached the target is never sent again, and the sink checks the target before
 * sending, so a checkpoint is never anchored twice even across crashes. Run one scheduler per ledger
 * and target.
 *
 * <pre>{@code
 * try (Ledger ledger = Ledger.open(ledgerDir);
 *      AnchorSink sink = ...;
 *      AnchorScheduler anchors = AnchorScheduler.builder(ledgerDir, sink).ledger(ledger).everyRecords(1000)
 *              .every(Duration.ofMinutes(5)).start()) {
 *     ... training appends records to the ledger ...
 * }
 * }</pre>
 */
public final class AnchorScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnchorScheduler.class);

    private final ScheduledExecutorService executor;
    private final AnchorWorker worker;
    private final Duration closeTimeout;
    private final Ledger ledger;
    private final boolean ownsLedger;
    private boolean closed;

    private AnchorScheduler(Builder b) {
        this.ownsLedger = b.ledger == null;
        this.ledger = ownsLedger ? Ledger.open(b.ledgerDirectory, b.ledgerOptions) : b.ledger;
        try {
            this.worker = new AnchorWorker(ledger, b.ledgerDirectory, b.sink, b.everyRecords, b.every.toMillis(),
                    b.initialBackoff.toMillis(), b.maxBackoff.toMillis(), b.maxRecordsPerAnchor, b.clock);
        } catch (RuntimeException e) {
            if (ownsLedger) {
                ledger.close();
            }
            throw e;
        }
        this.closeTimeout = b.closeTimeout;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "provenance-anchor " + b.sink.target());
            t.setDaemon(true);
            return t;
        });
        long poll = b.pollInterval.toMillis();
        executor.scheduleWithFixedDelay(() -> worker.tick(false), 0, poll, TimeUnit.MILLISECONDS);
    }

    /**
     * A builder for a scheduler over the embedded ledger in {@code ledgerDirectory}, publishing to
     * {@code sink}. The scheduler does not own the sink: close the sink after the scheduler.
     */
    public static Builder builder(Path ledgerDirectory, AnchorSink sink) {
        return new Builder(ledgerDirectory, sink);
    }

    /** Queues the current tree now and publishes it as soon as the queue before it is through; returns at once. */
    public void anchorNow() {
        executor.execute(() -> worker.tick(true));
    }

    /**
     * Waits until the target holds an anchor covering at least {@code size} records (sent by this
     * scheduler, found on the target, or superseded by a later one).
     *
     * @return true if it does, false when the timeout passed first
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitAnchored(long size, Duration timeout) throws InterruptedException {
        return worker.awaitAnchored(size, timeout.toMillis());
    }

    /** The largest size known to be anchored on the target, 0 when none. */
    public long anchoredSize() {
        return worker.anchoredSize();
    }

    /** The last failure to publish, or empty once an anchor succeeded after it. */
    public String lastError() {
        return worker.lastError();
    }

    /**
     * Stops the background thread: waits up to the close timeout for an anchor being published, then
     * interrupts it. Anchors not yet on the target stay queued for the next scheduler. Never throws.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        worker.stop();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(closeTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("anchoring to {} still busy after {}; interrupting it (queued anchors stay queued)",
                        worker.target(), closeTimeout);
                executor.shutdownNow();
                executor.awaitTermination(closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            worker.close();
            if (ownsLedger) {
                ledger.close();
            }
        }
    }

    /** Settings of an {@link AnchorScheduler}; {@link #start()} validates them and starts it. */
    public static final class Builder {
        private final Path ledgerDirectory;
        private final AnchorSink sink;
        private long everyRecords = 1000;
        private Duration every = Duration.ofMinutes(5);
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofMinutes(5);
        private Duration closeTimeout = Duration.ofSeconds(10);
        private int maxRecordsPerAnchor = 500;
        private LedgerOptions ledgerOptions = LedgerOptions.defaults().withCheckpointOnClose(false);
        private Clock clock = Clock.systemUTC();
        private Ledger ledger;

        private Builder(Path ledgerDirectory, AnchorSink sink) {
            this.ledgerDirectory = Objects.requireNonNull(ledgerDirectory, "ledgerDirectory");
            this.sink = Objects.requireNonNull(sink, "sink");
        }

        /** Anchor once this many records were appended since the last anchor (default 1000). */
        public Builder everyRecords(long records) {
            require(records >= 1, "everyRecords must be at least 1, got " + records);
            this.everyRecords = records;
            return this;
        }

        /** Anchor records that have waited this long, however few (default 5 minutes). */
        public Builder every(Duration interval) {
            require(interval != null && !interval.isNegative() && !interval.isZero(), "every must be positive, got " + interval);
            this.every = interval;
            return this;
        }

        /** How often the ledger's size is read and due anchors are sent (default 1 second). */
        public Builder pollInterval(Duration interval) {
            require(interval != null && interval.toMillis() >= 1, "pollInterval must be at least 1 ms, got " + interval);
            this.pollInterval = interval;
            return this;
        }

        /** The first retry delay after a failure and the largest; delays double in between (default 1 s, 5 min). */
        public Builder retryBackoff(Duration initial, Duration max) {
            require(initial != null && initial.toMillis() >= 1, "initial backoff must be at least 1 ms, got " + initial);
            require(max != null && max.compareTo(initial) >= 0, "max backoff must be at least the initial backoff, got " + max);
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /** How long {@link AnchorScheduler#close()} waits for an anchor in flight (default 10 seconds). */
        public Builder closeTimeout(Duration timeout) {
            require(timeout != null && !timeout.isNegative(), "closeTimeout must not be negative, got " + timeout);
            this.closeTimeout = timeout;
            return this;
        }

        /**
         * With a sink that publishes record facts, the most records one anchor may add (default 500), so a
         * transaction stays within a block: larger batches go out as several anchors.
         */
        public Builder maxRecordsPerAnchor(int records) {
            require(records >= 1, "maxRecordsPerAnchor must be at least 1, got " + records);
            this.maxRecordsPerAnchor = records;
            return this;
        }

        /**
         * The ledger of that directory, already open in this process: the scheduler uses it (and leaves it
         * open) instead of opening a connection of its own.
         */
        public Builder ledger(Ledger openLedger) {
            this.ledger = Objects.requireNonNull(openLedger, "ledger");
            return this;
        }

        /** Options to open the ledger with when none is given (a signer key given in memory, say). */
        public Builder ledgerOptions(LedgerOptions options) {
            this.ledgerOptions = Objects.requireNonNull(options, "ledgerOptions");
            return this;
        }

        /** The clock for the time-based trigger and retry times (default the system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Opens the ledger and its anchor queue and starts the background thread.
         *
         * @throws io.datanet.provenance.ledger.LedgerException if the ledger or its queue cannot be opened
         */
        public AnchorScheduler start() {
            return new AnchorScheduler(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
