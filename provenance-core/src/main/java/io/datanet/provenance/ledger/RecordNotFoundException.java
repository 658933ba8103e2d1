package io.datanet.provenance.ledger;

import io.datanet.provenance.InvalidInputException;

/** A reference (record id, id prefix, {@code model@version} or index) that names no record, or more than one. */
public class RecordNotFoundException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception about {@code ref}. */
    public RecordNotFoundException(String ref, String problem) {
        super(ref, "", problem);
    }
}
