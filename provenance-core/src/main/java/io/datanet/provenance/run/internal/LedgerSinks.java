package io.datanet.provenance.run.internal;

import io.datanet.provenance.Digest;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerEntry;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.run.RecordSink;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The {@link RecordSink}s backed by a {@link Ledger}. */
public final class LedgerSinks {
    private LedgerSinks() {}

    /** A sink opening the ledger in {@code dir} for each operation. */
    public static RecordSink atDirectory(Path dir) {
        Objects.requireNonNull(dir, "ledger directory");
        return new RecordSink() {
            @Override
            public void append(CanonicalRecord record) {
                appendAll(List.of(record));
            }

            @Override
            public void appendAll(List<CanonicalRecord> records) {
                try (Ledger ledger = Ledger.open(dir)) {
                    ledger.appendAll(records);
                }
            }

            @Override
            public Optional<String> findByWeights(Digest weights) {
                try (Ledger ledger = Ledger.open(dir)) {
                    return ledger.findByWeights(weights).map(LedgerEntry::id);
                }
            }

            @Override
            public Optional<Path> spoolDirectory() {
                return Optional.of(dir.resolve("spool"));
            }

            @Override
            public String toString() {
                return "ledger at " + dir;
            }
        };
    }

    /** A sink over a ledger the caller keeps open. */
    public static RecordSink open(Ledger ledger) {
        Objects.requireNonNull(ledger, "ledger");
        return new RecordSink() {
            @Override
            public void append(CanonicalRecord record) {
                ledger.append(record);
            }

            @Override
            public void appendAll(List<CanonicalRecord> records) {
                ledger.appendAll(records);
            }

            @Override
            public Optional<String> findByWeights(Digest weights) {
                return ledger.findByWeights(weights).map(LedgerEntry::id);
            }

            @Override
            public String toString() {
                return ledger.toString();
            }
        };
    }
}
