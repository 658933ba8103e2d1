package io.datanet.provenance.benchmarks;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * The raw limit the ledger is measured against: one SQLite file with the ledger's pragmas (WAL,
 * {@code synchronous=FULL}, busy timeout, and the page size a new ledger actually gets) and one table of
 * blobs, {@code INTEGER PRIMARY KEY} and nothing else. Every transaction is {@code BEGIN IMMEDIATE} ..
 * {@code COMMIT}, as the ledger's are.
 */
final class RawSqlite implements AutoCloseable {
    private static int ledgerPageSize;

    private final Connection conn;
    private final Statement control;
    private final PreparedStatement insert;

    private RawSqlite(Connection conn) throws SQLException {
        this.conn = conn;
        this.control = conn.createStatement();
        control.executeUpdate("CREATE TABLE IF NOT EXISTS blobs(id INTEGER PRIMARY KEY, bytes BLOB NOT NULL)");
        this.insert = conn.prepareStatement("INSERT INTO blobs(bytes) VALUES (?)");
    }

    /** Opens (creating) the database file, a new one with the page size of a new ledger. */
    static RawSqlite open(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(120_000);
        Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
        try (Statement st = conn.createStatement()) {
            st.execute("PRAGMA page_size = " + ledgerPageSize()); // before WAL, or it is ignored
            st.execute("PRAGMA journal_mode = WAL");
        }
        return new RawSqlite(conn);
    }

    /**
     * The page size a new ledger's database gets, measured on a fresh ledger rather than assumed (SQLite
     * silently keeps its default when the size is set after {@code journal_mode=WAL}, as ledgers before
     * schema 2 did).
     */
    static synchronized int ledgerPageSize() throws SQLException {
        if (ledgerPageSize == 0) {
            Path dir = WorkDirectory.fresh("page-size-");
            try {
                Ledger.open(dir, LedgerOptions.defaults().withCheckpointOnClose(false)).close();
                ledgerPageSize = pageSize(dir.resolve("ledger.db"));
            } finally {
                WorkDirectory.delete(dir);
            }
        }
        return ledgerPageSize;
    }

    /** The page size of an SQLite file. */
    static int pageSize(Path db) throws SQLException {
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA page_size")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** One row in its own durable transaction. */
    void insertOne(byte[] blob) throws SQLException {
        control.execute("BEGIN IMMEDIATE");
        insert.setBytes(1, blob);
        insert.executeUpdate();
        control.execute("COMMIT");
    }

    /** All rows in one durable transaction, as one JDBC batch. */
    void insertAll(List<byte[]> blobs) throws SQLException {
        control.execute("BEGIN IMMEDIATE");
        for (byte[] b : blobs) {
            insert.setBytes(1, b);
            insert.addBatch();
        }
        insert.executeBatch();
        control.execute("COMMIT");
    }

    Connection connection() {
        return conn;
    }

    @Override
    public void close() throws SQLException {
        insert.close();
        control.close();
        conn.close();
    }
}
