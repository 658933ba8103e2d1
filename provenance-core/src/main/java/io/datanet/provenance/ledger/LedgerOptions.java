package io.datanet.provenance.ledger;

import java.util.Objects;

/**
 * Settings of the embedded ledger.
 *
 * @param origin            the log's origin line for a new ledger (null: derived from a random log id); ignored
 *                          for an existing ledger, whose origin never changes
 * @param signerKey         a note signer key to use instead of the key file (null: the key file, generated on
 *                          first use); never logged
 * @param checkpointOnClose whether {@link Ledger#close()} signs a checkpoint when records were appended
 * @param checkpointSpan    how many records one kept checkpoint stands for: of the checkpoints signed within
 *                          each span of this many records only the first (and the newest overall) are kept,
 *                          the rest being superseded by a newer checkpoint that provably extends them
 */
public record LedgerOptions(String origin, String signerKey, boolean checkpointOnClose, long checkpointSpan) {
    /** The default {@link #checkpointSpan()}: checkpoints cost well under a byte per record. */
    public static final long DEFAULT_CHECKPOINT_SPAN = 1024;

    /** Validates the span. */
    public LedgerOptions {
        if (checkpointSpan < 1) {
            throw new IllegalArgumentException("checkpointSpan must be at least 1, got " + checkpointSpan);
        }
    }

    /** The defaults: generated origin and key, checkpoint on close, a span of 1,024 records. */
    public static LedgerOptions defaults() {
        return new LedgerOptions(null, null, true, DEFAULT_CHECKPOINT_SPAN);
    }

    /** These options with another origin. */
    public LedgerOptions withOrigin(String origin) {
        return new LedgerOptions(Objects.requireNonNull(origin, "origin"), signerKey, checkpointOnClose,
                checkpointSpan);
    }

    /** These options with a given signer key (note format). */
    public LedgerOptions withSignerKey(String signerKey) {
        return new LedgerOptions(origin, Objects.requireNonNull(signerKey, "signerKey"), checkpointOnClose,
                checkpointSpan);
    }

    /** These options with checkpoint-on-close set. */
    public LedgerOptions withCheckpointOnClose(boolean checkpointOnClose) {
        return new LedgerOptions(origin, signerKey, checkpointOnClose, checkpointSpan);
    }

    /** These options with another checkpoint span (1 keeps every checkpoint). */
    public LedgerOptions withCheckpointSpan(long checkpointSpan) {
        return new LedgerOptions(origin, signerKey, checkpointOnClose, checkpointSpan);
    }

    @Override
    public String toString() {
        return "LedgerOptions[origin=" + origin + ", signerKey=" + (signerKey == null ? "file" : "(given)")
                + ", checkpointOnClose=" + checkpointOnClose + ", checkpointSpan=" + checkpointSpan + "]";
    }
}
