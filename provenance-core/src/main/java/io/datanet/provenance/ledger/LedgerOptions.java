package io.datanet.provenance.ledger;

import java.util.Objects;

/**
 * Settings of the embedded ledger.
 *
 * @param origin     the log's origin line for a new ledger (null: derived from a random log id); ignored
 *                   for an existing ledger, whose origin never changes
 * @param signerKey  a note signer key to use instead of the key file (null: the key file, generated on first
 *                   use); never logged
 * @param checkpointOnClose whether {@link Ledger#close()} signs a checkpoint when records were appended
 */
public record LedgerOptions(String origin, String signerKey, boolean checkpointOnClose) {
    /** The defaults: generated origin and key, checkpoint on close. */
    public static LedgerOptions defaults() {
        return new LedgerOptions(null, null, true);
    }

    /** These options with another origin. */
    public LedgerOptions withOrigin(String origin) {
        return new LedgerOptions(Objects.requireNonNull(origin, "origin"), signerKey, checkpointOnClose);
    }

    /** These options with a given signer key (note format). */
    public LedgerOptions withSignerKey(String signerKey) {
        return new LedgerOptions(origin, Objects.requireNonNull(signerKey, "signerKey"), checkpointOnClose);
    }

    /** These options with checkpoint-on-close set. */
    public LedgerOptions withCheckpointOnClose(boolean checkpointOnClose) {
        return new LedgerOptions(origin, signerKey, checkpointOnClose);
    }

    @Override
    public String toString() {
        return "LedgerOptions[origin=" + origin + ", signerKey=" + (signerKey == null ? "file" : "(given)")
                + ", checkpointOnClose=" + checkpointOnClose + "]";
    }
}
