package io.datanet.provenance.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.datanet.provenance.datanet.DataNet;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.license.LicenseTerms;
import io.datanet.provenance.record.DataNetUse;
import io.datanet.provenance.record.PartitionInfo;
import io.datanet.provenance.record.ProvenanceRecord;
import io.datanet.provenance.record.RunStatus;
import io.datanet.provenance.split.DataNetSplit;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capture holds counters and streaming digests, never per-sample state: a DataNet of 1,000,000 samples is split,
 * streamed through the iterator and trained on in a child JVM whose heap is 64 MB (the samples alone, as
 * Java objects, would need several times that).
 */
class StreamingAMillionSamplesFitsASmallHeapTest {
    static final int SAMPLES = 1_000_000;
    static final DataNetSplit SPLIT = DataNetSplit.builder(5).partition("train", "0.9").partition("test", "0.1").build();

    @TempDir
    Path dir;

    @Test
    void aMillionSamplesStreamUnderA64MegabyteHeap() throws Exception {
        Path data = dir.resolve("million");
        Files.createDirectories(data);
        try (BufferedWriter w = Files.newBufferedWriter(data.resolve("samples.csv"), StandardCharsets.UTF_8)) {
            for (int i = 0; i < SAMPLES; i++) {
                int label = i % 3;
                w.write((label * 0.5) + "," + (i % 7) * 0.1 + ",0.5,1," + label + "\n");
            }
        }
        DataNet.builder("million").license(LicenseTerms.permissive("CC0-1.0")).contributor("gen", "Generator")
                .file("samples.csv", data.resolve("samples.csv"), "gen").build().writeManifest(data);
        Path ledger = dir.resolve("ledger");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-Dorg.bytedeco.javacpp.maxbytes=1g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=2g",
                "-cp", System.getProperty("java.class.path"), Child.class.getName(), data.toString(), ledger.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).as(Files.readString(dir.resolve("child.log"))).isZero();

        try (Ledger l = Ledger.open(ledger)) {
            ProvenanceRecord r = l.resolve("million@1").record().record();
            assertThat(r.run().status()).isEqualTo(RunStatus.COMPLETED);
            DataNetUse use = r.datanets().get(0);
            long members = use.partitions().stream().mapToLong(PartitionInfo::members).sum();
            PartitionInfo train = use.partitions().stream().filter(p -> p.name().equals("train")).findFirst().orElseThrow();
            assertThat(members).isEqualTo(SAMPLES);
            assertThat(use.samplesObserved()).isEqualTo(train.members());
        }
    }

    /** Trains one epoch over the million samples with the listener attached. */
    static final class Child {
        public static void main(String[] args) {
            DataNet dn = DataNet.load(Path.of(args[0]));
            DataNetDataSetIterator train = DataNetDataSetIterator.builder(SPLIT, "train")
                    .dataNet(dn, "1", CSVRecordReader::new, r -> new RecordReaderDataSetIterator(r, 2000, 4, 3))
                    .build();
            MultiLayerNetwork net = Dl4jNetworks.multiLayer(3);
            try (ProvenanceTrainingListener provenance = new ProvenanceTrainingListener.Builder(Path.of(args[1]),
                    "million", "1").data(train).epochs(1).intendedUse("test", false).build()) {
                net.addListeners(provenance);
                net.fit(train, 1);
            }
            System.out.println("max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB");
        }
    }
}
