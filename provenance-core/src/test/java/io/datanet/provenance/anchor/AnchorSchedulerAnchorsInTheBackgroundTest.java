package io.datanet.provenance.anchor;

import static org.assertj.core.api.Assertions.assertThat;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.internal.SqliteAnchorQueue;
import io.datanet.provenance.testing.SampleRecords;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnchorSchedulerAnchorsInTheBackgroundTest {
    @TempDir
    Path dir;

    private static void append(Ledger ledger, long from, long to) {
        for (long i = from; i < to; i++) {
            ledger.append(SampleRecords.canonical(i));
        }
    }

    private AnchorScheduler.Builder scheduler(Ledger ledger, AnchorSink sink) {
        return AnchorScheduler.builder(dir, sink).ledger(ledger).pollInterval(Duration.ofMillis(10))
                .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(100)).every(Duration.ofHours(1));
    }

    @Test
    void anchorsEveryNRecordsWithTheSignedCheckpointsRoot() throws Exception {
        InMemoryAnchorSink sink = new InMemoryAnchorSink(false);
        try (Ledger ledger = Ledger.open(dir); AnchorScheduler anchors = scheduler(ledger, sink).everyRecords(5).start()) {
            append(ledger, 0, 5);
            assertThat(anchors.awaitAnchored(5, Duration.ofSeconds(10))).isTrue();
            append(ledger, 5, 8);
            Thread.sleep(200);
            assertThat(anchors.anchoredSize()).as("3 records are below the threshold").isEqualTo(5);
            append(ledger, 8, 10);
            assertThat(anchors.awaitAnchored(10, Duration.ofSeconds(10))).isTrue();
            LogId id = LogId.ofVerifierKey(ledger.verifierKey());
            assertThat(sink.anchors(id)).extracting(Anchor::size).containsExactly(5L, 10L);
            assertThat(sink.find(id, 10).orElseThrow().root()).isEqualTo(ledger.root(10));
            assertThat(ledger.checkpoints()).anySatisfy(cp -> assertThat(cp.checkpoint().size()).isEqualTo(10));
        }
    }

    @Test
    void anchorsAfterTheIntervalHoweverFewRecords() throws Exception {
        AtomicLong now = new AtomicLong(Instant.parse("2026-11-25T10:00:00Z").toEpochMilli());
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        };
        InMemoryAnchorSink sink = new InMemoryAnchorSink(false);
        try (Ledger ledger = Ledger.open(dir);
             AnchorScheduler anchors = scheduler(ledger, sink).everyRecords(1000).every(Duration.ofSeconds(30)).clock(clock).start()) {
            append(ledger, 0, 2);
            Thread.sleep(200);
            assertThat(anchors.anchoredSize()).isZero();
            now.addAndGet(31_000);
            assertThat(anchors.awaitAnchored(2, Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void anUnreachableTargetLeavesAnchorsQueuedAcrossRestartsAndSendsEachOnce() throws Exception {
        InMemoryAnchorSink down = new InMemoryAnchorSink(false);
        down.failNext(Integer.MAX_VALUE);
        try (Ledger ledger = Ledger.open(dir)) {
            try (AnchorScheduler anchors = scheduler(ledger, down).everyRecords(3).start()) {
                append(ledger, 0, 3);
                Thread.sleep(300);
                assertThat(anchors.anchoredSize()).isZero();
                assertThat(anchors.lastError()).contains("unreachable");
            }
            try (SqliteAnchorQueue queue = SqliteAnchorQueue.open(dir)) {
                assertThat(queue.entries(down.target())).singleElement().satisfies(e -> {
                    assertThat(e.state()).isEqualTo(SqliteAnchorQueue.State.PENDING);
                    assertThat(e.attempts()).isPositive();
                });
            }
            // a new process, the node back: the queued anchor goes out once, then the next one
            InMemoryAnchorSink up = new InMemoryAnchorSink(false);
            up.failNext(2);
            try (AnchorScheduler anchors = scheduler(ledger, up).everyRecords(3).start()) {
                assertThat(anchors.awaitAnchored(3, Duration.ofSeconds(10))).isTrue();
                append(ledger, 3, 6);
                assertThat(anchors.awaitAnchored(6, Duration.ofSeconds(10))).isTrue();
            }
            try (AnchorScheduler anchors = scheduler(ledger, up).everyRecords(3).start()) {
                anchors.anchorNow();
                Thread.sleep(200);
            }
            assertThat(up.timesRecorded(3)).isEqualTo(1);
            assertThat(up.timesRecorded(6)).isEqualTo(1);
            assertThat(up.calls()).as("2 failures, then one publish per anchor, none after a restart").isEqualTo(4);
        }
    }

    @Test
    void appendsNeverWaitForAHangingTarget() throws Exception {
        InMemoryAnchorSink sink = new InMemoryAnchorSink(false);
        CountDownLatch release = sink.hold();
        try (Ledger ledger = Ledger.open(dir);
             AnchorScheduler anchors = scheduler(ledger, sink).everyRecords(1).closeTimeout(Duration.ofSeconds(5)).start()) {
            long start = System.nanoTime();
            append(ledger, 0, 200);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(anchors.anchoredSize()).isZero();
            assertThat(millis).as("200 appends while the target hangs").isLessThan(20_000);
            release.countDown();
            assertThat(anchors.awaitAnchored(200, Duration.ofSeconds(20))).isTrue();
        }
    }

    @Test
    void eventsModeSplitsABigBatchAndSendsTheFactsOfEveryRecordOnce() throws Exception {
        InMemoryAnchorSink sink = new InMemoryAnchorSink(true);
        try (Ledger ledger = Ledger.open(dir);
             AnchorScheduler anchors = scheduler(ledger, sink).everyRecords(10).maxRecordsPerAnchor(4).start()) {
            append(ledger, 0, 10);
            assertThat(anchors.awaitAnchored(10, Duration.ofSeconds(10))).isTrue();
            LogId id = LogId.ofVerifierKey(ledger.verifierKey());
            assertThat(sink.anchors(id)).extracting(Anchor::size).containsExactly(4L, 8L, 10L);
            assertThat(sink.find(id, 4).orElseThrow().root()).isEqualTo(ledger.root(4));
            assertThat(sink.facts(id, 0, 10)).extracting(RecordFact::index).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
            assertThat(sink.facts(id, 0, 10).get(7).recordId()).isEqualTo(SampleRecords.canonical(7).id());
        }
    }

    @Test
    void aSchedulerWithConnectionsOfItsOwnNeverHoldsUpAnotherWriter() throws Exception {
        InMemoryAnchorSink sink = new InMemoryAnchorSink(false);
        try (Ledger first = Ledger.open(dir)) {
            first.append(SampleRecords.canonical(0));
        }
        try (AnchorScheduler anchors = AnchorScheduler.builder(dir, sink).everyRecords(3).pollInterval(Duration.ofMillis(5))
                .every(Duration.ofHours(1)).start();
             Ledger writer = Ledger.open(dir)) {
            long slowest = 0;
            for (long i = 1; i < 30; i++) {
                long t = System.nanoTime();
                writer.append(SampleRecords.canonical(i));
                slowest = Math.max(slowest, (System.nanoTime() - t) / 1_000_000);
            }
            assertThat(slowest).as("slowest append (ms) while the scheduler polls, signs and queues").isLessThan(5_000);
            anchors.anchorNow(); // the last records may be fewer than everyRecords
            assertThat(anchors.awaitAnchored(30, Duration.ofSeconds(10))).isTrue();
        }
    }
}
