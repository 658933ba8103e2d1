package io.datanet.provenance.query;

import static io.datanet.provenance.query.TestModels.model;
import static io.datanet.provenance.query.TestModels.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerOptions;
import io.datanet.provenance.query.FieldChange.Kind;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.testing.SampleRecords;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffReportsExactlyTheChangedFieldsTest {
    @TempDir
    Path dir;
    Ledger ledger;
    LineageQueries queries;
    CanonicalRecord base;

    @BeforeEach
    void open() {
        ledger = Ledger.open(dir, LedgerOptions.defaults().withCheckpointOnClose(false));
        queries = LineageQueries.on(ledger);
        base = ledger.append(model("base", "1").on("wine", "v1", "1").build()).record();
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void dataNetVersionsWeightsPartitionsConfigAndParentChangesAreEachOneChange() {
        ledger.append(model("clf", "1").on("iris", "v1", "0.5").on("text", "v1", "0.25").on("wine", "v1", "0.25")
                .build());
        ledger.append(model("clf", "2").parent(base).config("config-2").hyper("learningRate", "0.0005")
                .hyper("momentum", "0.9").hyper("batchSize", null)
                .on("iris", "v2", "0.5").on("wine", "v1", "0.3", "0.7").on("digits", "v1", "0.2").build());

        ModelDiff diff = queries.diff("clf@1", "clf@2");

        String w1 = SampleRecords.digestOf("weights clf@1 run-clf-1").toString();
        String w2 = SampleRecords.digestOf("weights clf@2 run-clf-2").toString();
        assertThat(diff.changes()).extracting(FieldChange::path, FieldChange::kind, FieldChange::before, FieldChange::after)
                .containsExactly(
                        tuple("/config/digest", Kind.CHANGED, SampleRecords.digestOf("config").toString(),
                                SampleRecords.digestOf("config-2").toString()),
                        tuple("/config/hyperparameters/batchSize", Kind.REMOVED, "32", null),
                        tuple("/config/hyperparameters/learningRate", Kind.CHANGED, "0.001", "0.0005"),
                        tuple("/config/hyperparameters/momentum", Kind.ADDED, null, "0.9"),
                        tuple("/datanets/digits", Kind.ADDED, null, diff.changes().get(4).after()),
                        tuple("/datanets/iris/partitions/test/membershipDigest", Kind.CHANGED,
                                SampleRecords.digestOf("irisv1test").toString(), SampleRecords.digestOf("irisv2test").toString()),
                        tuple("/datanets/iris/partitions/train/membershipDigest", Kind.CHANGED,
                                SampleRecords.digestOf("irisv1train").toString(), SampleRecords.digestOf("irisv2train").toString()),
                        tuple("/datanets/iris/version", Kind.CHANGED, version("iris", "v1").toString(),
                                version("iris", "v2").toString()),
                        tuple("/datanets/text", Kind.REMOVED, diff.changes().get(8).before(), null),
                        tuple("/datanets/wine/observed/train/0/batches", Kind.CHANGED, "25", "22"),
                        tuple("/datanets/wine/observed/train/0/samples", Kind.CHANGED, "800", "700"),
                        tuple("/datanets/wine/observed/train/1/batches", Kind.CHANGED, "25", "22"),
                        tuple("/datanets/wine/observed/train/1/samples", Kind.CHANGED, "800", "700"),
                        tuple("/datanets/wine/partitions/test/fraction", Kind.CHANGED, "0.2", "0.3"),
                        tuple("/datanets/wine/partitions/test/members", Kind.CHANGED, "200", "300"),
                        tuple("/datanets/wine/partitions/train/fraction", Kind.CHANGED, "0.8", "0.7"),
                        tuple("/datanets/wine/partitions/train/members", Kind.CHANGED, "800", "700"),
                        tuple("/datanets/wine/weight", Kind.CHANGED, "0.25", "0.3"),
                        tuple("/model/parent", Kind.ADDED, null, base.idHex()),
                        tuple("/model/version", Kind.CHANGED, "1", "2"),
                        tuple("/model/weights/digest", Kind.CHANGED, w1, w2));
        assertThat(diff.changes().get(4).after()).contains("\"weight\":\"0.2\"").contains(version("digits", "v1").toString());
        assertThat(diff.changes().get(8).before()).contains("\"weight\":\"0.25\"");
        assertThat(diff.changesUnder("/datanets/wine")).hasSize(9);
        assertThat(diff.identical()).isFalse();
    }

    @Test
    void aRecordComparedWithItselfOrARetrainOfTheSameFactsHasNoChanges() {
        assertThat(queries.diff("base@1", base.idHex()).identical()).isTrue();
        // a re-train: different run id and times, same everything else except the weights it produced
        ledger.append(model("base", "1").run("again").on("wine", "v1", "1").build());
        ModelDiff retrain = queries.diff(base.idHex(), "base@1");
        assertThat(retrain.changes()).extracting(FieldChange::path).containsExactly("/model/weights/digest");
    }

    @Test
    void aDataNetUsedAtTwoVersionsIsComparedVersionByVersion() {
        ledger.append(model("two", "1").on("iris", "v1", "0.5").on("iris", "v2", "0.5").build());
        ledger.append(model("two", "2").on("iris", "v2", "0.6").build());

        ModelDiff diff = queries.diff("two@1", "two@2");
        String v1 = "/datanets/iris@" + version("iris", "v1");
        String v2 = "/datanets/iris@" + version("iris", "v2");
        assertThat(diff.changes()).extracting(FieldChange::path, FieldChange::kind)
                .filteredOn(t -> ((String) t.toArray()[0]).startsWith("/datanets"))
                .containsExactlyInAnyOrder(tuple(v1, Kind.REMOVED), tuple(v2 + "/weight", Kind.CHANGED));
    }

    @Test
    void aFineTuneParentChangeIsReported() {
        CanonicalRecord other = ledger.append(model("other", "1").on("wine", "v1", "1").build()).record();
        ledger.append(model("ft", "1").parent(base).on("wine", "v1", "1").build());
        ledger.append(model("ft", "2").parent(other).on("wine", "v1", "1").build());
        assertThat(queries.diff("ft@1", "ft@2").changesUnder("/model/parent")).extracting(FieldChange::kind,
                FieldChange::before, FieldChange::after).containsExactly(tuple(Kind.CHANGED, base.idHex(), other.idHex()));
    }
}
