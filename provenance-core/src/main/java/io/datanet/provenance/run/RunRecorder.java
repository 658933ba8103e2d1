package io.datanet.provenance.run;

import io.datanet.provenance.Digest;
import io.datanet.provenance.ProvenanceException;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.license.LicensePolicy;
import io.datanet.provenance.license.LicenseTerms;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.record.CaptureMode;
import io.datanet.provenance.record.ConfigInfo;
import io.datanet.provenance.record.DataNetUse;
import io.datanet.provenance.record.FrameworkInfo;
import io.datanet.provenance.record.ModelInfo;
import io.datanet.provenance.record.PartitionInfo;
import io.datanet.provenance.record.PolicyInfo;
import io.datanet.provenance.record.PolicyVerdict;
import io.datanet.provenance.record.ProvenanceRecord;
import io.datanet.provenance.record.RunInfo;
import io.datanet.provenance.record.RunStatus;
import io.datanet.provenance.run.internal.ObservedTally;
import io.datanet.provenance.run.internal.RecordSpool;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training run being recorded, framework-neutral: adapters (the DL4J listener, the DJL adapter) only
 * translate framework events into its methods; every capture rule lives here.
 *
 * <p><b>Lifecycle.</b> {@link Builder#start()} evaluates the licence policy <em>before</em> any training,
 * takes the start time and registers a JVM shutdown hook. The adapter then reports epochs
 * ({@link #epochStarted()}, {@link #epochEnded()}), batches ({@link #observe}), the configuration and how to
 * read the model. The record is emitted <b>exactly once</b> by whichever ending comes first:
 * {@link #complete()}, {@link #fail(Throwable)}, {@link #interrupt()}, {@link #close()} (which infers the
 * ending) or the shutdown hook ({@link RunStatus#INTERRUPTED}). Later endings do nothing. Never two records,
 * never none.
 *
 * <p><b>Failures.</b> When the sink cannot store the record, its canonical bytes go to the spool directory and
 * the failure is logged; they are appended by the next recorder whose sink works (at its start or emission).
 * In strict mode the ending method then throws {@link RecordSpooledException}, stopping the training loop;
 * otherwise training goes on. A record is never silently dropped.
 *
 * <p><b>Memory.</b> Counts are counters per DataNet, partition and epoch: nothing grows with the data.
 * Thread-safe.
 */
public final class RunRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunRecorder.class);
    private static final FrameworkInfo UNSPECIFIED = new FrameworkInfo("unspecified", "unspecified", "unspecified");
    private static final long HOOK_WAIT_SECONDS = 30;

    private final RecordSink sink;
    private final RecordSpool spool;
    private final Clock clock;
    private final String runId;
    private final String modelName;
    private final String modelVersion;
    private final boolean strict;
    private final Map<String, DataNetDeclaration> dataNets;
    private final PolicyInfo policy;
    private final int declaredEpochs;
    private final Instant startedAt;
    private final ObservedTally tally = new ObservedTally();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final CountDownLatch emitted = new CountDownLatch(1);
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final Map<String, String> hyperparameters;
    private final Thread hook;

    private volatile FrameworkInfo framework;
    private volatile Digest configDigest = Digest.sha256(new byte[0]);
    private volatile long seed;
    private volatile String parent;
    private volatile Supplier<ModelSnapshot> modelSource;
    private volatile CanonicalRecord record;
    private volatile CompletableFuture<Void> parentLookup;
    private volatile int epochsCompleted; // written under the lock, read without it by counters
    private boolean epochOpen;

    private RunRecorder(Builder b, PolicyInfo policy) {
        this.sink = b.sink;
        this.spool = new RecordSpool(b.spoolDirectory != null ? b.spoolDirectory
                : sink.spoolDirectory().orElse(Ledger.defaultDirectory().resolve("spool")));
        this.clock = b.clock;
        this.runId = b.runId.get();
        this.modelName = b.modelName;
        this.modelVersion = b.modelVersion;
        this.strict = b.strict;
        this.dataNets = Collections.unmodifiableMap(new LinkedHashMap<>(b.dataNets));
        this.policy = policy;
        this.declaredEpochs = b.epochs;
        this.framework = b.framework;
        this.seed = b.seed;
        this.hyperparameters = Collections.synchronizedMap(new TreeMap<>(b.hyperparameters));
        if (declaredEpochs > 0) {
            hyperparameters.put("epochs", Integer.toString(declaredEpochs));
        }
        this.startedAt = clock.instant();
        this.hook = b.shutdownHook ? new Thread(this::onShutdown, "provenance-run-" + runId) : null;
    }

    /** A builder for a run recorded into {@code sink}, producing {@code modelName@modelVersion}. */
    public static Builder builder(RecordSink sink, String modelName, String modelVersion) {
        return new Builder(sink, modelName, modelVersion);
    }

    /** A builder for a run recorded into the embedded ledger in {@code ledgerDirectory}. */
    public static Builder builder(Path ledgerDirectory, String modelName, String modelVersion) {
        return new Builder(RecordSink.ledger(ledgerDirectory), modelName, modelVersion);
    }

    /** The run id. */
    public String runId() {
        return runId;
    }

    /** The licence verdict evaluated at start ({@link PolicyVerdict#ALLOWED} for a run that started). */
    public PolicyInfo policy() {
        return policy;
    }

    /** The DataNets declared, by id, in declaration order. */
    public Map<String, DataNetDeclaration> dataNets() {
        return dataNets;
    }

    /** The spool directory. */
    public Path spoolDirectory() {
        return spool.directory();
    }

    /** Sets the framework (name, version, backend). */
    public void framework(FrameworkInfo framework) {
        this.framework = Objects.requireNonNull(framework, "framework");
    }

    /**
     * Sets the configuration: the digest of the framework's full configuration, hyperparameters (values as
     * strings, numbers as decimal strings; merged over those declared in the builder) and the seed.
     */
    public void config(Digest digest, Map<String, String> hyperparameters, long seed) {
        this.configDigest = Objects.requireNonNull(digest, "config digest");
        this.hyperparameters.putAll(hyperparameters);
        this.seed = seed;
    }

    /** Sets one hyperparameter. */
    public void hyperparameter(String name, String value) {
        hyperparameters.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, name));
    }

    /**
     * Looks up the model this run starts from by its weights digest and, when the ledger has a record of it,
     * names that record as this run's {@code parent}.
     *
     * @return the parent record id, if one was found
     * @throws ProvenanceException in strict mode when the lookup fails (otherwise it is logged)
     */
    public Optional<String> parentFromWeights(Digest weights) {
        try {
            Optional<String> found = sink.findByWeights(weights);
            found.ifPresent(id -> {
                this.parent = id;
                LOG.info("Run {} fine-tunes the model of record {} (weights {})", runId, id, weights);
            });
            return found;
        } catch (RuntimeException e) {
            if (strict) {
                throw new ProvenanceException("cannot look up the parent model of run " + runId + " by weights "
                        + weights + " in " + sink, e);
            }
            LOG.warn("Cannot look up the parent model of run {} by weights {} in {} ({}); recorded without parent",
                    runId, weights, sink, e.toString());
            return Optional.empty();
        }
    }

    /**
     * Starts {@link #parentFromWeights} on a background thread, so the training thread that calls it at the
     * start of training does not wait on the ledger: the digest is the caller's (taken before the weights
     * change), only the lookup is deferred. The record waits for the lookup before it is assembled, and
     * {@link #parent()} waits for it too. In strict mode the lookup runs here, so that its failure stops the
     * run before training.
     */
    public void parentFromWeightsInBackground(Digest weights) {
        Objects.requireNonNull(weights, "weights");
        if (strict) {
            parentFromWeights(weights);
            return;
        }
        awaitParentLookup(0);
        parentLookup = CompletableFuture.runAsync(() -> parentFromWeights(weights), Background.EXECUTOR);
    }

    /** Waits for a background parent lookup (at most {@code seconds}, or without limit when 0). */
    private void awaitParentLookup(long seconds) {
        CompletableFuture<Void> lookup = parentLookup;
        if (lookup == null) {
            return;
        }
        try {
            if (seconds > 0) {
                lookup.get(seconds, TimeUnit.SECONDS);
            } else {
                lookup.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            LOG.error("Run {}: the parent lookup did not finish within {} s; recorded without it", runId, seconds);
        } catch (ExecutionException e) {
            LOG.error("Run {}: the parent lookup failed: {}", runId, e.getCause().toString());
        }
    }

    /** Names the record this run fine-tunes, by record id (64 lowercase hex). */
    public void parent(String recordId) {
        if (recordId == null || recordId.length() != 64 || !Digest.isLowerHex(recordId)) {
            throw new IllegalArgumentException("a parent must be a record id (64 lowercase hex), got " + recordId);
        }
        awaitParentLookup(0); // a lookup started earlier must not overwrite the parent named now
        this.parent = recordId;
    }

    /** The parent record id, if one is known (after a background lookup, once it has finished). */
    public Optional<String> parent() {
        awaitParentLookup(0);
        return Optional.ofNullable(parent);
    }

    /**
     * Tells the recorder how to read the model when the run ends on the training side ({@link #complete()},
     * {@link #fail}, {@link #interrupt()}, {@link #close()}); the shutdown hook never reads the model, which
     * another thread may be changing.
     */
    public void modelSource(Supplier<ModelSnapshot> source) {
        this.modelSource = Objects.requireNonNull(source, "source");
    }

    /** Marks the start of an epoch. */
    public synchronized void epochStarted() {
        epochOpen = true;
    }

    /**
     * Marks the end of an epoch.
     *
     * @return true when the declared number of epochs has now completed (the adapter then calls {@link #complete()})
     */
    public synchronized boolean epochEnded() {
        epochOpen = false;
        epochsCompleted++;
        return declaredEpochs > 0 && epochsCompleted >= declaredEpochs;
    }

    /** The index of the current epoch, from 0: the number of epochs completed. */
    public synchronized int currentEpoch() {
        return epochsCompleted;
    }

    /** The number of epochs declared in the builder, 0 when none was. */
    public int declaredEpochs() {
        return declaredEpochs;
    }

    /**
     * Counts one batch of {@code samples} samples of DataNet {@code dataNetId}, partition {@code partition},
     * in the current epoch. A batch for an undeclared DataNet or partition, or for a declared-only DataNet,
     * is not counted and is logged once. Adapters counting every batch resolve a {@link #counter} once instead.
     */
    public void observe(String dataNetId, String partition, long samples) {
        counter(dataNetId, partition).add(samples);
    }

    /**
     * The counter of batches of DataNet {@code dataNetId}, partition {@code partition}: the pair is checked and
     * resolved here, once, so that {@link Counter#add} — called once per training iteration — is two array
     * increments. For an undeclared DataNet or partition, or a declared-only DataNet, the counter counts
     * nothing and its first batch is logged.
     */
    public Counter counter(String dataNetId, String partition) {
        DataNetDeclaration d = dataNets.get(dataNetId);
        if (d == null || d.capture() != CaptureMode.OBSERVED
                || d.partitions().stream().noneMatch(p -> p.name().equals(partition))) {
            return samples -> {
                if (warned.size() < 100 && warned.add(dataNetId + "/" + partition)) {
                    LOG.warn("Run {} saw a batch of datanet {} partition {}, which it does not observe; not counted",
                            runId, dataNetId, partition);
                }
            };
        }
        int slot = tally.slot(dataNetId, partition);
        return samples -> tally.add(slot, epochsCompleted, samples);
    }

    /** Counts the batches of one DataNet partition in a run; see {@link RunRecorder#counter}. */
    @FunctionalInterface
    public interface Counter {
        /** Counts one batch of {@code samples} samples in the current epoch (a batch of 0 is not counted). */
        void add(long samples);
    }

    /** Samples counted so far over all DataNets, partitions and epochs. */
    public long samplesObserved() {
        return tally.totalSamples();
    }

    /** Ends the run as {@link RunStatus#COMPLETED}; returns the record if this call emitted it. */
    public Optional<CanonicalRecord> complete() {
        return finish(RunStatus.COMPLETED, null, true, false);
    }

    /** Ends the run as {@link RunStatus#FAILED} because training threw {@code cause}. */
    public Optional<CanonicalRecord> fail(Throwable cause) {
        return finish(RunStatus.FAILED, cause, true, false);
    }

    /** Ends the run as {@link RunStatus#INTERRUPTED}: stopped from outside before it completed. */
    public Optional<CanonicalRecord> interrupt() {
        return finish(RunStatus.INTERRUPTED, null, true, false);
    }

    /**
     * Ends the run if it is still open, inferring how: {@link RunStatus#FAILED} when an epoch was in progress
     * (training stopped inside an epoch, so it threw), {@link RunStatus#INTERRUPTED} when fewer epochs than
     * declared completed or nothing was trained, else {@link RunStatus#COMPLETED}.
     */
    @Override
    public void close() {
        if (finished.get()) {
            return;
        }
        RunStatus status;
        synchronized (this) {
            if (epochOpen) {
                status = RunStatus.FAILED;
            } else if (declaredEpochs > 0 ? epochsCompleted < declaredEpochs
                    : epochsCompleted == 0 && tally.totalSamples() == 0) {
                status = RunStatus.INTERRUPTED;
            } else {
                status = RunStatus.COMPLETED;
            }
        }
        finish(status, null, true, false);
    }

    /** True once the record was emitted (or its emission began). */
    public boolean isFinished() {
        return finished.get();
    }

    /** The record this run emitted, once it has. */
    public Optional<CanonicalRecord> record() {
        return Optional.ofNullable(record);
    }

    private void onShutdown() {
        if (finish(RunStatus.INTERRUPTED, null, false, true).isPresent()) {
            LOG.warn("JVM shutting down during run {}: recorded as INTERRUPTED", runId);
        }
    }

    private Optional<CanonicalRecord> finish(RunStatus status, Throwable cause, boolean readModel, boolean fromHook) {
        if (!finished.compareAndSet(false, true)) {
            if (fromHook) {
                awaitEmission();
            }
            return Optional.empty();
        }
        try {
            awaitParentLookup(fromHook ? HOOK_WAIT_SECONDS : 0);
            ModelSnapshot model = readModel ? snapshot() : null;
            if (status == RunStatus.COMPLETED && model == null) {
                LOG.error("Run {} completed but its model could not be read; recorded as FAILED", runId);
                status = RunStatus.FAILED;
            }
            if (cause != null) {
                LOG.info("Run {} failed: {}", runId, cause.toString());
            }
            CanonicalRecord rec = CanonicalRecord.of(assemble(status, model));
            this.record = rec;
            store(rec, fromHook);
            return Optional.of(rec);
        } finally {
            emitted.countDown();
            if (!fromHook && hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or will run, and will find the record emitted
                }
            }
        }
    }

    private ModelSnapshot snapshot() {
        Supplier<ModelSnapshot> source = modelSource;
        if (source == null) {
            return null;
        }
        try {
            return source.get();
        } catch (RuntimeException e) {
            LOG.error("Cannot read the model of run {}: {}", runId, e.toString(), e);
            return null;
        }
    }

    private ProvenanceRecord assemble(RunStatus status, ModelSnapshot model) {
        Instant endedAt = clock.instant();
        ProvenanceRecord.Builder b = ProvenanceRecord.builder()
                .run(new RunInfo(runId, status, startedAt, endedAt.isBefore(startedAt) ? startedAt : endedAt))
                .model(new ModelInfo(modelName, modelVersion, model == null ? null : model.weights(),
                        model == null ? 0 : model.parameterCount(), model == null ? null : model.fileDigest(), parent))
                .framework(framework)
                .config(new ConfigInfo(configDigest, new TreeMap<>(hyperparameters), seed))
                .policy(policy);
        for (DataNetDeclaration d : dataNets.values()) {
            List<PartitionInfo> partitions = d.partitions();
            b.datanet(new DataNetUse(d.dataNet().id(), d.dataNet().version(), d.dataNet().license(), d.weight(),
                    partitions, d.capture() == CaptureMode.OBSERVED ? tally.of(d.dataNet().id()) : List.of(),
                    d.capture()));
        }
        return b.build();
    }

    private void store(CanonicalRecord rec, boolean fromHook) {
        try {
            sink.append(rec);
            LOG.info("Recorded run {} ({} {}) as record {} in {}", runId, rec.record().model().ref(),
                    rec.record().run().status(), rec.idHex(), sink);
        } catch (RuntimeException e) {
            Path file = null;
            try {
                file = spool.write(rec, clock.millis());
                LOG.error("Cannot store the record {} of run {} in {} ({}); spooled to {}, to be appended on the"
                        + " next successful emission", rec.idHex(), runId, sink, e.toString(), file);
            } catch (IOException | RuntimeException spoolFailure) {
                LOG.error("Cannot store the record {} of run {} in {} ({}) nor spool it to {} ({}); its canonical"
                        + " bytes follow so that it is not lost:\n{}", rec.idHex(), runId, sink, e.toString(),
                        spool.directory(), spoolFailure.toString(), rec.json());
            }
            if (strict && !fromHook) {
                throw new RecordSpooledException(rec.idHex(), file, e);
            }
            return;
        }
        drainSpool();
    }

    private void drainSpool() {
        try {
            spool.drainTo(sink);
        } catch (RuntimeException e) {
            LOG.warn("Cannot append spooled records from {} to {} yet: {}", spool.directory(), sink, e.toString());
        }
    }

    private void awaitEmission() {
        try {
            if (!emitted.await(HOOK_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.error("Run {}: the record's emission did not finish within {} s of JVM shutdown", runId,
                        HOOK_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Daemon threads for the ledger work a run does beside training; idle ones end after a minute. */
    private static final class Background {
        static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "provenance-background");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Settings of a run. Required: the sink, model name and version (given to {@link RunRecorder#builder}).
     * Everything else has a default, stated on its method.
     */
    public static final class Builder {
        private final RecordSink sink;
        private final String modelName;
        private final String modelVersion;
        private Clock clock = Clock.systemUTC();
        private Supplier<String> runId = () -> java.util.UUID.randomUUID().toString();
        private String intendedUse = "unspecified";
        private boolean commercial = true;
        private boolean strict;
        private Path spoolDirectory;
        private int epochs;
        private FrameworkInfo framework = UNSPECIFIED;
        private long seed;
        private boolean shutdownHook = true;
        private final Map<String, String> hyperparameters = new TreeMap<>();
        private final Map<String, DataNetDeclaration> dataNets = new LinkedHashMap<>();

        private Builder(RecordSink sink, String modelName, String modelVersion) {
            this.sink = Objects.requireNonNull(sink, "sink");
            new ModelInfo(modelName, modelVersion, null, 0, null, null); // validates both, naming the field
            this.modelName = modelName;
            this.modelVersion = modelVersion;
        }

        /** The clock for start and end times (default: the system UTC clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** A fixed run id (default: a random UUID). */
        public Builder runId(String runId) {
            Objects.requireNonNull(runId, "runId");
            return runIds(() -> runId);
        }

        /** Where run ids come from (default: random UUIDs). */
        public Builder runIds(Supplier<String> runIds) {
            this.runId = Objects.requireNonNull(runIds, "runIds");
            return this;
        }

        /**
         * The declared intended use of the model and whether it is commercial, checked against every
         * DataNet's licence before training. Default: {@code unspecified}, commercial — the conservative
         * reading, so data licensed for non-commercial use only is refused until a non-commercial use is
         * declared.
         */
        public Builder intendedUse(String use, boolean commercial) {
            Objects.requireNonNull(use, "intended use");
            if (use.isBlank()) {
                throw new IllegalArgumentException("intended use must not be blank");
            }
            this.intendedUse = use;
            this.commercial = commercial;
            return this;
        }

        /**
         * Strict mode: a provenance failure (the record cannot be stored, the parent cannot be looked up)
         * throws into the training loop and stops it. Default: not strict — the failure is logged, the record
         * spooled, and training continues.
         */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /** Where records that cannot be stored are spooled (default: the sink's, e.g. {@code <ledger>/spool}). */
        public Builder spoolDirectory(Path dir) {
            this.spoolDirectory = Objects.requireNonNull(dir, "spool directory");
            return this;
        }

        /** The number of epochs the run will train; reaching it lets the adapter complete the run (default: undeclared). */
        public Builder epochs(int epochs) {
            if (epochs <= 0) {
                throw new IllegalArgumentException("epochs must be positive, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /** The framework (default: {@code unspecified}; adapters set it). */
        public Builder framework(FrameworkInfo framework) {
            this.framework = Objects.requireNonNull(framework, "framework");
            return this;
        }

        /** The run's random seed (default 0; adapters read it from the configuration). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** A hyperparameter the framework configuration does not hold, e.g. the batch size. */
        public Builder hyperparameter(String name, String value) {
            hyperparameters.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, name));
            return this;
        }

        /**
         * Declares a DataNet the run trains on.
         *
         * @throws IllegalArgumentException if a DataNet with the same id was already declared
         */
        public Builder dataNet(DataNetDeclaration dataNet) {
            String id = dataNet.dataNet().id();
            if (dataNets.putIfAbsent(id, dataNet) != null) {
                throw new IllegalArgumentException("datanet " + id + " is declared twice");
            }
            return this;
        }

        /** Whether to register a JVM shutdown hook that records an open run as INTERRUPTED (default: yes). */
        public Builder shutdownHook(boolean register) {
            this.shutdownHook = register;
            return this;
        }

        /**
         * Starts the run: evaluates the licence policy, takes the start time from the clock, registers the
         * shutdown hook and appends any spooled records.
         *
         * @throws io.datanet.provenance.license.LicenseViolationException naming the DataNet and term when the
         *         declared use breaks a DataNet's licence; the refusal is itself recorded (status FAILED,
         *         verdict REFUSED, no model) and nothing is trained
         */
        public RunRecorder start() {
            Map<String, LicenseTerms> terms = new TreeMap<>();
            dataNets.forEach((id, d) -> terms.put(id, d.dataNet().license()));
            PolicyInfo verdict = LicensePolicy.evaluate(intendedUse, commercial, terms);
            RunRecorder run = new RunRecorder(this, verdict);
            run.drainSpool();
            if (verdict.verdict() == PolicyVerdict.REFUSED) {
                LOG.error("Run {} refused before training: {}", run.runId, verdict.reasons());
                try {
                    run.finish(RunStatus.FAILED, null, false, false);
                } catch (RecordSpooledException spooled) {
                    LOG.error("The refusal of run {} was spooled, not stored: {}", run.runId, spooled.getMessage());
                }
                LicensePolicy.require(intendedUse, commercial, terms);
            }
            if (run.hook != null) {
                Runtime.getRuntime().addShutdownHook(run.hook);
            }
            LOG.debug("Run {} of {}@{} started with datanets {}", run.runId, modelName, modelVersion,
                    new ArrayList<>(dataNets.keySet()));
            return run;
        }
    }
}
