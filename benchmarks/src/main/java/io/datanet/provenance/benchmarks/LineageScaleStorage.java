package io.datanet.provenance.benchmarks;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Storage of the lineage ledger beyond its record bytes: after a signed checkpoint and
 * {@code PRAGMA wal_checkpoint(TRUNCATE)}, (database files + WALs − Σ canonical record bytes) / N, and each table and
 * index's pages per record from SQLite's {@code dbstat}. Since schema 4 the rows hold the records compressed, so
 * the same is also given beyond the stored bytes. The raw limit in the same file is the {@code records} table's own
 * B-tree beyond its stored bytes: what any rowid table holding the blobs costs.
 */
final class LineageScaleStorage {
    private LineageScaleStorage() {}

    static void measure(long n) throws SQLException, IOException {
        Path dir = LineageScaleLedger.directory(n);
        Path db = dir.resolve("ledger.db");
        try (Ledger ledger = Ledger.open(dir, LedgerOptions.defaults().withCheckpointOnClose(false))) {
            ledger.checkpoint();
        }
        Map<String, String> out = new LinkedHashMap<>();
        Path index = dir.resolve("ledger-index.db");
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement st = conn.createStatement()) {
            st.execute("ATTACH DATABASE '" + index + "' AS ix");
            st.execute("PRAGMA main.wal_checkpoint(TRUNCATE)");
            st.execute("PRAGMA ix.wal_checkpoint(TRUNCATE)");
            long records = 0;
            long recordBytes = 0;
            long storedBytes = 0;
            try (ResultSet rs = st.executeQuery("SELECT bytes FROM records")) {
                while (rs.next()) {
                    byte[] stored = rs.getBytes(1);
                    records++;
                    storedBytes += stored.length;
                    recordBytes += canonicalLength(stored);
                }
            }
            long indexFile = Files.exists(index) ? Files.size(index) + walSize(index) : 0;
            long file = Files.size(db) + walSize(db) + indexFile; // the records' file and the index file
            out.put("records", Long.toString(records));
            out.put("storage.recordBytes", Long.toString(recordBytes));
            out.put("storage.meanRecordBytes", String.format("%.0f", recordBytes / (double) records));
            out.put("storage.fileBytes", Long.toString(file));
            out.put("storage.overheadPerRecord", String.format("%.1f", (file - recordBytes) / (double) records));
            out.put("storage.meanStoredBytes", String.format("%.0f", storedBytes / (double) records));
            out.put("storage.overheadBeyondStored", String.format("%.1f", (file - storedBytes) / (double) records));
            out.put("storage.pageSize", Integer.toString(RawSqlite.pageSize(db)));
            out.put("storage.indexFileBytes", Long.toString(indexFile));
            long others = 0;
            for (String schema : List.of("main", "ix")) {
                List<String> names = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT name FROM " + schema + ".sqlite_master "
                        + "WHERE type IN ('table', 'index') ORDER BY name")) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
                int pageSize;
                try (ResultSet rs = st.executeQuery("PRAGMA " + schema + ".page_size")) {
                    rs.next();
                    pageSize = rs.getInt(1);
                }
                for (String name : names) {
                    if (name.equals("records")) {
                        continue;
                    }
                    // pages times the schema's page size: dbstat's pgsize of an attached file's pages is the main
                    // file's page size
                    try (ResultSet rs = st.executeQuery("SELECT COUNT(*) * " + pageSize + " FROM dbstat('" + schema
                            + "') WHERE name = '" + name.replace("'", "''") + "'")) {
                        long bytes = rs.next() ? rs.getLong(1) : 0;
                        others += bytes;
                        out.put("storage.table." + (schema.equals("ix") ? "index." : "") + name,
                                String.format("%.1f", bytes / (double) records));
                    }
                }
            }
            // pages of neither file's B-trees (SQLite's own, free pages) are counted with the records table
            // the records table is everything else (walking its 10M rows through dbstat would read the whole file)
            double recordsTable = (file - others - storedBytes) / (double) records;
            out.put("storage.table.records.beyondBytes", String.format("%.1f", recordsTable));
            out.put("storage.raw.overheadPerRecord", String.format("%.1f", recordsTable));
        }
        LineageScaleLedger.store(n, "storage", out);
        out.forEach((k, v) -> System.out.println(k + " = " + v));
    }

    /**
     * The canonical length of a stored row: a row compressed by the ledger (format byte 1 or 2) starts with it as
     * an unsigned LEB128 varint after the format byte; a row stored as it is ('{') is its own length. Read here rather than decompressing
     * 10M rows: the queries and verify phases read the records through the ledger.
     */
    static long canonicalLength(byte[] stored) {
        if (stored.length == 0 || stored[0] == '{') {
            return stored.length;
        }
        long n = 0;
        for (int i = 1, shift = 0; i < stored.length; i++, shift += 7) {
            n |= (long) (stored[i] & 0x7f) << shift;
            if (stored[i] >= 0) {
                return n;
            }
        }
        throw new IllegalStateException("a stored row's length is truncated");
    }

    private static long walSize(Path db) {
        try {
            Path wal = db.resolveSibling(db.getFileName() + "-wal");
            return Files.exists(wal) ? Files.size(wal) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
