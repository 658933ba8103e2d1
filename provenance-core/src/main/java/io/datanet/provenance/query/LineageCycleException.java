package io.datanet.provenance.query;

import io.datanet.provenance.ProvenanceException;

/**
 * Following fine-tune parent links came back to a record already visited. Record ids are SHA-256 of
 * bytes that contain the parent's id, so an honest ledger cannot hold a cycle: this means the store
 * returned a record under an id that is not its hash. Run {@code verify}.
 */
public class LineageCycleException extends ProvenanceException {
    private static final long serialVersionUID = 1L;
    private final String recordId;

    /** Creates an exception about the record that was reached twice. */
    public LineageCycleException(String recordId) {
        super("fine-tune links form a cycle at record " + recordId
                + ": the ledger returned a record under an id that is not its hash (run verify)");
        this.recordId = recordId;
    }

    /** The record id reached twice. */
    public String recordId() {
        return recordId;
    }
}
