package io.datanet.provenance.run;

import io.datanet.provenance.ProvenanceException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Thrown in strict mode when a run's record could not be stored: the record was written to the spool
 * ({@link #spoolFile()}) and will be appended by the next recorder that reaches the ledger — or, when even
 * the spool failed, logged in full at ERROR level.
 */
public class RecordSpooledException extends ProvenanceException {
    private static final long serialVersionUID = 1L;
    private final String recordId;
    private final transient Path spoolFile;

    /** Creates an exception about record {@code recordId}, spooled to {@code spoolFile} (null if spooling failed too). */
    public RecordSpooledException(String recordId, Path spoolFile, Throwable cause) {
        super("record " + recordId + " was not stored (" + cause.getMessage() + "); "
                + (spoolFile == null ? "spooling failed too, the record is in the log at ERROR level"
                : "spooled to " + spoolFile + ", appended on the next successful emission"), cause);
        this.recordId = recordId;
        this.spoolFile = spoolFile;
    }

    /** The id of the record that was not stored. */
    public String recordId() {
        return recordId;
    }

    /** The spool file holding the record's canonical bytes; empty when spooling failed too. */
    public Optional<Path> spoolFile() {
        return Optional.ofNullable(spoolFile);
    }
}
