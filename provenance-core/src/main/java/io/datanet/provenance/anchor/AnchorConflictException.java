package io.datanet.provenance.anchor;

import io.datanet.provenance.Digest;

/**
 * The target already holds a different root for this log at this size: either the ledger was altered
 * since it was anchored, or another party anchors under this log's id. Never retried.
 */
public class AnchorConflictException extends AnchorException {
    private static final long serialVersionUID = 1L;
    private final transient Anchor requested;
    private final transient Digest onTarget;

    /** Creates an exception: {@code requested} differs from the root {@code onTarget} the target holds. */
    public AnchorConflictException(String target, Anchor requested, Digest onTarget) {
        super(target, "log " + requested.logId().hex() + " is anchored at size " + requested.size() + " with root "
                + onTarget + ", not " + requested.root(), false);
        this.requested = requested;
        this.onTarget = onTarget;
    }

    /** The anchor that was asked for. */
    public Anchor requested() {
        return requested;
    }

    /** The root the target holds at that size. */
    public Digest onTarget() {
        return onTarget;
    }
}
