package io.datanet.provenance.ledger;

import io.datanet.provenance.InvalidInputException;

/**
 * Text that is not a C2SP {@code tlog-checkpoint} body. {@link #lineNumber()} names the line at fault
 * (1 = origin, 2 = tree size, 3 = root hash, 4 and later = extension lines).
 */
public class CheckpointFormatException extends InvalidInputException {
    private static final long serialVersionUID = 1L;
    private final int lineNumber;

    /** Creates an exception about line {@code lineNumber} (1-based) of a checkpoint. */
    public CheckpointFormatException(int lineNumber, String problem) {
        super("checkpoint", "", "line " + lineNumber + ": " + problem);
        this.lineNumber = lineNumber;
    }

    /** The 1-based number of the line at fault. */
    public int lineNumber() {
        return lineNumber;
    }
}
