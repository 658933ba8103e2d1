package io.datanet.provenance.cli;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerOptions;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.testing.SampleRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Real ledgers for the tests, written through the core API, and a look at what the database file holds. */
final class Ledgers {
    private Ledgers() {}

    /** A ledger of {@code SampleRecords.canonical(0 .. n-1)}, checkpointed after every {@code every} records. */
    static Path withRecords(Path dir, int n, int every) {
        // a span of 1 keeps every checkpoint, so tests can tamper with one in the middle
        try (Ledger ledger = Ledger.open(dir, LedgerOptions.defaults().withCheckpointOnClose(false)
                .withCheckpointSpan(1))) {
            List<CanonicalRecord> batch = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                batch.add(SampleRecords.canonical(i));
                if (batch.size() == every || i == n - 1) {
                    ledger.appendAll(batch);
                    ledger.checkpoint();
                    batch.clear();
                }
            }
        }
        return dir;
    }

    /** The canonical bytes of the first {@code n} sample records, in log order. */
    static List<byte[]> sampleBytes(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(SampleRecords.canonical(i).bytes());
        }
        return out;
    }

    static Connection jdbc(Path dir) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.db"));
    }

    /**
     * Everything the ledger stores, as text: the file names in the directory and every row of every table.
     * Equal snapshots mean nothing stored changed.
     */
    static String snapshot(Path dir) throws Exception {
        StringBuilder s = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith("-wal") && !n.endsWith("-shm"))
                    .sorted().forEach(n -> s.append("file ").append(n).append('\n'));
        }
        try (Connection c = jdbc(dir); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                s.append("table ").append(table).append('\n');
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY 1, 2")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            Object v = rs.getObject(i);
                            s.append(v instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(v)).append('|');
                        }
                        s.append('\n');
                    }
                }
            }
        }
        return s.toString();
    }
}
