package io.datanet.provenance.ledger;

import io.datanet.provenance.ProvenanceException;

/**
 * The ledger could not be opened, read or written: an unreadable directory, a file that is not a ledger
 * database, a storage failure. {@link #location()} names the ledger directory or file.
 */
public class LedgerException extends ProvenanceException {
    private static final long serialVersionUID = 1L;
    private final String location;

    /** Creates an exception about the ledger at {@code location}. */
    public LedgerException(String location, String message, Throwable cause) {
        super(location + ": " + message, cause);
        this.location = location;
    }

    /** Creates an exception about the ledger at {@code location}. */
    public LedgerException(String location, String message) {
        super(location + ": " + message);
        this.location = location;
    }

    /** The ledger directory or file at fault. */
    public String location() {
        return location;
    }
}
