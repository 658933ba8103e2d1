package io.datanet.provenance.benchmarks.dl4j;

import io.datanet.provenance.Digest;
import io.datanet.provenance.datanet.DataNet;
import io.datanet.provenance.dl4j.DataNetDataSetIterator;
import io.datanet.provenance.dl4j.ProvenanceTrainingListener;
import io.datanet.provenance.license.LicenseTerms;
import io.datanet.provenance.model.ElementType;
import io.datanet.provenance.model.MemoryOrder;
import io.datanet.provenance.benchmarks.listener.OverheadRounds;
import io.datanet.provenance.model.ParameterDigest;
import io.datanet.provenance.run.RecordSink;
import io.datanet.provenance.split.DataNetSplit;
import java.io.BufferedWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Two measurements, printed as the BENCHMARKS.md rows:
 *
 * <ol>
 *   <li>Listener overhead: the same 1,009,003-parameter network fit for 1,000+ iterations on the same DataNet
 *       iterator, without and with the provenance listener (interleaved rounds, median), plus the time spent
 *       inside the listener's own callbacks and the emission, measured directly.</li>
 *   <li>Model hashing: the single-core SHA-256 rate over a direct buffer, measured here, against
 *       {@link ParameterDigest} over a 256 MiB model in direct buffers on all cores.</li>
 * </ol>
 */
public final class Dl4jBenchmarks {
    private static final int ROWS = 32 * 1040;
    private static final int BATCH = 32;

    private Dl4jBenchmarks() {}

