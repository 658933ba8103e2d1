package io.datanet.provenance.run;

import io.datanet.provenance.Digest;
import io.datanet.provenance.record.WeightsDigest;
import java.util.Objects;

/**
 * The model at the end of a run, as an adapter reads it: its parameter digest, its parameter count and, when
 * a model file was written, that file's SHA-256.
 *
 * @param weights        the parameter digest
 * @param parameterCount the number of scalar parameters
 * @param fileDigest     the saved model file's digest, or null when none was written
 */
public record ModelSnapshot(WeightsDigest weights, long parameterCount, Digest fileDigest) {
    /** Validates the fields. */
    public ModelSnapshot {
        Objects.requireNonNull(weights, "weights");
        if (parameterCount < 0) {
            throw new IllegalArgumentException("parameterCount must not be negative, got " + parameterCount);
        }
    }

    /** This snapshot with the digest of the model file written at the end of the run. */
    public ModelSnapshot withFileDigest(Digest fileDigest) {
        return new ModelSnapshot(weights, parameterCount, fileDigest);
    }
}
