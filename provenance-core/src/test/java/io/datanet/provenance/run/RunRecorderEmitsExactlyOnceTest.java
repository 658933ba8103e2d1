package io.datanet.provenance.run;

import static io.datanet.provenance.run.RunFixtures.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerEntry;
import io.datanet.provenance.license.LicenseTerms;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.record.RunStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecorderEmitsExactlyOnceTest {
    @TempDir
    Path ledgerDir;

    private RunRecorder start(int epochs) {
        RunRecorder run = RunRecorder.builder(ledgerDir, "m", "1").clock(CLOCK).runId("r").epochs(epochs)
                .intendedUse("research", false)
                .dataNet(RunFixtures.observed(RunFixtures.dataNet("d", LicenseTerms.permissive("MIT"), 20), "1", 20))
                .shutdownHook(false).start();
        run.modelSource(() -> RunFixtures.model(1, 2, 3));
        return run;
    }

    private List<CanonicalRecord> ledgerRecords() {
        List<CanonicalRecord> out = new ArrayList<>();
        try (Ledger ledger = Ledger.open(ledgerDir)) {
            ledger.scan(0, ledger.size(), e -> out.add(e.record()));
        }
        return out;
    }

    @Test
    void completingTwiceAndClosingAfterwardsGivesOneRecord() {
        RunRecorder run = start(1);
        run.epochStarted();
        run.observe("d", "train", 5);
        assertThat(run.epochEnded()).isTrue();
        Optional<CanonicalRecord> first = run.complete();
        assertThat(run.complete()).isEmpty();
        assertThat(run.fail(new RuntimeException())).isEmpty();
        run.close();
        assertThat(first).isPresent();
        assertThat(ledgerRecords()).containsExactly(first.get());
        assertThat(first.get().record().run().status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void closingInsideAnEpochRecordsFailedAndBetweenEpochsInterrupted() {
        RunRecorder failed = start(3);
        failed.epochStarted();
        failed.observe("d", "train", 4);
        failed.close();
        RunRecorder interrupted = RunRecorder.builder(ledgerDir, "m", "2").clock(CLOCK).runId("r2").epochs(3)
                .shutdownHook(false).start();
        interrupted.epochStarted();
        interrupted.epochEnded();
        interrupted.close();
        assertThat(ledgerRecords()).extracting(r -> r.record().run().status())
                .containsExactly(RunStatus.FAILED, RunStatus.INTERRUPTED);
        assertThat(ledgerRecords().get(0).record().model().weights()).isNotNull();
    }

    @Test
    void racingEndingsFromManyThreadsEmitOneRecord() throws Exception {
        for (int round = 0; round < 5; round++) {
            RunRecorder run = RunRecorder.builder(ledgerDir, "m", "race" + round).clock(CLOCK).runId("r" + round)
                    .shutdownHook(false).start();
            run.modelSource(() -> RunFixtures.model(1));
            ExecutorService pool = Executors.newFixedThreadPool(6);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Optional<CanonicalRecord>>> results = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int kind = t % 3;
                results.add(pool.submit(() -> {
                    go.await();
                    return kind == 0 ? run.complete() : kind == 1 ? run.fail(new IllegalStateException()) : run.interrupt();
                }));
            }
            go.countDown();
            long emitted = 0;
            for (Future<Optional<CanonicalRecord>> f : results) {
                emitted += f.get().isPresent() ? 1 : 0;
            }
            pool.shutdown();
            assertThat(emitted).isEqualTo(1);
        }
        assertThat(ledgerRecords()).hasSize(5);
    }

    @Test
    void aRunWithoutTheModelWhenCompletingIsRecordedFailedNotLost() {
        RunRecorder run = RunRecorder.builder(ledgerDir, "m", "1").clock(CLOCK).runId("r").shutdownHook(false).start();
        run.modelSource(() -> {
            throw new IllegalStateException("model released");
        });
        Optional<CanonicalRecord> rec = run.complete();
        assertThat(rec).isPresent();
        assertThat(rec.get().record().run().status()).isEqualTo(RunStatus.FAILED);
        try (Ledger ledger = Ledger.open(ledgerDir)) {
            assertThat(ledger.resolve("m@1")).extracting(LedgerEntry::id).isEqualTo(rec.get().idHex());
        }
    }
}
