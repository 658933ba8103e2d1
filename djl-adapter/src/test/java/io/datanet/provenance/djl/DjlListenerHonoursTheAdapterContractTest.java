package io.datanet.provenance.djl;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.datanet.provenance.datanet.DataNet;
import io.datanet.provenance.testkit.ContractData;
import io.datanet.provenance.testkit.ProvenanceAdapterContract;
import io.datanet.provenance.testkit.RunOutcome;
import io.datanet.provenance.testkit.RunSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The DJL listener against the shared adapter contract, on PyTorch (CPU): {@code EasyTrain.fit}, and a
 * hand-written loop over {@code trainer.iterateDataset}.
 */
class DjlListenerHonoursTheAdapterContractTest extends ProvenanceAdapterContract {
    static final String FIT = "EasyTrain.fit(trainer, epochs, dataset, null)";
    static final String LOOP = "for (Batch b : trainer.iterateDataset(dataset)) EasyTrain.trainBatch(..)";

    @Override
    protected List<String> variants() {
        return List.of(FIT, LOOP);
    }

    @Override
    protected RunOutcome train(RunSpec spec) throws Exception {
        Map<String, Map<Integer, Long>> samples = new HashMap<>();
        Map<String, Map<Integer, Long>> batches = new HashMap<>();
        Engine.getInstance().setRandomSeed(42);
        Model base = (Model) spec.startFrom();
        Model model = base != null ? DjlNetworks.copyOf(base, spec.model()) : DjlNetworks.model(spec.model());

        ProvenanceTrainingListener.Builder b = ProvenanceTrainingListener.builder(spec.ledger(), spec.model(),
                spec.version()).optClock(spec.clock()).optRunId(spec.runId()).optEpochs(spec.epochs())
                .optIntendedUse(spec.intendedUse(), spec.commercial()).optShutdownHook(false)
                .optHyperparameter("learningRate", "0.05");
        if (base != null) {
            b.optFineTunes(base);
        }
        DataNetDataset data;
        ProvenanceTrainingListener provenance;
        try {
            DataNetDataset.Builder db = DataNetDataset.builder(spec.split(), RunSpec.TRAIN).optMixtureSeed(7)
                    .setSampling(spec.batchSize(), true);
            for (RunSpec.Weighted w : spec.dataNets()) {
                db.addDataNet(w.dataNet(), w.weight(), DjlNetworks::contractCsv);
            }
            if (spec.ending() == RunSpec.Ending.THROW_IN_FIT) {
                int at = spec.endingAt() * spec.batchSize();
                int[] delivered = {0};
                db.addTransform(array -> {
                    if (delivered[0]++ == at) {
                        throw new IllegalStateException("corrupt record " + at);
                    }
                    return array;
                });
            }
            data = db.build();
            provenance = b.optTrainingData(data).build();
        } catch (RuntimeException e) {
            return new RunOutcome(samples, batches, null, null, e);
        }

        int[] epoch = {0};
        TrainingListenerAdapter harness = new TrainingListenerAdapter() {
            @Override
            public void onTrainingBatch(Trainer trainer, BatchData batchData) {
                NDArray features = batchData.getBatch().getData().head();
                float[] tags = features.get(":, " + (ContractData.FEATURES - 1)).toFloatArray();
                Map<String, Long> perBatch = new HashMap<>();
                for (float t : tags) {
                    perBatch.merge(ContractData.idOfTag(Math.round(t)), 1L, Long::sum);
                }
                perBatch.forEach((id, n) -> {
                    count(samples, id, epoch[0], n);
                    count(batches, id, epoch[0], 1);
                });
            }

            @Override
            public void onEpoch(Trainer trainer) {
                epoch[0]++;
            }
        };
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.05f)).build())
                .optDevices(new Device[] {Device.cpu()})
                .addTrainingListeners(provenance, harness);
        int epochs = spec.ending() == RunSpec.Ending.CLOSE_EARLY ? spec.endingAt() : spec.epochs();
        Throwable thrown = null;
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(new Shape(spec.batchSize(), ContractData.FEATURES));
            if (spec.variant().equals(FIT)) {
                EasyTrain.fit(trainer, epochs, data, null);
            } else {
                for (int e = 0; e < epochs; e++) {
                    for (Batch batch : trainer.iterateDataset(data)) {
                        EasyTrain.trainBatch(trainer, batch);
                        trainer.step();
                        batch.close();
                    }
                    trainer.notifyListeners(l -> l.onEpoch(trainer));
                }
            }
        } catch (RuntimeException e) {
            thrown = e;
        }
        return new RunOutcome(samples, batches, DjlNetworks.independentDigest(model), model, thrown);
    }

    @Override
    protected ProcessBuilder longRunInChildJvm(Path ledger, Path dataNetDir) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        for (String p : List.of("ai.djl.offline", "ai.djl.default_engine", "DJL_CACHE_DIR")) {
            if (System.getProperty(p) != null) {
                command.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        command.addAll(List.of(LongTrainingMain.class.getName(), ledger.toString(), dataNetDir.toString()));
        return new ProcessBuilder(command);
    }

    /** The child JVM of the shutdown test: trains for ever, printing TRAINING after the first batch. */
    static final class LongTrainingMain {
        public static void main(String[] args) throws Exception {
            DataNet dn = DataNet.load(Path.of(args[1]));
            DataNetDataset data = DataNetDataset.builder(SPLIT, RunSpec.TRAIN)
                    .addDataNet(dn, "1", DjlNetworks::contractCsv).setSampling(4, true).build();
            ProvenanceTrainingListener provenance = ProvenanceTrainingListener.builder(Path.of(args[0]), "long", "1")
                    .optTrainingData(data).optEpochs(1_000_000).optIntendedUse("research", false).build();
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .addTrainingListeners(provenance, new TrainingListenerAdapter() {
                        boolean said;

                        @Override
                        public void onTrainingBatch(Trainer trainer, BatchData batchData) {
                            if (!said) {
                                said = true;
                                System.out.println("TRAINING");
                                System.out.flush();
                            }
                        }
                    });
            Model model = DjlNetworks.model("long");
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(4, ContractData.FEATURES));
                EasyTrain.fit(trainer, 1_000_000, data, null);
            }
        }
    }
}
