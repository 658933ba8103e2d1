package io.datanet.provenance.benchmarks;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerOptions;
import io.datanet.provenance.record.CanonicalRecord;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/**
 * The one-million-record ledger the proof benchmarks read, and (e) the storage it takes beyond its record
 * bytes. Builds the ledger once under {@code benchmarks/target/ledger-1m} with {@code appendAll} in batches of
 * {@value #BATCH} (resuming if a build was interrupted; the records are a pure function of their number),
 * then measures: the database files after a signed checkpoint and {@code PRAGMA wal_checkpoint(TRUNCATE)},
 * minus the sum of the canonical record bytes, per record (the ledger stores them compressed, so this can be
 * negative; the stored form's bytes and the overhead beyond them are reported beside it); and the same for the
 * raw limit, a plain SQLite table holding the same canonical bytes with the same pragmas. Writes {@code storage.properties} beside the ledger.
 */
public final class MillionRecordLedger {
    static final long RECORDS = Long.getLong("benchmarks.records", 1_000_000);
    static final int BATCH = 10_000;

    private MillionRecordLedger() {}

    static Path ledgerDirectory() {
        return WorkDirectory.base().resolve("ledger-1m");
    }

    /** Builds or finishes the ledger and prints storage figures. */
    public static void main(String[] args) throws Exception {
        Path dir = ledgerDirectory();
        build(dir);
        Map<String, String> figures = new LinkedHashMap<>();
        figures.putAll(measureLedger(dir));
        figures.putAll(measureRaw(dir, WorkDirectory.base().resolve("raw-1m.db")));
        Properties out = new Properties();
        out.putAll(figures);
        try (Writer w = Files.newBufferedWriter(WorkDirectory.base().resolve("storage.properties"),
                StandardCharsets.UTF_8)) {
            out.store(w, "storage at " + RECORDS + " records");
        }
        figures.forEach((k, v) -> System.out.println(k + " = " + v));
    }

    static void build(Path dir) {
        try (Ledger ledger = Ledger.open(dir, LedgerOptions.defaults().withCheckpointOnClose(false))) {
            long n = ledger.size();
            if (n >= RECORDS) {
                return;
            }
            System.out.printf("building a %,d-record ledger in %s (from %,d)%n", RECORDS, dir, n);
            long start = System.nanoTime();
            long appendNanos = 0;
            long from = n;
            CompletableFuture<List<CanonicalRecord>> next = batchFrom(n);
            while (n < RECORDS) {
                List<CanonicalRecord> batch = next.join();
                next = n + batch.size() < RECORDS ? batchFrom(n + batch.size()) : null;
                long t = System.nanoTime();
                ledger.appendAll(batch);
                appendNanos += System.nanoTime() - t;
                n += batch.size();
                if (n % 100_000 == 0) {
                    System.out.printf("  %,d records, %.0f s%n", n, (System.nanoTime() - start) / 1e9);
                }
            }
            ledger.checkpoint();
            System.out.printf("built in %.0f s; appendAll took %.1f s (%,.0f records/s while the next batch was "
                    + "being built)%n", (System.nanoTime() - start) / 1e9, appendNanos / 1e9, (n - from) / (appendNanos / 1e9));
        }
    }

    private static CompletableFuture<List<CanonicalRecord>> batchFrom(long first) {
        int size = (int) Math.min(BATCH, RECORDS - first);
        return CompletableFuture.supplyAsync(() -> BenchmarkRecords.range(first, size));
    }

