package io.datanet.provenance.record;

import java.util.Objects;

/**
 * The model version a run produced.
 *
 * @param name           the model's name; with {@code version} it is the {@code model@version} reference
 * @param version        the model version
 * @param weights        the digest of the parameters; required for a {@link RunStatus#COMPLETED} run, may be
 *                       null for a run that failed before a model existed
 * @param parameterCount the number of scalar parameters
 * @param fileDigest     the digest of the saved model file, null when none was written
 * @param parent         the record id of the base model when this run fine-tuned one, else null
 */
public record ModelInfo(String name, String version, WeightsDigest weights, long parameterCount,
                        io.datanet.provenance.Digest fileDigest, String parent) {
    /** Validates the fields. */
    public ModelInfo {
        Names.check("model name", name);
        Names.check("model version", version);
        if (version.contains("@")) {
            throw new IllegalArgumentException("model version must not contain '@': \"" + version + "\"");
        }
        if (parameterCount < 0) {
            throw new IllegalArgumentException("model parameterCount must not be negative, got " + parameterCount);
        }
        Names.checkRecordId("model parent", parent);
    }

    /** {@code name@version}, the reference accepted by queries and the CLI. */
    public String ref() {
        return name + "@" + version;
    }

    /** Checks the fields that depend on how the run ended. */
    void checkFor(RunStatus status) {
        Objects.requireNonNull(status);
        if (status == RunStatus.COMPLETED && weights == null) {
            throw new IllegalArgumentException("model weights digest is required for a COMPLETED run");
        }
    }
}
