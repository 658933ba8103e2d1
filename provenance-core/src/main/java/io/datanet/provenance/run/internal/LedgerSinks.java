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
import java.util.concurrent.atomic.AtomicReference;

/** The {@link RecordSink}s backed by a {@link Ledger}. */
public final class LedgerSinks {
    private LedgerSinks() {}

    /**
     * A sink opening the ledger in {@code dir} for each operation and closing it after, except that the ledger
     * a parent lookup opened is kept for the append that follows it (one open per run, and that open happens
     * on the lookup's background thread rather than in the emission). At most one such ledger is kept.
     */
    public static RecordSink atDirectory(Path dir) {
        Objects.requireNonNull(dir, "ledger directory");
        return new RecordSink() {
            private final AtomicReference<Ledger> kept = new AtomicReference<>();

            @Override
            public void append(CanonicalRecord record) {
                appendAll(List.of(record));
            }

            @Override
            public void appendAll(List<CanonicalRecord> records) {
                Ledger open = kept.getAndSet(null);
                try (Ledger ledger = open != null ? open : Ledger.open(dir)) {
                    // the checkpoint the close would sign goes into the append's own commit
                    ledger.appendAllAndCheckpoint(records);
                }
            }

            @Override
            public Optional<String> findByWeights(Digest weights) {
                Ledger ledger = Ledger.open(dir);
                try {
                    Optional<String> found = ledger.findByWeights(weights).map(LedgerEntry::id);
                    ledger = keep(ledger);
                    return found;
                } finally {
                    if (ledger != null) {
                        ledger.close();
                    }
                }
            }

            /** Keeps {@code ledger} for the next append unless one is kept already; returns what to close. */
            private Ledger keep(Ledger ledger) {
                return kept.compareAndSet(null, ledger) ? null : ledger;
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
