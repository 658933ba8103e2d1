package io.datanet.provenance.run;

import io.datanet.provenance.Digest;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.run.internal.LedgerSinks;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a {@link RunRecorder} sends its record: normally a {@link Ledger}. Implementations throw a
 * {@link io.datanet.provenance.ProvenanceException} when they cannot store a record; the recorder then
 * spools the record's canonical bytes and appends them on a later successful emission, so a record is
 * never dropped.
 */
public interface RecordSink {
    /**
     * Stores a record durably; appending the same bytes twice must not log them twice.
     *
     * @throws io.datanet.provenance.ProvenanceException when the record could not be stored
     */
    void append(CanonicalRecord record);

    /** Stores records in order, durably; by default one {@link #append} each. */
    default void appendAll(List<CanonicalRecord> records) {
        records.forEach(this::append);
    }

    /**
     * The record id of the newest record whose model weights have this digest: the parent of a run that
     * fine-tunes that model. Empty by default.
     *
     * @throws io.datanet.provenance.ProvenanceException when the lookup could not be made
     */
    default Optional<String> findByWeights(Digest weights) {
        return Optional.empty();
    }

    /** Where records are spooled when this sink fails, unless the recorder is told otherwise. */
    default Optional<Path> spoolDirectory() {
        return Optional.empty();
    }

    /**
     * The embedded ledger in {@code directory}, opened for each append and closed after it, so a ledger that was
     * unavailable is retried. The ledger a parent lookup opens at the start of a run stays open for that run's
     * append (SQLite in WAL mode holds no lock between transactions, so other writers are not held up).
     * Spools to {@code directory/spool}.
     */
    static RecordSink ledger(Path directory) {
        return LedgerSinks.atDirectory(directory);
    }

    /** The default ledger: {@link Ledger#defaultDirectory()} ({@code $PROVENANCE_LEDGER} or {@code ./.provenance}). */
    static RecordSink defaultLedger() {
        return ledger(Ledger.defaultDirectory());
    }

    /**
     * A ledger that is already open; the caller keeps ownership and closes it. Spools to
     * {@code $PROVENANCE_LEDGER/spool} (or {@code ./.provenance/spool}) unless the recorder is given a spool
     * directory.
     */
    static RecordSink of(Ledger ledger) {
        return LedgerSinks.open(ledger);
    }
}
