package io.datanet.provenance.ledger;

import io.datanet.provenance.record.CanonicalRecord;
import java.util.Objects;

/**
 * A record at its position in the log.
 *
 * @param index  the leaf index, from 0, in append order
 * @param record the record with its exact logged bytes
 */
public record LedgerEntry(long index, CanonicalRecord record) {
    /** Validates the fields. */
    public LedgerEntry {
        if (index < 0) {
            throw new IllegalArgumentException("ledger index must not be negative, got " + index);
        }
        Objects.requireNonNull(record, "record");
    }

    /** The record id as 64 lowercase hex characters. */
    public String id() {
        return record.idHex();
    }
}
