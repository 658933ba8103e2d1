package io.datanet.provenance.testkit;

import io.datanet.provenance.datanet.DataNet;
import io.datanet.provenance.split.DataNetSplit;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * One training run the contract asks an adapter to perform.
 *
 * @param variant     the adapter's variant (e.g. which network type and fit method), one of its {@code variants()}
 * @param ledger      the ledger directory to record into
 * @param model       the model name
 * @param version     the model version
 * @param dataNets    the DataNets with their declared weights, fed through the adapter's DataNet-aware data
 * @param split       the seeded split; training uses its partition {@code "train"}
 * @param epochs      the epochs declared and fit
 * @param batchSize   samples per batch of each DataNet's pipeline
 * @param clock       the recorder's clock
 * @param runId       the run id
 * @param intendedUse the declared intended use
 * @param commercial  whether that use is commercial
 * @param ending      how the run ends
 * @param endingAt    for {@link Ending#THROW_IN_FIT}: the batch (from 0) whose delivery throws; for
 *                    {@link Ending#CLOSE_EARLY}: the epochs fit before the run is closed
 * @param startFrom   the model to fine-tune ({@link RunOutcome#model()} of an earlier run), or null to start fresh
 */
public record RunSpec(String variant, Path ledger, String model, String version, List<Weighted> dataNets,
                      DataNetSplit split, int epochs, int batchSize, Clock clock, String runId, String intendedUse,
                      boolean commercial, Ending ending, int endingAt, Object startFrom) {
    /** The partition trained on. */
    public static final String TRAIN = "train";

    /** A DataNet and its declared weight. */
    public record Weighted(DataNet dataNet, String weight) {}

    /** How a run ends. */
    public enum Ending {
        /** Fit runs every declared epoch; the run is closed afterwards too (it must not record twice). */
        COMPLETE,
        /** The data throws inside the first epoch; fit throws; the run is closed afterwards. */
        THROW_IN_FIT,
        /** Fewer epochs than declared are fit, then the run is closed. */
        CLOSE_EARLY
    }

    /** This spec with other settings. */
    public RunSpec with(Ending ending, int endingAt) {
        return new RunSpec(variant, ledger, model, version, dataNets, split, epochs, batchSize, clock, runId,
                intendedUse, commercial, ending, endingAt, startFrom);
    }

    /** This spec recording into another ledger. */
    public RunSpec withLedger(Path ledger) {
        return new RunSpec(variant, ledger, model, version, dataNets, split, epochs, batchSize, clock, runId,
                intendedUse, commercial, ending, endingAt, startFrom);
    }

    /** This spec with other DataNets. */
    public RunSpec withDataNets(List<Weighted> dataNets) {
        return new RunSpec(variant, ledger, model, version, dataNets, split, epochs, batchSize, clock, runId,
                intendedUse, commercial, ending, endingAt, startFrom);
    }

    /** This spec with another declared use. */
    public RunSpec withUse(String intendedUse, boolean commercial) {
        return new RunSpec(variant, ledger, model, version, dataNets, split, epochs, batchSize, clock, runId,
                intendedUse, commercial, ending, endingAt, startFrom);
    }

    /** This spec fine-tuning {@code base} into another model version. */
    public RunSpec fineTuning(Object base, String model, String version, List<Weighted> dataNets) {
        return new RunSpec(variant, ledger, model, version, dataNets, split, epochs, batchSize, clock, runId + "-ft",
                intendedUse, commercial, Ending.COMPLETE, 0, base);
    }
}
