package io.datanet.provenance.ledger;

import io.datanet.provenance.InvalidInputException;

/**
 * Text that is not a signed-note key in Go's {@code sumdb/note} format: a signer key
 * {@code PRIVATE+KEY+name+keyhash+key} or a verifier key {@code name+keyhash+key}, Ed25519 only, whose
 * key hash matches. The message says what is wrong and never quotes a signer key.
 */
public class NoteKeyFormatException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception about a key; {@code source} says which kind ("signer key" or "verifier key"). */
    public NoteKeyFormatException(String source, String problem) {
        super(source, "", problem);
    }
}
