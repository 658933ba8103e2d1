package io.datanet.provenance.anchor;

import java.util.Objects;

/**
 * The outcome of {@link AnchorSink#publish}.
 *
 * @param anchor      the anchor that was asked for
 * @param outcome     what happened
 * @param transaction where the target recorded it (an EVM transaction hash, say), or empty when this
 *                    call did not send anything
 * @param block       the block (or sequence number) it is recorded in, or -1 when unknown
 */
public record AnchorReceipt(Anchor anchor, Outcome outcome, String transaction, long block) {
    /** What publishing an anchor did. */
    public enum Outcome {
        /** This call recorded the anchor on the target. */
        ANCHORED,
        /** The target already held exactly this anchor; nothing was sent. */
        ALREADY_ANCHORED,
        /**
         * The target already holds a later anchor of the log, so this size can no longer be anchored; the
         * later anchor commits to this tree through consistency, so nothing is lost.
         */
        SUPERSEDED
    }

    /**
     * Validates the fields.
     *
     * @throws NullPointerException if the anchor, outcome or transaction is null
     */
    public AnchorReceipt {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(transaction, "transaction");
    }
}
