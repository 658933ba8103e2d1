package io.datanet.provenance.benchmarks.djl;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import io.datanet.provenance.Digest;
import io.datanet.provenance.benchmarks.listener.OverheadRounds;
import io.datanet.provenance.datanet.DataNet;
import io.datanet.provenance.djl.DataNetDataset;
import io.datanet.provenance.djl.ProvenanceTrainingListener;
import io.datanet.provenance.djl.internal.DjlParameters;
import io.datanet.provenance.license.LicenseTerms;
import io.datanet.provenance.model.ParameterDigest;
import io.datanet.provenance.split.DataNetSplit;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The DJL adapter's two measurements, printed as the BENCHMARKS.md rows, on PyTorch (CPU):
 *
 * <ol>
 *   <li>Model hashing: the single-core SHA-256 rate over the direct buffers of a 256 MiB PyTorch model
 *       ({@code toByteBuffer(true)}), measured here, against the adapter's parameter digest of the same block
 *       on all cores.</li>
 *   <li>Listener overhead: the same 1,009,003-parameter MLP trained for 1,040 iterations on the same
 *       {@link DataNetDataset}, without and with the provenance listener (interleaved rounds, median), plus the
 *       time spent inside the listener — every callback, the start of each epoch (the dataset's iteration
 *       start, where the configuration is read and the parent looked up) and the emission — measured
 *       directly.</li>
 * </ol>
 *
 * <p>Argument: the number of overhead rounds (default 3), or {@code hashing} for the hashing rows only.
 */
public final class DjlBenchmarks {
    private static final int BATCH = 32;
    private static final int ROWS = BATCH * 1040;

    private DjlBenchmarks() {}

