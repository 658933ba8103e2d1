package io.datanet.provenance.djl;

import static io.datanet.provenance.testkit.ContractData.ALPHA;
import static io.datanet.provenance.testkit.ContractData.BETA;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import io.datanet.provenance.Digest;
import io.datanet.provenance.datanet.DataNet;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.record.DataNetUse;
import io.datanet.provenance.record.ObservedCount;
import io.datanet.provenance.record.ProvenanceRecord;
import io.datanet.provenance.record.RunStatus;
import io.datanet.provenance.split.DataNetSplit;
import io.datanet.provenance.testkit.ContractData;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the issue measured about DJL on PyTorch, checked here so an upgrade that changes it fails: the end of
 * training is {@code Trainer.close()}, not the return of {@code EasyTrain.fit}; {@code toByteBuffer(true)} is a
 * view of the tensor's memory, not a copy. And what the listener does with it: validation batches are not
 * counted as training, a saved model's file digest is recorded, a loaded model trained as is names its record
 * as parent.
 */
class DjlListenerFollowsDjlsLifecycleTest {
    static final DataNetSplit SPLIT = DataNetSplit.builder(42).partition("train", "0.7").partition("test", "0.3").build();
    @TempDir
    static Path data;
    static DataNet alpha;
    static DataNet beta;
    @TempDir
    Path dir;

    @BeforeAll
    static void writeData() {
        alpha = ContractData.write(data, ALPHA);
        beta = ContractData.write(data, BETA);
    }

    private static DataNetDataset dataset(String partition, DataNet... dataNets) {
        DataNetDataset.Builder b = DataNetDataset.builder(SPLIT, partition).setSampling(8, true);
        for (DataNet d : dataNets) {
            b.addDataNet(d, "1", DjlNetworks::contractCsv);
        }
        return b.build();
    }

    private static ProvenanceRecord only(Path ledgerDir, int index) {
        try (Ledger ledger = Ledger.open(ledgerDir)) {
            return ledger.get(index).orElseThrow().record().record();
        }
    }

    @Test
    void withoutDeclaredEpochsTheRecordWaitsForTrainerClose() throws Exception {
        Path ledger = dir.resolve("ledger");
        DataNetDataset train = dataset("train", alpha);
        ProvenanceTrainingListener provenance = ProvenanceTrainingListener.builder(ledger, "m", "1")
                .optTrainingData(train).optIntendedUse("test", false).optShutdownHook(false).build();
        Model model = DjlNetworks.model("m");
        Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .addTrainingListeners(provenance));
        trainer.initialize(new Shape(8, ContractData.FEATURES));
        EasyTrain.fit(trainer, 2, train, null);
        assertThat(provenance.record()).as("no record when fit returns").isEmpty();
        trainer.close();
        assertThat(provenance.record()).isPresent();
        ProvenanceRecord r = only(ledger, 0);
        assertThat(r.run().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.datanets().get(0).observed()).extracting(ObservedCount::epoch).containsOnly(0, 1);
        assertThat(r.framework().name()).isEqualTo("djl");
        assertThat(r.framework().version()).isEqualTo(Engine.getDjlVersion());
        assertThat(r.framework().backend()).startsWith("PyTorch 2.7.1");
        provenance.close();
        try (Ledger l = Ledger.open(ledger)) {
            assertThat(l.size()).as("closing again records nothing").isEqualTo(1);
        }
    }

    @Test
    void toByteBufferTrueIsAViewOfTheParameterNotACopy() throws Exception {
        Model model = DjlNetworks.model("view");
        model.getBlock().initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 4));
        Pair<String, Parameter> first = model.getBlock().getParameters().get(0);
        NDArray weight = first.getValue().getArray();
        ByteBuffer view = weight.toByteBuffer(true);
        assertThat(view.isDirect()).isTrue();
        float before = view.getFloat(0);
        weight.addi(1f);
        assertThat(view.getFloat(0)).as("the buffer sees an in-place change of the tensor").isEqualTo(before + 1f);
    }

    @Test
    void validationBatchesAreNotCountedAsTraining() throws Exception {
        Path ledger = dir.resolve("ledger");
        DataNetDataset train = dataset("train", alpha, beta);
        DataNetDataset test = dataset("test", alpha, beta);
        long[] validated = {0};
        try (ProvenanceTrainingListener provenance = ProvenanceTrainingListener.builder(ledger, "m", "1")
                .optTrainingData(train).optEpochs(1).optIntendedUse("test", false).optShutdownHook(false).build()) {
            Model model = DjlNetworks.model("m");
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .addTrainingListeners(provenance, new ai.djl.training.listener.TrainingListenerAdapter() {
                        @Override
                        public void onValidationBatch(Trainer t, BatchData b) {
                            validated[0] += b.getBatch().getSize();
                        }
                    }))) {
                trainer.initialize(new Shape(8, ContractData.FEATURES));
                EasyTrain.fit(trainer, 1, train, test);
            }
        }
        ProvenanceRecord r = only(ledger, 0);
        assertThat(validated[0]).isPositive();
        long trainMembers = r.datanets().stream().mapToLong(u -> u.partitions().get(0).members()).sum();
        assertThat(r.datanets()).allSatisfy(u -> assertThat(u.observed()).extracting(ObservedCount::partition)
                .containsOnly("train"));
        assertThat(r.datanets().stream().mapToLong(DataNetUse::samplesObserved).sum())
                .isGreaterThanOrEqualTo(trainMembers);
    }

    @Test
    void aSavedModelsFileIsRecordedAndTrainingItAgainAsLoadedNamesItsRecordAsParent() throws Exception {
        Path ledger = dir.resolve("ledger");
        Path models = dir.resolve("models");
        DataNetDataset train = dataset("train", alpha);
        String baseId;
        try (ProvenanceTrainingListener provenance = ProvenanceTrainingListener.builder(ledger, "base", "1")
                .optTrainingData(train).optEpochs(2).optIntendedUse("test", false).optSaveModel(models)
                .optShutdownHook(false).build()) {
            Model model = DjlNetworks.model("base");
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .addTrainingListeners(provenance))) {
                trainer.initialize(new Shape(8, ContractData.FEATURES));
                EasyTrain.fit(trainer, 2, train, null);
            }
            baseId = provenance.record().orElseThrow().idHex();
        }
        Path file = models.resolve("base-0002.params");
        ProvenanceRecord base = only(ledger, 0);
        assertThat(base.model().fileDigest()).isEqualTo(Digest.parse("sha256:"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)))));

        Model loaded = DjlNetworks.model("base");
        loaded.load(models, "base");
        DataNetDataset more = dataset("train", beta);
        try (ProvenanceTrainingListener provenance = ProvenanceTrainingListener.builder(ledger, "base-more", "1")
                .optTrainingData(more).optEpochs(1).optIntendedUse("test", false).optShutdownHook(false).build()) {
            try (Trainer trainer = loaded.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .addTrainingListeners(provenance))) {
                trainer.initialize(new Shape(8, ContractData.FEATURES));
                EasyTrain.fit(trainer, 1, more, null);
            }
            assertThat(provenance.parent()).contains(baseId);
        }
        assertThat(only(ledger, 1).model().parent()).isEqualTo(baseId);
    }
}