    private static Map<String, String> measureLedger(Path dir) throws SQLException {
        Path db = dir.resolve("ledger.db");
        Map<String, String> out = new LinkedHashMap<>();
        try (Ledger ledger = Ledger.open(dir, LedgerOptions.defaults().withCheckpointOnClose(false))) {
            ledger.checkpoint();
        }
        Path index = dir.resolve("ledger-index.db");
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement st = conn.createStatement()) {
            st.execute("ATTACH DATABASE '" + index + "' AS ix");
            st.execute("PRAGMA main.wal_checkpoint(TRUNCATE)");
            st.execute("PRAGMA ix.wal_checkpoint(TRUNCATE)");
            long records;
            long storedBytes;
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(LENGTH(bytes)) FROM records")) {
                rs.next();
                records = rs.getLong(1);
                storedBytes = rs.getLong(2);
            }
            long recordBytes = canonicalBytes(dir);
            long file = fileBytes(db) + fileBytes(index); // the records' file and the index file
            out.put("records", Long.toString(records));
            out.put("ledger.indexFileBytes", Long.toString(fileBytes(index)));
            out.put("ledger.pageSize", Integer.toString(RawSqlite.pageSize(db)));
            out.put("ledger.recordBytes", Long.toString(recordBytes));
            out.put("ledger.fileBytes", Long.toString(file));
            out.put("ledger.overheadPerRecord", String.format("%.1f", (file - recordBytes) / (double) records));
            out.put("ledger.storedRecordBytes", Long.toString(storedBytes));
            out.put("ledger.overheadBeyondStoredPerRecord", String.format("%.1f", (file - storedBytes) / (double) records));
            out.putAll(breakdown(st, "main", "ledger.", records));
            out.putAll(breakdown(st, "ix", "ledger.index.", records));
        }
        return out;
    }

    /** Bytes per record of each table and index, when SQLite was built with the dbstat table. */
    private static Map<String, String> breakdown(Statement st, String schema, String prefix, long records) {
        Map<String, String> out = new LinkedHashMap<>();
        // pages counted times the schema's own page size: dbstat reports the main file's page size as pgsize of an
        // attached file's pages (64 KB for the index file's 4 KB pages)
        int pageSize;
        try (ResultSet rs = st.executeQuery("PRAGMA " + schema + ".page_size")) {
            pageSize = rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            pageSize = 0;
        }
        try (ResultSet rs = st.executeQuery("SELECT name, COUNT(*) * " + pageSize + ", SUM(payload), SUM(unused) "
                + "FROM dbstat('" + schema + "') "
                + "GROUP BY name ORDER BY SUM(pgsize) DESC")) {
            while (rs.next()) {
                out.put(prefix + "table." + rs.getString(1), String.format("pages %.1f B/record, payload %.1f, "
                        + "unused %.1f", rs.getLong(2) / (double) records, rs.getLong(3) / (double) records,
                        rs.getLong(4) / (double) records));
            }
        } catch (SQLException e) {
            out.put(prefix + "breakdown", "unavailable: " + e.getMessage());
        }
        return out;
    }

    private static Map<String, String> measureRaw(Path ledgerDir, Path rawDb) throws SQLException, IOException {
        if (Files.exists(rawDb) && RawSqlite.pageSize(rawDb) != RawSqlite.pageSize(ledgerDir.resolve("ledger.db"))) {
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(rawDb.resolveSibling(rawDb.getFileName() + suffix));
            }
        }
        long records;
        try (RawSqlite raw = RawSqlite.open(rawDb);
             Statement st = raw.connection().createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM blobs")) {
                rs.next();
                records = rs.getLong(1);
            }
            if (records < RECORDS) {
                System.out.printf("copying the records into a plain SQLite table in %s%n", rawDb);
                st.executeUpdate("DELETE FROM blobs");
                copyRecords(ledgerDir, raw);
            }
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            Map<String, String> out = new LinkedHashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(LENGTH(bytes)) FROM blobs")) {
                rs.next();
                records = rs.getLong(1);
                long bytes = rs.getLong(2);
                long file = fileBytes(rawDb);
                out.put("raw.pageSize", Integer.toString(RawSqlite.pageSize(rawDb)));
                out.put("raw.fileBytes", Long.toString(file));
                out.put("raw.overheadPerRecord", String.format("%.1f", (file - bytes) / (double) records));
            }
            out.putAll(breakdown(st, "main", "raw.", records));
            return out;
        }
    }

    /** The canonical bytes of every record, in log order, read through the ledger (which decompresses them). */
    private static void forEachRecord(Path ledgerDir, java.util.function.Consumer<byte[]> consumer) {
        try (Ledger ledger = Ledger.openExisting(ledgerDir)) {
            long size = ledger.size();
            for (long from = 0; from < size; from += BATCH) {
                ledger.scan(from, Math.min(size, from + BATCH), e -> consumer.accept(e.record().bytes()));
            }
        }
    }

    private static long canonicalBytes(Path ledgerDir) {
        long[] sum = {0};
        forEachRecord(ledgerDir, b -> sum[0] += b.length);
        return sum[0];
    }

    private static void copyRecords(Path ledgerDir, RawSqlite raw) {
        List<byte[]> batch = new ArrayList<>(BATCH);
        forEachRecord(ledgerDir, b -> {
            batch.add(b);
            if (batch.size() == BATCH) {
                try {
                    raw.insertAll(batch);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                batch.clear();
            }
        });
        if (!batch.isEmpty()) {
            try {
                raw.insertAll(batch);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static long fileBytes(Path db) {
        try {
            Path wal = db.resolveSibling(db.getFileName() + "-wal");
            return Files.size(db) + (Files.exists(wal) ? Files.size(wal) : 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
