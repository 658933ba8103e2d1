package io.datanet.provenance.anchor;

import io.datanet.provenance.ProvenanceException;

/**
 * Anchoring failed. {@link #target()} names the target (a chain and registry, say); {@link #retryable()}
 * tells whether trying again later may succeed (an unreachable node, a dropped transaction) or not (a
 * registry that refuses this log's submitter).
 */
public class AnchorException extends ProvenanceException {
    private static final long serialVersionUID = 1L;
    private final String target;
    private final boolean retryable;

    /** Creates an exception about {@code target}. */
    public AnchorException(String target, String message, boolean retryable, Throwable cause) {
        super(target + ": " + message, cause);
        this.target = target;
        this.retryable = retryable;
    }

    /** Creates an exception about {@code target}. */
    public AnchorException(String target, String message, boolean retryable) {
        this(target, message, retryable, null);
    }

    /** The anchoring target at fault. */
    public String target() {
        return target;
    }

    /** True when the same request may succeed later. */
    public boolean retryable() {
        return retryable;
    }
}
