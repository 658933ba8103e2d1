package io.datanet.provenance.run;

import static io.datanet.provenance.run.RunFixtures.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datanet.provenance.Digest;
import io.datanet.provenance.ProvenanceException;
import io.datanet.provenance.datanet.DataNet;
import io.datanet.provenance.license.LicenseTerms;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.record.ObservedCount;
import io.datanet.provenance.record.ProvenanceRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RunRecorder#parentFromWeightsInBackground}: the training thread hands the ledger lookup to a background
 * thread and goes on; the record still names the parent the lookup found, because the emission waits for it.
 * Also the per-batch {@link RunRecorder#counter}s the adapters resolve once.
 */
class ParentLookupRunsBesideTrainingTest {
    private static final String PARENT = "ab".repeat(32);
    private static final String NAMED = "cd".repeat(32);

    @TempDir
    Path spool;

    /** A sink whose lookup waits for {@code release} and then answers {@code answer} (or throws). */
    private static final class SlowSink implements RecordSink {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch asked = new CountDownLatch(1);
        final List<CanonicalRecord> appended = new CopyOnWriteArrayList<>();
        final Optional<String> answer;
        final boolean fail;
        volatile Thread lookupThread;

        SlowSink(Optional<String> answer, boolean fail) {
            this.answer = answer;
            this.fail = fail;
        }

        @Override
        public void append(CanonicalRecord record) {
            appended.add(record);
        }

        @Override
        public Optional<String> findByWeights(Digest weights) {
            lookupThread = Thread.currentThread();
            asked.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (fail) {
                throw new ProvenanceException("the ledger is down");
            }
            return answer;
        }
    }

    private RunRecorder start(SlowSink sink, boolean strict) {
        RunRecorder run = RunRecorder.builder(sink, "m", "1").clock(CLOCK).runId("r").strict(strict)
                .spoolDirectory(spool).shutdownHook(false).start();
        run.modelSource(() -> RunFixtures.model(1, 2));
        return run;
    }

    @Test
    void theCallerDoesNotWaitForTheLookupAndTheRecordNamesTheParentItFound() throws Exception {
        SlowSink sink = new SlowSink(Optional.of(PARENT), false);
        RunRecorder run = start(sink, false);
        run.parentFromWeightsInBackground(RunFixtures.model(1).weights().value()); // returns with the lookup blocked
        assertThat(sink.asked.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sink.lookupThread).isNotSameAs(Thread.currentThread());
        Thread releaser = new Thread(() -> {
            sleep(200);
            sink.release.countDown();
        });
        releaser.start();
        ProvenanceRecord r = run.complete().orElseThrow().record(); // waits for the lookup
        assertThat(r.model().parent()).isEqualTo(PARENT);
        assertThat(sink.appended).hasSize(1);
        assertThat(run.parent()).contains(PARENT);
        releaser.join();
    }

    @Test
    void aParentNamedAfterTheLookupStartedWins() {
        SlowSink sink = new SlowSink(Optional.of(PARENT), false);
        RunRecorder run = start(sink, false);
        run.parentFromWeightsInBackground(RunFixtures.model(1).weights().value());
        sink.release.countDown();
        run.parent(NAMED);
        assertThat(run.complete().orElseThrow().record().model().parent()).isEqualTo(NAMED);
    }

    @Test
    void aFailedLookupLeavesTheRecordWithoutParentAndStillStoresIt() {
        SlowSink sink = new SlowSink(Optional.empty(), true);
        RunRecorder run = start(sink, false);
        run.parentFromWeightsInBackground(RunFixtures.model(1).weights().value());
        sink.release.countDown();
        assertThat(run.complete().orElseThrow().record().model().parent()).isNull();
        assertThat(sink.appended).hasSize(1);
    }

    @Test
    void inStrictModeTheLookupRunsOnTheCallerAndItsFailureStopsTheRun() {
        SlowSink sink = new SlowSink(Optional.empty(), true);
        sink.release.countDown();
        RunRecorder run = start(sink, true);
        assertThatThrownBy(() -> run.parentFromWeightsInBackground(RunFixtures.model(1).weights().value()))
                .isInstanceOf(ProvenanceException.class).hasMessageContaining("parent model of run r");
        assertThat(sink.lookupThread).isSameAs(Thread.currentThread());
    }

    @Test
    void countersCountPerEpochAndACounterForWhatTheRunDoesNotObserveCountsNothing() {
        DataNet a = RunFixtures.dataNet("a", LicenseTerms.permissive("MIT"), 20);
        SlowSink sink = new SlowSink(Optional.empty(), false);
        RunRecorder run = RunRecorder.builder(sink, "m", "1").clock(CLOCK).runId("r").spoolDirectory(spool)
                .dataNet(RunFixtures.observed(a, "1", 20)).shutdownHook(false).start();
        run.modelSource(() -> RunFixtures.model(1));
        RunRecorder.Counter train = run.counter("a", "train");
        RunRecorder.Counter unknownPartition = run.counter("a", "validation");
        RunRecorder.Counter unknownDataNet = run.counter("b", "train");
        for (int epoch = 0; epoch < 3; epoch++) {
            run.epochStarted();
            for (int batch = 0; batch <= epoch; batch++) {
                train.add(4);
                unknownPartition.add(5);
                unknownDataNet.add(6);
            }
            train.add(0); // an empty batch is not a batch
            run.epochEnded();
        }
        run.observe("a", "train", 1); // the string form counts into the same slot, in the epoch now current
        assertThat(run.samplesObserved()).isEqualTo(4 * 6 + 1);
        assertThat(run.complete().orElseThrow().record().datanets().get(0).observed()).containsExactly(
                new ObservedCount("train", 0, 4, 1), new ObservedCount("train", 1, 8, 2),
                new ObservedCount("train", 2, 12, 3), new ObservedCount("train", 3, 1, 1));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
