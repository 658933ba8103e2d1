package io.datanet.provenance.samples;

import ai.djl.Model;
import ai.djl.basicdataset.tabular.CsvDataset;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingResult;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datanet.provenance.Digest;
import io.datanet.provenance.datanet.DataNet;
import io.datanet.provenance.djl.DataNetDataset;
import io.datanet.provenance.djl.ProvenanceTrainingListener;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerEntry;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.record.DataNetUse;
import io.datanet.provenance.record.ProvenanceRecord;
import io.datanet.provenance.split.DataNetSplit;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;

/**
 * The DJL sample: trains an activity classifier with DJL on PyTorch (CPU) on two DataNets with declared weights,
 * saves it, loads it back and fine-tunes it on a third DataNet with its feature layer frozen; both runs are
 * recorded, the fine-tune with the base model's record as {@code parent}. Prints both records and the lineage.
 *
 * <p>Arguments: the sample DataNets' directory (default {@code samples/datanets}), the ledger directory (default
 * {@code $PROVENANCE_LEDGER} or {@code ./.provenance}) and where models are saved (default
 * {@code samples/target/djl-models}). Runs offline: set {@code -Dai.djl.offline=true}; the PyTorch natives come
 * from the {@code pytorch-native-cpu} jar on the classpath.
 */
public final class DjlJob {
    private static final int BATCH = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    private DjlJob() {}

    /** The two records of a run of the sample. */
    public record Records(CanonicalRecord base, CanonicalRecord fineTuned) {}

