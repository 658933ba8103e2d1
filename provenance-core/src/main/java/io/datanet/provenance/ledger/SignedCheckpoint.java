package io.datanet.provenance.ledger;

import java.util.Objects;

/**
 * A checkpoint with the signed note that carries it: the exact text a log publishes and auditors check
 * with the log's verifier key, byte-for-byte what Go's {@code sumdb/note} produces for the same key.
 *
 * <p>The constructor checks only that the note's text is the checkpoint's body; use
 * {@link #verify(String, NoteVerifier)} to check a note from elsewhere.
 *
 * @param checkpoint the checkpoint the note signs
 * @param note       the signed note: {@code checkpoint.body()}, a blank line and signature lines
 */
public record SignedCheckpoint(Checkpoint checkpoint, String note) {
    /**
     * Checks that the note begins with the checkpoint's body and a blank line.
     *
     * @throws IllegalArgumentException if it does not
     * @throws NullPointerException     if either is null
     */
    public SignedCheckpoint {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(note, "note");
        if (!note.startsWith(checkpoint.body() + "\n")) {
            throw new IllegalArgumentException("the note does not sign checkpoint " + checkpoint.origin()
                    + " at size " + checkpoint.size());
        }
    }

    /**
     * Signs a checkpoint.
     *
     * @throws NullPointerException if either argument is null
     */
    public static SignedCheckpoint sign(Checkpoint checkpoint, NoteSigner signer) {
        return new SignedCheckpoint(checkpoint, signer.sign(checkpoint.body()));
    }

    /**
     * Verifies a signed checkpoint note under {@code verifier} and parses its text. Signatures by other
     * keys (witness cosignatures, for instance) are ignored. The origin is not compared with the key
     * name: callers that expect a particular log check {@code checkpoint().origin()} themselves.
     *
     * @throws NoteVerificationException if the note is malformed or not validly signed by the key
     * @throws CheckpointFormatException if the signed text is not a checkpoint
     */
    public static SignedCheckpoint verify(String note, NoteVerifier verifier) {
        return new SignedCheckpoint(Checkpoint.parse(verifier.verify(note)), note);
    }
}
