package io.datanet.provenance.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.record.DataNetUse;
import io.datanet.provenance.record.ProvenanceRecord;
import io.datanet.provenance.record.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the DJL sample for real (PyTorch on CPU, offline) into a fresh ledger and checks what it recorded. */
class DjlJobRecordsTrainingAndFineTuneTest {
    @TempDir
    Path dir;

    @Test
    void theFineTuneOfTheSavedModelNamesTheBaseRecordAsParent() throws Exception {
        Path ledger = dir.resolve("ledger");
        Path models = dir.resolve("models");
        DjlJob.Records records = DjlJob.run(Path.of("datanets"), ledger, models);

        ProvenanceRecord base = records.base().record();
        ProvenanceRecord tuned = records.fineTuned().record();
        assertThat(base.run().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(base.model().ref()).isEqualTo("activity-djl@1.0");
        assertThat(base.framework().name()).isEqualTo("djl");
        assertThat(base.datanets()).extracting(DataNetUse::id).containsExactlyInAnyOrder(SampleDataNets.TRAIL,
                SampleDataNets.CITY);
        assertThat(base.datanets()).allSatisfy(u -> assertThat(u.samplesObserved()).isPositive());
        assertThat(base.model().fileDigest()).isNotNull();
        assertThat(Files.exists(models.resolve("activity-djl-0006.params"))).isTrue();

        assertThat(tuned.run().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(tuned.model().parent()).isEqualTo(records.base().idHex());
        assertThat(tuned.datanets()).extracting(DataNetUse::id).containsExactly(SampleDataNets.CLINIC);
        assertThat(tuned.model().weights()).isNotEqualTo(base.model().weights());
        try (Ledger l = Ledger.open(ledger)) {
            assertThat(l.size()).isEqualTo(2);
            assertThat(l.verify(false, i -> { }).ok()).isTrue();
        }
    }
}
