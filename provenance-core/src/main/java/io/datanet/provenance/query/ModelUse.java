package io.datanet.provenance.query;

import io.datanet.provenance.Digest;
import java.util.List;
import java.util.Objects;

/**
 * One model version trained on a DataNet, directly or through an ancestor: an answer of
 * {@link LineageQueries#uses}.
 *
 * @param index          the record's leaf index in the log
 * @param recordId       the record id, 64 lowercase hex characters
 * @param modelRef       {@code model@version}
 * @param directVersions the versions of the DataNet this run trained on itself (only those matching the
 *                       query's version, when it gave one), sorted; empty when it depends on the DataNet
 *                       only through a base model
 * @param through        the record id of the nearest base model (fine-tune ancestor) that trained on the
 *                       DataNet directly, or null when no ancestor did
 * @param superseded     true when a newer record of the same {@code model@version} exists (the model
 *                       version was re-trained); {@code model@version} references resolve to the newest
 */
public record ModelUse(long index, String recordId, String modelRef, List<Digest> directVersions, String through,
                       boolean superseded) {
    /** Validates and copies the fields. */
    public ModelUse {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative, got " + index);
        }
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(modelRef, "modelRef");
        directVersions = directVersions.stream().sorted().toList();
        if (directVersions.isEmpty() && through == null) {
            throw new IllegalArgumentException("record " + recordId + " is neither a direct use nor fine-tuned from one");
        }
    }

    /** True when this run trained on the DataNet itself (not only through a base model). */
    public boolean direct() {
        return !directVersions.isEmpty();
    }
}
