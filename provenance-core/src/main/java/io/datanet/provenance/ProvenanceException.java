package io.datanet.provenance;

/**
 * The root of every exception this library throws. Unchecked, so that a training loop is never forced
 * to handle provenance I/O; the subtypes carry structured context (the field, file, DataNet or record
 * at fault) so callers can react precisely.
 */
public class ProvenanceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message that names what is at fault. */
    public ProvenanceException(String message) {
        super(message);
    }

    /** Creates an exception with a message that names what is at fault and the underlying cause. */
    public ProvenanceException(String message, Throwable cause) {
        super(message, cause);
    }
}