    public static void main(String[] args) throws Exception {
        Path datanets = Path.of(args.length > 0 ? args[0] : "samples/datanets");
        Path ledger = args.length > 1 ? Path.of(args[1]) : Ledger.defaultDirectory();
        Path models = args.length > 2 ? Path.of(args[2])
                : datanets.toAbsolutePath().getParent().resolve("target").resolve("djl-models");
        Records records = run(datanets, ledger.toAbsolutePath(), models);
        System.out.println("\n== Record " + records.base().idHex() + " ==");
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(records.base().bytes())));
        System.out.println("\n== Record " + records.fineTuned().idHex() + " ==");
        System.out.println(JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(JSON.readTree(records.fineTuned().bytes())));
        try (Ledger l = Ledger.open(ledger)) {
            printLineage(l, records.fineTuned().idHex());
        }
    }

    /** Trains and fine-tunes, recording into {@code ledger}; returns both records. */
    public static Records run(Path datanets, Path ledger, Path models) throws Exception {
        DataNet trail = DataNet.load(datanets.resolve(SampleDataNets.TRAIL));
        DataNet city = DataNet.load(datanets.resolve(SampleDataNets.CITY));
        DataNet clinic = DataNet.load(datanets.resolve(SampleDataNets.CLINIC));
        DataNetSplit split = DataNetSplit.builder(42)
                .partition("train", "0.8").partition("validation", "0.1").partition("test", "0.1").build();
        Engine.getInstance().setRandomSeed(7);
        System.out.println("Ledger: " + ledger + "\nEngine: " + Engine.getInstance().getEngineName() + " "
                + Engine.getInstance().getVersion() + ", DJL " + Engine.getDjlVersion());

        // 1. The base model, on two DataNets mixed 0.6 / 0.4
        DataNetDataset train = DataNetDataset.builder(split, "train").optMixtureSeed(7)
                .addDataNet(trail, "0.6", DjlJob::csv).addDataNet(city, "0.4", DjlJob::csv)
                .setSampling(BATCH, true).build();
        DataNetDataset validation = DataNetDataset.builder(split, "validation")
                .addDataNet(trail, "1", DjlJob::csv).addDataNet(city, "1", DjlJob::csv).setSampling(BATCH, false).build();
        CanonicalRecord base;
        try (Model model = Model.newInstance("activity-djl")) {
            model.setBlock(new SequentialBlock().add(Linear.builder().setUnits(16).build()).add(Activation::relu)
                    .add(Linear.builder().setUnits(3).build()));
            ProvenanceTrainingListener provenance = ProvenanceTrainingListener.builder(ledger, "activity-djl", "1.0")
                    .optTrainingData(train).optEpochs(6).optIntendedUse("research", false)
                    .optHyperparameter("learningRate", "0.02").optHyperparameter("batchSize", "" + BATCH)
                    .optSaveModel(models).build();
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.02f)).build())
                    .addEvaluator(new Accuracy())
                    .addTrainingListeners(TrainingListener.Defaults.basic())
                    .addTrainingListeners(provenance);                    // the one line
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(BATCH, 4));
                EasyTrain.fit(trainer, 6, train, validation);
                report("activity-djl@1.0", trainer.getTrainingResult());
            }
            base = provenance.record().orElseThrow();
        }

        // 2. A fine-tune of the saved model on the clinic's DataNet: the feature layer frozen, the head trained
        DataNetDataset clinicTrain = DataNetDataset.builder(split, "train").addDataNet(clinic, "1", DjlJob::csv)
                .setSampling(BATCH, true).build();
        DataNetDataset clinicValidation = DataNetDataset.builder(split, "validation")
                .addDataNet(clinic, "1", DjlJob::csv).setSampling(BATCH, false).build();
        CanonicalRecord tuned;
        try (Model model = Model.newInstance("activity-djl")) {
            model.setBlock(new SequentialBlock().add(Linear.builder().setUnits(16).build()).add(Activation::relu)
                    .add(Linear.builder().setUnits(3).build()));
            model.load(models, "activity-djl");
            Block features = model.getBlock().getChildren().get(0).getValue();
            ProvenanceTrainingListener provenance = ProvenanceTrainingListener.builder(ledger, "activity-djl-clinic", "1.1")
                    .optTrainingData(clinicTrain).optEpochs(4).optIntendedUse("research", false).optFineTunes(model)
                    .optHyperparameter("learningRate", "0.01").optHyperparameter("frozen", "01Linear")
                    .optHyperparameter("batchSize", "" + BATCH).build();
            features.freezeParameters(true);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build())
                    .addEvaluator(new Accuracy())
                    .addTrainingListeners(TrainingListener.Defaults.basic())
                    .addTrainingListeners(provenance);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(BATCH, 4));
                EasyTrain.fit(trainer, 4, clinicTrain, clinicValidation);
                report("activity-djl-clinic@1.1", trainer.getTrainingResult());
            }
            tuned = provenance.record().orElseThrow();
        }
        return new Records(base, tuned);
    }

    /** One sample file (header {@code heart_rate,cadence,motion,skin_temp,activity}) as a DJL CsvDataset. */
    static RandomAccessDataset csv(Path file) {
        return CsvDataset.builder().optCsvFile(file)
                .setCsvFormat(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())
                .addNumericFeature("heart_rate").addNumericFeature("cadence").addNumericFeature("motion")
                .addNumericFeature("skin_temp").addNumericLabel("activity")
                .setSampling(1, false).build();
    }

    private static void report(String model, TrainingResult result) {
        Float accuracy = result.getValidateEvaluation("Accuracy");
        System.out.printf(Locale.ROOT, "Trained %s: %d epochs, validation accuracy %s%n", model, result.getEpoch(),
                accuracy == null ? "n/a" : String.format(Locale.ROOT, "%.3f", accuracy));
    }

    /** The model, its ancestors through fine-tunes, and the DataNets each was trained on. */
    private static void printLineage(Ledger ledger, String recordId) {
        System.out.println("\n== Lineage ==");
        String id = recordId;
        for (int depth = 0; id != null; depth++) {
            LedgerEntry e = ledger.find(Digest.parseHex(id)).orElseThrow();
            ProvenanceRecord r = e.record().record();
            String indent = "  ".repeat(depth);
            System.out.printf("%s%s  record %s (log index %d) %s, %s %s%n", indent, r.model().ref(), id.substring(0, 12),
                    e.index(), r.run().status(), r.framework().name(), r.framework().backend());
            List<DataNetUse> uses = r.datanets();
            for (DataNetUse d : uses) {
                System.out.printf(Locale.ROOT, "%s  datanet %s@%s %s weight %s: %d samples seen%n", indent, d.id(),
                        d.version().hex().substring(0, 12), d.license().spdx(), d.weight().toPlainString(),
                        d.samplesObserved());
            }
            id = r.model().parent();
            if (id != null) {
                System.out.println(indent + "  fine-tuned from:");
            }
        }
    }
}
