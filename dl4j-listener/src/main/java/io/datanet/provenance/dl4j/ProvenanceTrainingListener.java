package io.datanet.provenance.dl4j;

import io.datanet.provenance.Digest;
import io.datanet.provenance.datanet.DataNet;
import io.datanet.provenance.dl4j.internal.DataNetBatches;
import io.datanet.provenance.dl4j.internal.Dl4jConfiguration;
import io.datanet.provenance.dl4j.internal.Dl4jParameters;
import io.datanet.provenance.model.ParameterDigest;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.run.DataNetDeclaration;
import io.datanet.provenance.run.ModelSnapshot;
import io.datanet.provenance.run.RecordSink;
import io.datanet.provenance.run.RunRecorder;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.util.ModelSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a provenance record for a training run of a {@code MultiLayerNetwork} or {@code ComputationGraph},
 * attached in one line:
 *
 * <pre>{@code
 * try (ProvenanceTrainingListener provenance = new ProvenanceTrainingListener.Builder(ledgerDir, "iris", "1.0")
 *         .data(train).epochs(5).intendedUse("research", false).build()) {
 *     net.addListeners(provenance);
 *     net.fit(train, 5);
 * }
 * }</pre>
 *
 * <p>One listener is one run, started when it is built (the licence policy is evaluated then, before any
 * training: a refused run throws {@link io.datanet.provenance.license.LicenseViolationException} from
 * {@link Builder#build()}). DL4J has no end-of-training callback, so the record is emitted exactly once by
 * the first of: the last declared epoch ending ({@code COMPLETED}); {@link #close()} — {@code FAILED} when it
 * comes inside an epoch (fit threw), {@code INTERRUPTED} when fewer epochs than declared completed,
 * {@code COMPLETED} otherwise; {@link #failed(Throwable)} or {@link #train(Runnable)} when fit throws
 * ({@code FAILED}); a JVM shutdown while the run is open ({@code INTERRUPTED}).
 *
 * <p>Counts come from a {@link DataNetDataSetIterator} or {@link DataNetMultiDataSetIterator} given to
 * {@link Builder#data}: one tagged batch is counted per training iteration. DataNets fed through another
 * iterator are declared with {@link Builder#declaredDataNet} and recorded {@code DECLARED_ONLY}. The model
 * digest is read from ND4J's off-heap buffers when the run ends; the configuration when training starts.
 *
 * <p>Serializable for DL4J's Spark training, but only the instance that was built records: a deserialized
 * copy does nothing.
 */
public final class ProvenanceTrainingListener extends BaseTrainingListener implements Serializable, AutoCloseable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ProvenanceTrainingListener.class);

    private final transient RunRecorder run;
    private final transient DataNetBatches<?> data;
    private final transient RunRecorder.Counter[] counters; // per DataNet of data, in its order
    private final transient Path modelFile;
    private final long shardSize;
    private final boolean findParentByInitialWeights;
    private transient volatile Model model;

    private ProvenanceTrainingListener(Builder b, RunRecorder run) {
        this.run = run;
        this.data = b.data;
        this.modelFile = b.modelFile;
        this.shardSize = b.shardSize;
        this.findParentByInitialWeights = b.parentWeights == null;
        this.counters = data == null ? null : data.declarations().stream()
                .map(d -> run.counter(d.dataNet().id(), data.partition())).toArray(RunRecorder.Counter[]::new);
        if (data != null) {
            data.link();
        }
    }

    @Override
    public void onEpochStart(Model model) {
        if (run == null) {
            return;
        }
        boolean first = attach(model);
        if (first && findParentByInitialWeights) {
            // training from a network the ledger knows (a restored model) makes that model the parent; the digest
            // is taken now, before the first update, and the ledger is searched while training runs
            run.parentFromWeightsInBackground(Dl4jParameters.digest(model, shardSize).weights().value());
        }
        run.epochStarted();
    }

    @Override
    public void onEpochEnd(Model model) {
        if (run == null) {
            return;
        }
        attach(model);
        if (run.epochEnded()) {
            run.complete();
        }
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        if (run == null) {
            return;
        }
        attach(model);
        if (data != null) {
            long tag = data.poll();
            if (tag != DataNetBatches.NO_TAG) {
                counters[DataNetBatches.source(tag)].add(DataNetBatches.examples(tag));
            }
        }
    }

    /** Binds the network on the first event: configuration, framework and how to read the model at the end. */
    private boolean attach(Model m) {
        if (model == m) {
            return false;
        }
        synchronized (this) {
            if (model != null) {
                if (model != m) {
                    LOG.warn("Provenance listener of run {} is attached to a second network; recording the first only",
                            run.runId());
                }
                return false;
            }
            Dl4jConfiguration config = Dl4jConfiguration.of(m);
            run.config(config.digest(), config.hyperparameters(), config.seed());
            run.modelSource(() -> snapshot(m));
            model = m;
            return true;
        }
    }

    private ModelSnapshot snapshot(Model m) {
        if (modelFile == null) {
            return Dl4jParameters.snapshot(m, shardSize, null);
        }
        try {
            Path parent = modelFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ModelSerializer.writeModel(m, modelFile.toFile(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model file " + modelFile, e);
        }
        return Dl4jParameters.snapshot(m, shardSize, modelFile);
    }

    /**
     * Runs the training, recording {@code FAILED} (and rethrowing) when it throws, and ending the run as
     * {@link #close()} does when it returns.
     */
    public void train(Runnable training) {
        try {
            training.run();
        } catch (RuntimeException | Error e) {
            failed(e);
            throw e;
        }
        close();
    }

    /** Records the run as {@code FAILED} because training threw {@code cause} (if it is still open). */
    public void failed(Throwable cause) {
        if (run != null) {
            run.fail(cause);
        }
    }

    /** Ends the run if it is still open; see the class description for the status it gets. */
    @Override
    public void close() {
        if (run != null) {
            run.close();
        }
    }

    /** The run id. */
    public String runId() {
        return run == null ? "" : run.runId();
    }

    /** The record, once emitted. */
    public Optional<CanonicalRecord> record() {
        return run == null ? Optional.empty() : run.record();
    }

    /** The parent record id, when this run fine-tunes a recorded model. */
    public Optional<String> parent() {
        return run == null ? Optional.empty() : run.parent();
    }

    /** The framework-neutral recorder behind this listener. */
    RunRecorder recorder() {
        return run;
    }

    /**
     * Settings of the run. Required: where to record and the model name and version (constructor).
     * {@link #build()} starts the run.
     */
    public static final class Builder {
        private final RunRecorder.Builder recorder;
        private DataNetBatches<?> data;
        private Path modelFile;
        private long shardSize = ParameterDigest.DEFAULT_SHARD_SIZE;
        private Digest parentWeights;

        /** Records into {@code sink} the run producing {@code modelName@modelVersion}. */
        public Builder(RecordSink sink, String modelName, String modelVersion) {
            this.recorder = RunRecorder.builder(sink, modelName, modelVersion);
        }

        /** Records into the embedded ledger in {@code ledgerDirectory}. */
        public Builder(Path ledgerDirectory, String modelName, String modelVersion) {
            this(RecordSink.ledger(ledgerDirectory), modelName, modelVersion);
        }

        /** Records into the default ledger ({@code $PROVENANCE_LEDGER} or {@code ./.provenance}). */
        public Builder(String modelName, String modelVersion) {
            this(RecordSink.defaultLedger(), modelName, modelVersion);
        }

        /** The training data: its DataNets, weights and partitions are declared, its batches observed. */
        public Builder data(DataNetDataSetIterator iterator) {
            return data(iterator.batches());
        }

        /** The training data for a {@code ComputationGraph} fit on {@code MultiDataSet}s. */
        public Builder data(DataNetMultiDataSetIterator iterator) {
            return data(iterator.batches());
        }

        private Builder data(DataNetBatches<?> batches) {
            if (data != null) {
                throw new IllegalStateException("the training data was already given; one iterator per run");
            }
            this.data = batches;
            batches.declarations().forEach(recorder::dataNet);
            return this;
        }

        /**
         * A DataNet fed through an iterator we cannot see into: recorded {@code DECLARED_ONLY}, without counts.
         *
         * @param weight the declared mixture weight as a decimal string
         */
        public Builder declaredDataNet(DataNet dataNet, String weight) {
            recorder.dataNet(DataNetDeclaration.declaredOnly(dataNet, new BigDecimal(weight)));
            return this;
        }

        /** The number of epochs fit will run; the last one ending completes the run (default: undeclared). */
        public Builder epochs(int epochs) {
            recorder.epochs(epochs);
            return this;
        }

        /** The declared intended use and whether it is commercial (default: {@code unspecified}, commercial). */
        public Builder intendedUse(String use, boolean commercial) {
            recorder.intendedUse(use, commercial);
            return this;
        }

        /** Whether a provenance failure stops training (default: no — logged, spooled, training goes on). */
        public Builder strict(boolean strict) {
            recorder.strict(strict);
            return this;
        }

        /** The clock for start and end times (default: the system UTC clock). */
        public Builder clock(Clock clock) {
            recorder.clock(clock);
            return this;
        }

        /** A fixed run id (default: a random UUID). */
        public Builder runId(String runId) {
            recorder.runId(runId);
            return this;
        }

        /** Where unstorable records are spooled (default: {@code <ledger>/spool}). */
        public Builder spoolDirectory(Path dir) {
            recorder.spoolDirectory(dir);
            return this;
        }

        /** A hyperparameter the network configuration does not hold, e.g. the batch size. */
        public Builder hyperparameter(String name, String value) {
            recorder.hyperparameter(name, value);
            return this;
        }

        /**
         * The network this run fine-tunes (e.g. the restored model a {@code TransferLearning} network was built
         * from): its weights digest, taken now, finds its record in the ledger, which becomes this run's parent.
         * Without it, the parent is looked up by the trained network's own weights when training starts.
         */
        public Builder fineTunes(Model base) {
            this.parentWeights = Dl4jParameters.digest(base, shardSize).weights().value();
            return this;
        }

        /** Writes the trained model with {@code ModelSerializer} to this file when the run ends, and records its digest. */
        public Builder modelFile(Path file) {
            this.modelFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /** Bytes per shard of the model digest (default {@link ParameterDigest#DEFAULT_SHARD_SIZE}). */
        public Builder shardSize(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("shard size must be positive, got " + bytes);
            }
            this.shardSize = bytes;
            return this;
        }

        /** Whether to register the JVM shutdown hook recording an open run as INTERRUPTED (default: yes). */
        public Builder shutdownHook(boolean register) {
            recorder.shutdownHook(register);
            return this;
        }

        /**
         * Starts the run.
         *
         * @throws io.datanet.provenance.license.LicenseViolationException naming the DataNet and term when the
         *         declared use breaks a DataNet's licence (the refusal is recorded; nothing is trained)
         */
        public ProvenanceTrainingListener build() {
            recorder.framework(Dl4jConfiguration.framework());
            RunRecorder run = recorder.start();
            if (parentWeights != null) {
                run.parentFromWeights(parentWeights);
            }
            return new ProvenanceTrainingListener(this, run);
        }
    }
}
