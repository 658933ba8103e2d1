package io.datanet.provenance.djl;

import ai.djl.Model;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import io.datanet.provenance.Digest;
import io.datanet.provenance.datanet.DataNet;
import io.datanet.provenance.djl.internal.DataNetIndices;
import io.datanet.provenance.djl.internal.DjlConfiguration;
import io.datanet.provenance.djl.internal.DjlParameters;
import io.datanet.provenance.model.ParameterDigest;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.run.DataNetDeclaration;
import io.datanet.provenance.run.ModelSnapshot;
import io.datanet.provenance.run.RecordSink;
import io.datanet.provenance.run.RunRecorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a provenance record for a DJL training run, attached in one line:
 *
 * <pre>{@code
 * DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
 *         .addTrainingListeners(ProvenanceTrainingListener.builder(ledgerDir, "iris", "1.0")
 *                 .optTrainingData(train).optEpochs(5).optIntendedUse("research", false).build());
 * try (Trainer trainer = model.newTrainer(config)) {
 *     trainer.initialize(new Shape(16, 4));
 *     EasyTrain.fit(trainer, 5, train, null);
 * }
 * }</pre>
 *
 * <p>One listener is one run, started when it is built: the licence policy is evaluated then, before any
 * training, and a refused run throws {@link io.datanet.provenance.license.LicenseViolationException} from
 * {@link Builder#build()}. DJL fires {@code onTrainingBegin} in the {@code Trainer} constructor and
 * {@code onTrainingEnd} only in {@code Trainer.close()} (not when {@code EasyTrain.fit} returns), so the record
 * is emitted exactly once by the first of: the last declared epoch ending ({@code COMPLETED}, read from the
 * model right then); {@code Trainer.close()} or {@link #close()} — {@code FAILED} when an epoch was in progress
 * (fit threw), {@code INTERRUPTED} when fewer epochs than declared completed, {@code COMPLETED} otherwise;
 * {@link #failed(Throwable)}; a JVM shutdown while the run is open ({@code INTERRUPTED}, from a shutdown hook).
 *
 * <p>Counts come from a {@link DataNetDataset} given to {@link Builder#optTrainingData}: every batch DJL trains
 * on ({@code onTrainingBatch}, fired by {@code EasyTrain.trainBatch}, so by {@code EasyTrain.fit} and by loops
 * over {@code trainer.iterateDataset}) is counted from {@code Batch.getIndices()}. An epoch starts when the
 * dataset is iterated and ends at {@code onEpoch}. The model digest is read from the block's parameters
 * ({@code toByteBuffer(true)}, no copy) when the run ends; the configuration when the first epoch starts.
 *
 * <p>The listener records the first {@code Trainer} it is attached to; a second one is ignored with a warning.
 * Provenance failures are logged and the record spooled, never thrown into training, unless
 * {@link Builder#optStrict(boolean) strict}.
 */
public final class ProvenanceTrainingListener extends TrainingListenerAdapter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProvenanceTrainingListener.class);

    private final RunRecorder run;
    private final DataNetDataset data;
    private final Map<String, RunRecorder.Counter> counters; // of data's DataNets, resolved once
    private final Path modelDirectory;
    private final long shardSize;
    private final boolean findParentByInitialWeights;
    private volatile Trainer trainer;
    private boolean started;
    private boolean epochOpen;

    private ProvenanceTrainingListener(Builder b, RunRecorder run) {
        this.run = run;
        this.data = b.data;
        this.modelDirectory = b.modelDirectory;
        this.shardSize = b.shardSize;
        this.findParentByInitialWeights = b.parentWeights == null;
        Map<String, RunRecorder.Counter> byDataNet = new HashMap<>();
        if (data != null) {
            data.declarations().forEach(d -> byDataNet.put(d.dataNet().id(),
                    run.counter(d.dataNet().id(), data.partition())));
            data.onPass(this::epochStarts);
        }
        this.counters = Map.copyOf(byDataNet);
    }

    /** A builder for the run producing {@code modelName@modelVersion}, recorded into {@code sink}. */
    public static Builder builder(RecordSink sink, String modelName, String modelVersion) {
        return new Builder(sink, modelName, modelVersion);
    }

    /** A builder for a run recorded into the embedded ledger in {@code ledgerDirectory}. */
    public static Builder builder(Path ledgerDirectory, String modelName, String modelVersion) {
        return new Builder(RecordSink.ledger(ledgerDirectory), modelName, modelVersion);
    }

    /** A builder for a run recorded into the default ledger ({@code $PROVENANCE_LEDGER} or {@code ./.provenance}). */
    public static Builder builder(String modelName, String modelVersion) {
        return new Builder(RecordSink.defaultLedger(), modelName, modelVersion);
    }

    /** {@inheritDoc} Binds the trainer: how to read its model and configuration. */
    @Override
    public void onTrainingBegin(Trainer t) {
        synchronized (this) {
            if (trainer != null) {
                if (trainer != t) {
                    LOG.warn("Provenance listener of run {} is attached to a second trainer; recording the first only",
                            run.runId());
                }
                return;
            }
            trainer = t;
        }
        Model model = t.getModel();
        run.modelSource(() -> snapshot(model));
    }

    /** {@inheritDoc} Counts the batch when it comes from the training {@link DataNetDataset}. */
    @Override
    public void onTrainingBatch(Trainer t, BatchData batchData) {
        if (t != trainer) {
            return;
        }
        epochStarts();
        List<?> indices = batchData.getBatch().getIndices();
        if (indices instanceof DataNetIndices tagged && tagged.owner() == data) {
            RunRecorder.Counter counter = counters.get(tagged.dataNet());
            if (counter != null) {
                counter.add(tagged.size());
            } else {
                run.observe(tagged.dataNet(), tagged.partition(), tagged.size());
            }
        }
    }

    /** {@inheritDoc} Ends an epoch; the last declared one completes the run. */
    @Override
    public void onEpoch(Trainer t) {
        if (t != trainer) {
            return;
        }
        synchronized (this) {
            epochOpen = false;
        }
        if (run.epochEnded()) {
            run.complete();
        }
    }

    /** {@inheritDoc} Fired by {@code Trainer.close()}: ends the run if it is still open. */
    @Override
    public void onTrainingEnd(Trainer t) {
        if (t == trainer) {
            close();
        }
    }

    /** An epoch starts: the training data is iterated, or a batch is trained outside an open epoch. */
    private void epochStarts() {
        Trainer t = trainer;
        boolean first;
        synchronized (this) {
            if (epochOpen || t == null) {
                return;
            }
            epochOpen = true;
            first = !started;
            started = true;
        }
        if (first) {
            DjlConfiguration config = DjlConfiguration.of(t);
            run.config(config.digest(), config.hyperparameters(), config.seed());
            if (findParentByInitialWeights && t.getModel().getBlock().isInitialized()) {
                // training a model the ledger knows (a loaded one) makes that model the parent; the digest is
                // taken now, before the first update, and the ledger is searched while training runs
                run.parentFromWeightsInBackground(
                        DjlParameters.digest(t.getModel().getBlock(), shardSize).weights().value());
            }
        }
        run.epochStarted();
    }

    private ModelSnapshot snapshot(Model model) {
        if (modelDirectory == null) {
            return DjlParameters.snapshot(model, shardSize, null);
        }
        int epoch = run.currentEpoch();
        model.setProperty("Epoch", Integer.toString(epoch));
        try {
            model.save(modelDirectory, model.getName());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the model to " + modelDirectory, e);
        }
        Path file = modelDirectory.resolve(String.format(Locale.ROOT, "%s-%04d.params", model.getName(), epoch));
        return DjlParameters.snapshot(model, shardSize, file);
    }

    /** Records the run as {@code FAILED} because training threw {@code cause} (if it is still open). */
    public void failed(Throwable cause) {
        run.fail(cause);
    }

    /**
     * Ends the run if it is still open (see the class description for its status). {@code Trainer.close()} calls
     * this; call it yourself only for a trainer that is never closed.
     */
    @Override
    public void close() {
        run.close();
    }

    /** The run id. */
    public String runId() {
        return run.runId();
    }

    /** The record, once emitted. */
    public Optional<CanonicalRecord> record() {
        return run.record();
    }

    /** The parent record id, when this run fine-tunes a recorded model. */
    public Optional<String> parent() {
        return run.parent();
    }

    /**
     * Settings of the run. Required: where to record and the model name and version (given to
     * {@link ProvenanceTrainingListener#builder}); {@link #build()} starts the run. Options follow DJL's
     * {@code optX} naming.
     */
    public static final class Builder {
        private final RunRecorder.Builder recorder;
        private DataNetDataset data;
        private Path modelDirectory;
        private long shardSize = ParameterDigest.DEFAULT_SHARD_SIZE;
        private Digest parentWeights;

        private Builder(RecordSink sink, String modelName, String modelVersion) {
            this.recorder = RunRecorder.builder(sink, modelName, modelVersion);
        }

        /**
         * The training data: its DataNets, weights and partitions are declared, its batches observed.
         *
         * @throws IllegalStateException if training data was already given
         */
        public Builder optTrainingData(DataNetDataset dataset) {
            if (data != null) {
                throw new IllegalStateException("the training data was already given; one DataNet dataset per run");
            }
            this.data = Objects.requireNonNull(dataset, "dataset");
            dataset.declarations().forEach(recorder::dataNet);
            return this;
        }

        /**
         * A DataNet fed through a dataset we cannot see into: recorded {@code DECLARED_ONLY}, without counts.
         *
         * @param weight the declared mixture weight as a decimal string
         */
        public Builder optDeclaredDataNet(DataNet dataNet, String weight) {
            recorder.dataNet(DataNetDeclaration.declaredOnly(dataNet, new BigDecimal(weight)));
            return this;
        }

        /** The number of epochs the run trains; the last one ending completes it (default: undeclared). */
        public Builder optEpochs(int epochs) {
            recorder.epochs(epochs);
            return this;
        }

        /** The declared intended use and whether it is commercial (default: {@code unspecified}, commercial). */
        public Builder optIntendedUse(String use, boolean commercial) {
            recorder.intendedUse(use, commercial);
            return this;
        }

        /** Whether a provenance failure stops training (default: no — logged, spooled, training goes on). */
        public Builder optStrict(boolean strict) {
            recorder.strict(strict);
            return this;
        }

        /** The clock for start and end times (default: the system UTC clock). */
        public Builder optClock(Clock clock) {
            recorder.clock(clock);
            return this;
        }

        /** A fixed run id (default: a random UUID). */
        public Builder optRunId(String runId) {
            recorder.runId(runId);
            return this;
        }

        /** Where unstorable records are spooled (default: {@code <ledger>/spool}). */
        public Builder optSpoolDirectory(Path dir) {
            recorder.spoolDirectory(dir);
            return this;
        }

        /** A hyperparameter DJL does not expose, e.g. the learning rate or the batch size. */
        public Builder optHyperparameter(String name, String value) {
            recorder.hyperparameter(name, value);
            return this;
        }

        /**
         * The model this run fine-tunes: its weights digest, taken now, finds its record in the ledger, which
         * becomes this run's parent. Without it, the parent is looked up by the trained model's own weights when
         * the first epoch starts (training a loaded model as is finds it).
         *
         * @throws IllegalStateException if the base model's parameters are not initialized
         */
        public Builder optFineTunes(Model base) {
            this.parentWeights = DjlParameters.digest(base.getBlock(), shardSize).weights().value();
            return this;
        }

        /**
         * Saves the trained model with {@code Model.save(directory, name)} when the run ends (the file
         * {@code <name>-<epochs, 4 digits>.params}), and records the file's digest.
         */
        public Builder optSaveModel(Path directory) {
            this.modelDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Bytes per shard of the model digest (default {@link ParameterDigest#DEFAULT_SHARD_SIZE}). */
        public Builder optShardSize(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("shard size must be positive, got " + bytes);
            }
            this.shardSize = bytes;
            return this;
        }

        /** Whether to register the JVM shutdown hook recording an open run as INTERRUPTED (default: yes). */
        public Builder optShutdownHook(boolean register) {
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
            recorder.framework(DjlConfiguration.framework());
            RunRecorder run = recorder.start();
            if (parentWeights != null) {
                run.parentFromWeights(parentWeights);
            }
            return new ProvenanceTrainingListener(this, run);
        }
    }
}
