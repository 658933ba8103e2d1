package io.datanet.provenance.query;

import io.datanet.provenance.ledger.LedgerEntry;
import io.datanet.provenance.record.DataNetUse;
import io.datanet.provenance.record.ProvenanceRecord;
import java.util.List;
import java.util.Objects;

/**
 * One model version in a lineage: a logged record and how many fine-tunes separate it from the model the
 * lineage was asked about.
 *
 * @param depth 0 for the model asked about, 1 for its base model (fine-tune parent), 2 for the base's base,
 *              and so on
 * @param entry the logged record, with its exact canonical bytes and its leaf index
 */
public record LineageNode(int depth, LedgerEntry entry) {
    /** Validates the fields. */
    public LineageNode {
        if (depth < 0) {
            throw new IllegalArgumentException("lineage depth must not be negative, got " + depth);
        }
        Objects.requireNonNull(entry, "entry");
    }

    /** The record id, 64 lowercase hex characters. */
    public String recordId() {
        return entry.id();
    }

    /** The leaf index of the record in the log. */
    public long index() {
        return entry.index();
    }

    /** The record. */
    public ProvenanceRecord record() {
        return entry.record().record();
    }

    /** {@code model@version}. */
    public String modelRef() {
        return record().model().ref();
    }

    /** The record id of the base model this one was fine-tuned from, or null for a model trained from scratch. */
    public String parent() {
        return record().model().parent();
    }

    /**
     * The DataNets this run trained on directly, with versions, licences, weights, partitions and observed
     * counts, sorted by id then version.
     */
    public List<DataNetUse> datanets() {
        return record().datanets();
    }
}
