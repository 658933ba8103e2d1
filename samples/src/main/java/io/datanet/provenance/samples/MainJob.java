package io.datanet.provenance.samples;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datanet.provenance.Digest;
import io.datanet.provenance.datanet.DataNet;
import io.datanet.provenance.dl4j.DataNetDataSetIterator;
import io.datanet.provenance.dl4j.ProvenanceTrainingListener;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerEntry;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.record.DataNetUse;
import io.datanet.provenance.record.PartitionInfo;
import io.datanet.provenance.record.ProvenanceRecord;
import io.datanet.provenance.split.DataNetSplit;
import java.nio.file.Path;
import java.util.Locale;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The main job: trains an activity classifier on two DataNets with declared weights, fine-tunes it on a third,
 * records both runs in the default ledger ({@code $PROVENANCE_LEDGER} or {@code ./.provenance}) and prints the
 * records and the lineage of the fine-tuned model. Argument: the directory holding the sample DataNets
 * (default {@code samples/datanets}).
 */
public final class MainJob {
    private static final int FEATURES = 4;
    private static final int CLASSES = 3;
    private static final int BATCH = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    private MainJob() {}

    public static void main(String[] args) throws Exception {
        Path datanets = Path.of(args.length > 0 ? args[0] : "samples/datanets");
        Path ledgerDir = Ledger.defaultDirectory().toAbsolutePath();
        Path models = datanets.toAbsolutePath().getParent().resolve("target").resolve("models");
        DataNet trail = DataNet.load(datanets.resolve(SampleDataNets.TRAIL));
        DataNet city = DataNet.load(datanets.resolve(SampleDataNets.CITY));
        DataNet clinic = DataNet.load(datanets.resolve(SampleDataNets.CLINIC));
        DataNetSplit split = DataNetSplit.builder(42)
                .partition("train", "0.8").partition("validation", "0.1").partition("test", "0.1").build();
        System.out.println("Ledger: " + ledgerDir);
        for (DataNet d : new DataNet[] {trail, city, clinic}) {
            System.out.printf("DataNet %-15s %s  %-12s %d files by %s%n", d.id(), d.version(), d.license().spdx(),
                    d.files().size(), d.contributors().stream().map(c -> c.name()).toList());
        }

        // 1. The base model, on two DataNets mixed 0.6 / 0.4
        DataNetDataSetIterator train = DataNetDataSetIterator.builder(split, "train").mixtureSeed(7)
                .dataNet(trail, "0.6", () -> new CSVRecordReader(1, ','), MainJob::batches)
                .dataNet(city, "0.4", () -> new CSVRecordReader(1, ','), MainJob::batches)
                .build();
        MultiLayerNetwork base = network();
        Path baseFile = models.resolve("activity-1.0.zip");
        CanonicalRecord baseRecord;
        try (ProvenanceTrainingListener provenance = new ProvenanceTrainingListener.Builder("activity", "1.0")
                .data(train).epochs(6).intendedUse("research", false).hyperparameter("batchSize", "" + BATCH)
                .modelFile(baseFile).build()) {
            base.addListeners(provenance);                              // the one line
            base.fit(train, 6);
            baseRecord = provenance.record().orElseThrow();
        }
        System.out.printf("%nTrained activity@1.0: test accuracy %.3f%n", accuracy(base, split, trail, city));

        // 2. A fine-tune of the saved model on the clinic's DataNet (non-commercial research use)
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(baseFile.toFile());
        MultiLayerNetwork tuned = new TransferLearning.Builder(restored)
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().updater(new Adam(0.01)).seed(11).build())
                .setFeatureExtractor(0)
                .removeOutputLayer()
                .addLayer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build();
        DataNetDataSetIterator clinicTrain = DataNetDataSetIterator.builder(split, "train")
                .dataNet(clinic, "1", () -> new CSVRecordReader(1, ','), MainJob::batches).build();
        CanonicalRecord tunedRecord;
        try (ProvenanceTrainingListener provenance = new ProvenanceTrainingListener.Builder("activity-clinic", "1.1")
                .data(clinicTrain).epochs(4).intendedUse("research", false).fineTunes(restored)
                .hyperparameter("batchSize", "" + BATCH).modelFile(models.resolve("activity-clinic-1.1.zip")).build()) {
            tuned.addListeners(provenance);
            tuned.fit(clinicTrain, 4);
            tunedRecord = provenance.record().orElseThrow();
        }
        System.out.printf("Fine-tuned activity-clinic@1.1: test accuracy %.3f%n", accuracy(tuned, split, clinic));

        System.out.println("\n== Record " + baseRecord.idHex() + " ==");
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(baseRecord.bytes())));
        System.out.println("\n== Record " + tunedRecord.idHex() + " ==");
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(tunedRecord.bytes())));
        try (Ledger ledger = Ledger.open(ledgerDir)) {
            printLineage(ledger, tunedRecord.idHex());
        }
    }

    private static RecordReaderDataSetIterator batches(org.datavec.api.records.reader.RecordReader reader) {
        return new RecordReaderDataSetIterator(reader, BATCH, FEATURES, CLASSES);
    }

    private static MultiLayerNetwork network() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).updater(new Adam(0.02)).list()
                .layer(new DenseLayer.Builder().nIn(FEATURES).nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static double accuracy(MultiLayerNetwork net, DataNetSplit split, DataNet... dataNets) {
        DataNetDataSetIterator.Builder test = DataNetDataSetIterator.builder(split, "test");
        for (DataNet d : dataNets) {
            test.dataNet(d, "1", () -> new CSVRecordReader(1, ','), MainJob::batches);
        }
        Evaluation eval = net.evaluate(test.build());
        return eval.accuracy();
    }

    /** The model, its ancestors through fine-tunes, and every DataNet each was trained on. */
    private static void printLineage(Ledger ledger, String recordId) {
        System.out.println("\n== Lineage ==");
        String id = recordId;
        int depth = 0;
        while (id != null) {
            LedgerEntry e = ledger.find(Digest.parseHex(id)).orElseThrow();
            ProvenanceRecord r = e.record().record();
            String indent = "  ".repeat(depth);
            System.out.printf("%s%s  record %s (log index %d) %s, trained %s%n", indent, r.model().ref(),
                    id.substring(0, 12), e.index(), r.run().status(), r.run().endedAt());
            System.out.printf("%s  weights %s, %d parameters%n", indent, r.model().weights().value(),
                    r.model().parameterCount());
            for (DataNetUse d : r.datanets()) {
                PartitionInfo p = d.partitions().stream().filter(x -> x.name().equals("train")).findFirst().orElseThrow();
                System.out.printf(Locale.ROOT, "%s  datanet %s@%s %s weight %s: train %d of %d samples, %d samples seen"
                                + " over %d epochs%n", indent, d.id(), d.version().hex().substring(0, 12),
                        d.license().spdx(), d.weight().toPlainString(), p.members(),
                        d.partitions().stream().mapToLong(PartitionInfo::members).sum(), d.samplesObserved(),
                        d.observed().stream().mapToInt(o -> o.epoch()).max().orElse(-1) + 1);
            }
            id = r.model().parent();
            if (id != null) {
                System.out.println(indent + "  fine-tuned from:");
            }
            depth++;
        }
    }
}
