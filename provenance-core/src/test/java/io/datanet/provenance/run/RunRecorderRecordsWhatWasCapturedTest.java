package io.datanet.provenance.run;

import static io.datanet.provenance.run.RunFixtures.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import io.datanet.provenance.datanet.DataNet;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.license.LicenseTerms;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.record.CaptureMode;
import io.datanet.provenance.record.DataNetUse;
import io.datanet.provenance.record.FrameworkInfo;
import io.datanet.provenance.record.ObservedCount;
import io.datanet.provenance.record.PolicyVerdict;
import io.datanet.provenance.record.ProvenanceRecord;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecorderRecordsWhatWasCapturedTest {
    @TempDir
    Path ledgerDir;

    private CanonicalRecord runOnce(DataNet a, DataNet b) {
        RunRecorder run = RunRecorder.builder(ledgerDir, "m", "1").clock(CLOCK).runId("fixed").epochs(2)
                .intendedUse("research", false).framework(new FrameworkInfo("fw", "1.0", "CPU"))
                .hyperparameter("batchSize", "4")
                .dataNet(RunFixtures.observed(a, "0.7", 20))
                .dataNet(DataNetDeclaration.declaredOnly(b, new BigDecimal("0.30")))
                .shutdownHook(false).start();
        run.config(RunFixtures.digest("{config}"), Map.of("learningRate", "0.01"), 42);
        run.modelSource(() -> RunFixtures.model(1, 2, 3));
        for (int epoch = 0; epoch < 2; epoch++) {
            run.epochStarted();
            run.observe("a", "train", 4);
            run.observe("a", "train", 3);
            run.observe("b", "train", 9);
            if (run.epochEnded()) {
                return run.complete().orElseThrow();
            }
        }
        throw new AssertionError("declared epochs did not complete the run");
    }

    @Test
    void theRecordHoldsDataNetsPartitionsWeightsCountsConfigAndPolicy() {
        DataNet a = RunFixtures.dataNet("a", LicenseTerms.permissive("MIT"), 20);
        DataNet b = RunFixtures.dataNet("b", new LicenseTerms("CC-BY-NC-4.0", false, true, true, false, java.util.List.of()), 5);
        ProvenanceRecord r = runOnce(a, b).record();
        assertThat(r.run().id()).isEqualTo("fixed");
        assertThat(r.model().ref()).isEqualTo("m@1");
        assertThat(r.model().weights()).isEqualTo(RunFixtures.model(1, 2, 3).weights());
        assertThat(r.model().parameterCount()).isEqualTo(3);
        assertThat(r.config().hyperparameters()).containsEntry("epochs", "2").containsEntry("batchSize", "4")
                .containsEntry("learningRate", "0.01");
        assertThat(r.config().seed()).isEqualTo(42);
        assertThat(r.policy().verdict()).isEqualTo(PolicyVerdict.ALLOWED);
        assertThat(r.policy().intendedUse()).isEqualTo("research");

        DataNetUse ua = r.datanets().get(0);
        assertThat(ua.id()).isEqualTo("a");
        assertThat(ua.version()).isEqualTo(a.version());
        assertThat(ua.weight()).isEqualByComparingTo("0.7");
        assertThat(ua.partitions()).isEqualTo(RunFixtures.partitions(20).stream()
                .sorted(java.util.Comparator.comparing(p -> p.name())).toList());
        assertThat(ua.observed()).containsExactly(new ObservedCount("train", 0, 7, 2), new ObservedCount("train", 1, 7, 2));
        DataNetUse ub = r.datanets().get(1);
        assertThat(ub.capture()).isEqualTo(CaptureMode.DECLARED_ONLY);
        assertThat(ub.observed()).isEmpty();
        assertThat(ub.weight().toPlainString()).isEqualTo("0.3");
    }

    @Test
    void identicalRunsGiveIdenticalBytesAndOneChangedByteChangesThem() {
        DataNet a = RunFixtures.dataNet("a", LicenseTerms.permissive("MIT"), 20);
        DataNet b = RunFixtures.dataNet("b", LicenseTerms.permissive("MIT"), 5);
        CanonicalRecord one = runOnce(a, b);
        CanonicalRecord two = runOnce(a, b);
        assertThat(two.bytes()).isEqualTo(one.bytes());
        DataNet b2 = RunFixtures.dataNet("b", LicenseTerms.permissive("MIT"), 6);
        assertThat(b2.version()).isNotEqualTo(b.version());
        assertThat(runOnce(a, b2).idHex()).isNotEqualTo(one.idHex());
    }

    @Test
    void aFineTuneNamesItsParentFoundByWeights() {
        DataNet a = RunFixtures.dataNet("a", LicenseTerms.permissive("MIT"), 20);
        CanonicalRecord base = runOnce(a, RunFixtures.dataNet("b", LicenseTerms.permissive("MIT"), 5));
        RunRecorder tune = RunRecorder.builder(ledgerDir, "m-tuned", "1").clock(CLOCK).shutdownHook(false).start();
        assertThat(tune.parentFromWeights(RunFixtures.model(1, 2, 3).weights().value())).contains(base.idHex());
        assertThat(tune.parentFromWeights(RunFixtures.model(9).weights().value())).isEmpty();
        tune.modelSource(() -> RunFixtures.model(4));
        assertThat(tune.complete().orElseThrow().record().model().parent()).isEqualTo(base.idHex());
        try (Ledger ledger = Ledger.open(ledgerDir)) {
            assertThat(ledger.resolve("m-tuned@1").record().record().model().parent()).isEqualTo(base.idHex());
        }
    }
}
