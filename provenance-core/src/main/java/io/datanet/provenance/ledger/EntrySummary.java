package io.datanet.provenance.ledger;

import io.datanet.provenance.Digest;
import io.datanet.provenance.record.DataNetUse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a lineage query reads of an entry, without the full record: its position, id, model reference and the
 * DataNet versions it trained on directly. Returned by {@link Ledger#summary}.
 *
 * @param index    the leaf index, from 0, in append order
 * @param recordId the record id (SHA-256 of the logged bytes)
 * @param modelRef the model reference, {@code model@version}
 * @param dataNets the DataNets the run trained on directly, each with its version, in record order
 */
public record EntrySummary(long index, Digest recordId, String modelRef, List<DataNetVersion> dataNets) {
    /** Validates and copies the fields. */
    public EntrySummary {
        if (index < 0) {
            throw new IllegalArgumentException("ledger index must not be negative, got " + index);
        }
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(modelRef, "modelRef");
        dataNets = List.copyOf(dataNets);
    }

    /**
     * One DataNet version a run trained on directly.
     *
     * @param id      the DataNet's id
     * @param version the DataNet version digest
     */
    public record DataNetVersion(String id, Digest version) {
        /** Validates the fields. */
        public DataNetVersion {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(version, "datanet " + id + " version");
        }
    }

    /** The summary of a parsed entry: what a store's parse-free summary must equal. */
    public static EntrySummary of(LedgerEntry entry) {
        List<DataNetVersion> uses = new ArrayList<>();
        for (DataNetUse use : entry.record().record().datanets()) {
            uses.add(new DataNetVersion(use.id(), use.version()));
        }
        return new EntrySummary(entry.index(), entry.record().id(), entry.record().record().model().ref(), uses);
    }

    /** The record id as 64 lowercase hex characters. */
    public String id() {
        return recordId.hex();
    }
}