    public static void main(String[] args) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        Engine engine = Engine.getInstance();
        System.out.println("cores: " + cores + ", java " + System.getProperty("java.version") + ", DJL "
                + Engine.getDjlVersion() + ", " + engine.getEngineName() + " " + engine.getVersion());
        hashing(cores);
        if (args.length == 0 || !args[0].equals("hashing")) {
            overhead(args.length > 0 ? Integer.parseInt(args[0]) : 3);
        }
    }

    private static void hashing(int cores) {
        try (Model model = Model.newInstance("hash")) {
            // 4 x (4096 x 4096 + 4096) float32 = 256.06 MiB
            SequentialBlock block = new SequentialBlock();
            for (int i = 0; i < 4; i++) {
                block.add(Linear.builder().setUnits(4096).build());
            }
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 4096));
            List<ByteBuffer> views = new ArrayList<>();
            for (Pair<String, Parameter> p : block.getParameters()) {
                views.add(p.getValue().getArray().toByteBuffer(true));
            }
            double mib = views.stream().mapToLong(ByteBuffer::remaining).sum() / (double) (1 << 20);
            double single = 0;
            double parallel = 0;
            ParameterDigest last = null;
            for (int round = 0; round < 5; round++) {
                long t0 = System.nanoTime();
                MessageDigest md = Digest.newSha256();
                for (ByteBuffer b : views) {
                    md.update(b.duplicate());
                }
                md.digest();
                single = Math.max(single, mib / ((System.nanoTime() - t0) / 1e9));
                long t1 = System.nanoTime();
                last = DjlParameters.digest(block, ParameterDigest.DEFAULT_SHARD_SIZE);
                parallel = Math.max(parallel, mib / ((System.nanoTime() - t1) / 1e9));
            }
            System.out.printf(Locale.ROOT, "hashing: single-core SHA-256 %.0f MiB/s; the adapter's digest of a %.1f MiB"
                    + " PyTorch block (%d parameters) on %d cores %.0f MiB/s = %.1f %% of %d x single-core (best of 5,"
                    + " 8 MiB shards)%n", single, mib, last.parameterCount(), cores, parallel,
                    100 * parallel / (cores * single), cores);
        }
    }

    private static void overhead(int rounds) throws Exception {
        Path dir = Files.createTempDirectory("djl-bench");
        Path data = dir.resolve("datanet");
        Files.createDirectories(data);
        SplittableRandom random = new SplittableRandom(2);
        float[][] x = new float[ROWS][];
        float[] y = new float[ROWS];
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < ROWS; i++) {
            int label = random.nextInt(3);
            x[i] = new float[] {label + (float) random.nextDouble(), (float) random.nextDouble(),
                    (float) random.nextDouble() - label, (float) random.nextDouble()};
            y[i] = label;
            csv.append(String.format(Locale.ROOT, "%f,%f,%f,%f,%d%n", x[i][0], x[i][1], x[i][2], x[i][3], label));
        }
        Files.writeString(data.resolve("rows.csv"), csv, StandardCharsets.UTF_8);
        DataNet.builder("bench").license(LicenseTerms.permissive("CC0-1.0")).contributor("gen", "Generator")
                .file("rows.csv", data.resolve("rows.csv"), "gen").build().writeManifest(data);
        DataNet dn = DataNet.load(data);
        DataNetSplit split = DataNetSplit.all("train");
        OverheadRounds measured = new OverheadRounds(rounds);
        long iterations = 0;
        long params = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset rows = new ArrayDataset.Builder().setData(manager.create(x)).optLabels(manager.create(y))
                    .setSampling(BATCH, false).build();
            for (int r = 0; r < rounds + 1; r++) {
                boolean warmup = r == 0;
                for (boolean listen : new boolean[] {false, true}) {
                    DataNetDataset train = DataNetDataset.builder(split, "train")
                            .addDataNet(dn, "1", rows, i -> "rows.csv:" + i).setSampling(BATCH, true).build();
                    long[] insideNanos = {0, 0, 0, 0, 0}; // all callbacks, batches, onEpoch, the first batch, batches CPU time
                    long[] batches = {0};
                    ProvenanceTrainingListener provenance = null;
                    DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                            .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).build());
                    if (listen) {
                        provenance = ProvenanceTrainingListener.builder(dir.resolve("ledger"), "bench", "r" + r)
                                .optTrainingData(train).optEpochs(1).optIntendedUse("benchmark", false)
                                .optShutdownHook(false).build();
                        config.addTrainingListeners(new Timed(provenance, insideNanos));
                    }
                    config.addTrainingListeners(new TrainingListenerAdapter() {
                        @Override
                        public void onTrainingBatch(Trainer trainer, BatchData batchData) {
                            batches[0]++;
                        }
                    });
                    Engine.getInstance().setRandomSeed(1);
                    try (Model model = Model.newInstance("bench")) {
                        model.setBlock(network());
                        try (Trainer trainer = model.newTrainer(config)) {
                            trainer.initialize(new Shape(BATCH, 4));
                            params = model.getBlock().getParameters().values().stream()
                                    .mapToLong(p -> p.getArray().size()).sum();
                            long t0 = System.nanoTime();
                            // EasyTrain.fit's loop, with the start of the epoch (the dataset's iteration, where the
                            // listener reads the configuration and looks up the parent) timed as listener time
                            long s = System.nanoTime();
                            Iterable<Batch> epoch = trainer.iterateDataset(train);
                            long iterate = System.nanoTime() - s;
                            for (Batch batch : epoch) {
                                EasyTrain.trainBatch(trainer, batch);
                                trainer.step();
                                batch.close();
                            }
                            trainer.notifyListeners(l -> l.onEpoch(trainer));
                            long t1 = System.nanoTime();
                            System.out.printf(Locale.ROOT, "  round %d%s, %s listener: %.2f s%s%n", r,
                                    warmup ? " (warm-up)" : "", listen ? "with" : "without", (t1 - t0) / 1e9,
                                    listen ? String.format(Locale.ROOT, ", inside %.3f s (epoch start %.1f ms,"
                                            + " batches %.1f ms (CPU %.1f ms) of which the first %.1f ms, end of epoch and emission %.1f ms)",
                                            (insideNanos[0] + iterate) / 1e9, iterate / 1e6, insideNanos[1] / 1e6,
                                            insideNanos[4] / 1e6, insideNanos[3] / 1e6, insideNanos[2] / 1e6) : "");
                            if (!warmup) {
                                if (listen) {
                                    measured.with(r - 1, t1 - t0, insideNanos[0] + iterate);
                                } else {
                                    measured.without(r - 1, t1 - t0);
                                }
                            }
                        }
                    }
                    if (provenance != null && provenance.record().isEmpty()) {
                        throw new IllegalStateException("the benchmark run was not recorded");
                    }
                    iterations = batches[0];
                }
            }
        }
        measured.print(params, iterations, "callbacks + epoch start + digest + ledger append");
    }

    /** 4 → 1000 → 1000 → 3: 1,009,003 parameters. */
    private static SequentialBlock network() {
        return new SequentialBlock().add(Linear.builder().setUnits(1000).build()).add(Activation::relu)
                .add(Linear.builder().setUnits(1000).build()).add(Activation::relu)
                .add(Linear.builder().setUnits(3).build());
    }

    /** Times every callback of the provenance listener (the run's emission happens inside onEpoch). */
    private static final class Timed implements TrainingListener {
        // CPU time of the batch callbacks: on 2 cores busy with PyTorch's own threads, the main thread is
        // descheduled now and then, and wall time inside a one-microsecond callback mostly measures that
        private static final java.lang.management.ThreadMXBean THREADS =
                java.lang.management.ManagementFactory.getThreadMXBean();
        private final ProvenanceTrainingListener inner;
        private final long[] nanos;

        Timed(ProvenanceTrainingListener inner, long[] nanos) {
            this.inner = inner;
            this.nanos = nanos;
        }

        @Override
        public void onEpoch(Trainer trainer) {
            long t = System.nanoTime();
            inner.onEpoch(trainer);
            long d = System.nanoTime() - t;
            nanos[0] += d;
            nanos[2] += d;
        }

        @Override
        public void onTrainingBatch(Trainer trainer, BatchData batchData) {
            long c = THREADS.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            inner.onTrainingBatch(trainer, batchData);
            long d = System.nanoTime() - t;
            nanos[4] += THREADS.getCurrentThreadCpuTime() - c;
            nanos[0] += d;
            nanos[1] += d;
            if (nanos[3] == 0) {
                nanos[3] = d; // the first batch starts the epoch: configuration digest, parent lookup
            }
        }

        @Override
        public void onValidationBatch(Trainer trainer, BatchData batchData) {
            long t = System.nanoTime();
            inner.onValidationBatch(trainer, batchData);
            nanos[0] += System.nanoTime() - t;
        }

        @Override
        public void onTrainingBegin(Trainer trainer) {
            long t = System.nanoTime();
            inner.onTrainingBegin(trainer);
            nanos[0] += System.nanoTime() - t;
        }

        @Override
        public void onTrainingEnd(Trainer trainer) {
            long t = System.nanoTime();
            inner.onTrainingEnd(trainer);
            nanos[0] += System.nanoTime() - t;
        }
    }
}
