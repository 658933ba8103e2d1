package io.datanet.provenance.query;

import io.datanet.provenance.Digest;
import java.util.List;
import java.util.Objects;

/**
 * One DataNet version that a lineage depends on, and which records of the lineage trained on it directly.
 *
 * @param id        the DataNet id
 * @param version   the DataNet version digest
 * @param trainedBy the record ids of the lineage's models that trained on this exact version, nearest
 *                  to the model asked about first; never empty
 */
public record LineageDataNet(String id, Digest version, List<String> trainedBy) {
    /** Validates and copies the fields. */
    public LineageDataNet {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        trainedBy = List.copyOf(trainedBy);
        if (trainedBy.isEmpty()) {
            throw new IllegalArgumentException("datanet " + id + " in a lineage must be trained on by some record");
        }
    }

    /** {@code id@sha256:...}. */
    public String ref() {
        return id + "@" + version;
    }
}
