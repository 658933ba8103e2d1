package io.datanet.provenance.ledger;

import io.datanet.provenance.InvalidInputException;

/**
 * Text that is not a {@code c2sp.org/tlog-proof@v1} file. {@link #lineNumber()} names the line at
 * fault (1 = the header line).
 */
public class TlogProofFormatException extends InvalidInputException {
    private static final long serialVersionUID = 1L;
    private final int lineNumber;

    /** Creates an exception about line {@code lineNumber} (1-based) of a proof file. */
    public TlogProofFormatException(int lineNumber, String problem) {
        super("tlog-proof", "", "line " + lineNumber + ": " + problem);
        this.lineNumber = lineNumber;
    }

    /** The 1-based number of the line at fault. */
    public int lineNumber() {
        return lineNumber;
    }
}
