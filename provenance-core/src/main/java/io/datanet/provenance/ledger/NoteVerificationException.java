package io.datanet.provenance.ledger;

import io.datanet.provenance.ProvenanceException;

/**
 * A signed note that does not verify under the expected key. {@link #reason()} says why: the note is
 * malformed, it carries no signature by the key, or the key's signature is invalid (the text or the
 * signature was changed).
 */
public class NoteVerificationException extends ProvenanceException {
    private static final long serialVersionUID = 1L;

    /** Why a note did not verify. */
    public enum Reason {
        /** Not a signed note: bad characters, no blank line before the signatures, a bad signature line. */
        MALFORMED_NOTE,
        /** Well-formed, but no signature line is by the expected key (name and key hash). */
        NO_SIGNATURE_BY_KEY,
        /** A signature line by the expected key does not verify over the note text. */
        INVALID_SIGNATURE
    }

    private final Reason reason;

    /** Creates an exception for {@code reason}, with a message naming the key and the detail. */
    public NoteVerificationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the note did not verify. */
    public Reason reason() {
        return reason;
    }
}
