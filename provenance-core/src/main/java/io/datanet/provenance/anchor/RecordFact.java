package io.datanet.provenance.anchor;

import io.datanet.provenance.Digest;
import io.datanet.provenance.ledger.LedgerEntry;
import io.datanet.provenance.record.DataNetUse;
import io.datanet.provenance.record.ProvenanceRecord;
import java.util.List;
import java.util.Objects;

/**
 * The public facts of one logged record that a sink in events mode publishes with an anchor, so that
 * anyone can ask the target which models used a DataNet without a ledger.
 *
 * @param index      the record's leaf index in the log
 * @param recordId   SHA-256 of the record's canonical bytes
 * @param modelRef   the model version the run produced, {@code name@version}
 * @param dataNetIds the DataNets it trained on, in the record's order (copied)
 */
public record RecordFact(long index, Digest recordId, String modelRef, List<String> dataNetIds) {
    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if the index is negative or the model reference is empty
     * @throws NullPointerException     if a field or DataNet id is null
     */
    public RecordFact {
        if (index < 0) {
            throw new IllegalArgumentException("record index must not be negative, got " + index);
        }
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(modelRef, "modelRef");
        if (modelRef.isEmpty()) {
            throw new IllegalArgumentException("model reference of record " + index + " must not be empty");
        }
        dataNetIds = List.copyOf(dataNetIds);
    }

    /** The facts of a logged entry. */
    public static RecordFact of(LedgerEntry entry) {
        ProvenanceRecord r = entry.record().record();
        return new RecordFact(entry.index(), entry.record().id(), r.model().ref(),
                r.datanets().stream().map(DataNetUse::id).toList());
    }
}