    public static void main(String[] args) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.println("cores: " + cores + ", java " + System.getProperty("java.version"));
        hashing(cores);
        overhead(args.length > 0 ? Integer.parseInt(args[0]) : 3);
    }

    private static void hashing(int cores) {
        int mib = 256;
        List<ByteBuffer> tensors = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < mib / 16; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(16 << 20).order(ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining()) {
                b.putLong(random.nextLong());
            }
            tensors.add(b.flip());
        }
        double single = 0;
        double parallel = 0;
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            MessageDigest md = Digest.newSha256();
            for (ByteBuffer b : tensors) {
                md.update(b.duplicate());
            }
            md.digest();
            single = Math.max(single, mib / ((System.nanoTime() - t0) / 1e9));
            ParameterDigest.Builder pd = ParameterDigest.builder();
            for (int i = 0; i < tensors.size(); i++) {
                pd.add("t" + i, ElementType.FLOAT32, MemoryOrder.C, new long[] {4L << 20}, tensors.get(i));
            }
            long t1 = System.nanoTime();
            pd.compute();
            parallel = Math.max(parallel, mib / ((System.nanoTime() - t1) / 1e9));
        }
        System.out.printf(Locale.ROOT, "hashing: single-core SHA-256 %.0f MiB/s; ParameterDigest on %d cores %.0f MiB/s"
                + " = %.1f %% of %d x single-core (best of 5, 256 MiB model, 8 MiB shards)%n",
                single, cores, parallel, 100 * parallel / (cores * single), cores);
    }

    private static void overhead(int rounds) throws Exception {
        Path dir = Files.createTempDirectory("dl4j-bench");
        Path data = dir.resolve("datanet");
        Files.createDirectories(data);
        SplittableRandom random = new SplittableRandom(2);
        try (BufferedWriter w = Files.newBufferedWriter(data.resolve("rows.csv"), StandardCharsets.UTF_8)) {
            for (int i = 0; i < ROWS; i++) {
                int label = random.nextInt(3);
                w.write(String.format(Locale.ROOT, "%.3f,%.3f,%.3f,%.3f,%d%n", label + random.nextDouble(),
                        random.nextDouble(), random.nextDouble() - label, random.nextDouble(), label));
            }
        }
        DataNet.builder("bench").license(LicenseTerms.permissive("CC0-1.0")).contributor("gen", "Generator")
                .file("rows.csv", data.resolve("rows.csv"), "gen").build().writeManifest(data);
        DataNet dn = DataNet.load(data);
        DataNetSplit split = DataNetSplit.all("train");
        OverheadRounds measured = new OverheadRounds(rounds);
        long iterations = 0;
        for (int r = 0; r < rounds + 1; r++) {
            boolean warmup = r == 0;
            for (boolean listen : new boolean[] {false, true}) {
                DataNetDataSetIterator it = DataNetDataSetIterator.builder(split, "train")
                        .dataNet(dn, "1", CSVRecordReader::new, rr -> new RecordReaderDataSetIterator(rr, BATCH, 4, 3))
                        .build();
                MultiLayerNetwork net = network();
                // total, epoch start, batch callbacks (wall), end of epoch with the emission, batch callbacks (CPU)
                long[] insideNanos = new long[5];
                long t0;
                if (listen) {
                    ProvenanceTrainingListener provenance = new ProvenanceTrainingListener.Builder(
                            RecordSink.ledger(dir.resolve("ledger")), "bench", "r" + r).data(it).epochs(1)
                            .intendedUse("benchmark", false).shutdownHook(false).build();
                    net.addListeners(new Timed(provenance, insideNanos));
                    t0 = System.nanoTime();
                    net.fit(it, 1);
                    long t1 = System.nanoTime();
                    provenance.close();
                    System.out.printf(Locale.ROOT, "  round %d%s: fit %.2f s, inside %.3f s (epoch start %.1f ms,"
                                    + " batches %.1f ms (CPU %.1f ms), end of epoch and emission %.1f ms)%n", r,
                            warmup ? " (warm-up)" : "", (t1 - t0) / 1e9, insideNanos[0] / 1e9, insideNanos[1] / 1e6,
                            insideNanos[2] / 1e6, insideNanos[4] / 1e6, insideNanos[3] / 1e6);
                    if (!warmup) {
                        measured.with(r - 1, t1 - t0, insideNanos[0]);
                    }
                } else {
                    t0 = System.nanoTime();
                    net.fit(it, 1);
                    if (!warmup) {
                        measured.without(r - 1, System.nanoTime() - t0);
                    }
                }
                iterations = net.getIterationCount();
            }
        }
        long params = network().numParams();
        measured.print(params, iterations, "callbacks + digest + ledger append");
    }

    /** 4 → 1000 → 1000 → 3: 1,009,003 parameters. */
    private static MultiLayerNetwork network() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Sgd(0.01)).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(1000).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(1000).nOut(1000).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(1000).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Times every callback of the provenance listener (the run's emission happens inside onEpochEnd). */
    private static final class Timed extends BaseTrainingListener {
        // CPU time of the batch callbacks: on 2 cores busy with OpenBLAS threads the main thread is descheduled
        // now and then, and wall time inside a microsecond callback partly measures that
        private static final java.lang.management.ThreadMXBean THREADS =
                java.lang.management.ManagementFactory.getThreadMXBean();
        private final ProvenanceTrainingListener inner;
        private final long[] nanos;

        Timed(ProvenanceTrainingListener inner, long[] nanos) {
            this.inner = inner;
            this.nanos = nanos;
        }

        @Override
        public void onEpochStart(Model model) {
            long t = System.nanoTime();
            inner.onEpochStart(model);
            add(1, System.nanoTime() - t);
        }

        @Override
        public void onEpochEnd(Model model) {
            long t = System.nanoTime();
            inner.onEpochEnd(model);
            add(3, System.nanoTime() - t);
        }

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            long c = THREADS.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            inner.iterationDone(model, iteration, epoch);
            add(2, System.nanoTime() - t);
            nanos[4] += THREADS.getCurrentThreadCpuTime() - c;
        }

        private void add(int bucket, long n) {
            nanos[0] += n;
            nanos[bucket] += n;
        }
    }
}
