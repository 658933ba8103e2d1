package io.datanet.provenance.anchor;

import io.datanet.provenance.Digest;
import java.util.Objects;

/**
 * What an anchor commits to: log {@code logId} had {@code size} records with RFC 6962 root {@code root}.
 * Because a log only grows, an anchor at size {@code n} also commits to every earlier tree: a consistency
 * proof links it to any later root.
 *
 * @param logId the log
 * @param size  the tree size, at least 1
 * @param root  the root of the first {@code size} records
 */
public record Anchor(LogId logId, long size, Digest root) {
    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if the size is not positive
     * @throws NullPointerException     if the log id or root is null
     */
    public Anchor {
        Objects.requireNonNull(logId, "logId");
        Objects.requireNonNull(root, "root");
        if (size < 1) {
            throw new IllegalArgumentException("an anchor covers at least one record, got size " + size);
        }
    }
}
