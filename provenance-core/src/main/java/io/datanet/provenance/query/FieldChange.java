package io.datanet.provenance.query;

import java.util.Objects;

/**
 * One field that differs between two records, named by a JSON Pointer into the record's v1 schema in
 * which the arrays of keyed things are objects keyed by what identifies them: {@code /datanets/<id>}
 * (or {@code /datanets/<id>@<version>} when a record trains on several versions of one DataNet),
 * {@code /datanets/<id>/partitions/<name>}, {@code /datanets/<id>/observed/<partition>/<epoch>}. For
 * example {@code /datanets/iris/version}, {@code /datanets/iris/weight},
 * {@code /config/hyperparameters/learningRate}, {@code /model/parent}.
 *
 * @param path   the JSON Pointer of the field
 * @param kind   whether the field was added, removed or changed
 * @param before the value in the first record (a JSON text for objects and arrays), null when added
 * @param after  the value in the second record, null when removed
 */
public record FieldChange(String path, Kind kind, String before, String after) {
    /** How a field differs. */
    public enum Kind {
        /** Present only in the second record. */
        ADDED,
        /** Present only in the first record. */
        REMOVED,
        /** Present in both with different values. */
        CHANGED
    }

    /** Validates that the values fit the kind. */
    public FieldChange {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        if ((before == null) != (kind == Kind.ADDED) || (after == null) != (kind == Kind.REMOVED)) {
            throw new IllegalArgumentException("a " + kind + " change of " + path + " has before=" + before
                    + " and after=" + after);
        }
    }
}
