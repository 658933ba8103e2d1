package io.datanet.provenance.ledger.internal;

import io.datanet.provenance.Digest;
import io.datanet.provenance.ledger.LedgerException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.sqlite.SQLiteConfig;

/**
 * The anchor queue of an embedded ledger: table {@code anchor_queue} in the ledger's own database
 * ({@code <dir>/ledger.db}), through a connection of its own, so queued anchors are as durable as the
 * records (WAL, {@code synchronous=FULL}) and survive restarts. One row per (target, tree size): an
 * anchor is queued once, and a row that reached a final state is never sent again.
 *
 * <p>Like the ledger's, the connection stays in auto-commit mode and every change is one statement, so an
 * open queue holds no lock between its operations and never delays an append.
 *
 * <p>Internal: used by {@code io.datanet.provenance.anchor.AnchorScheduler}. Thread-safe.
 */
public final class SqliteAnchorQueue implements AutoCloseable {
    /** The state of a queued anchor. */
    public enum State {
        /** Not on the target yet; sent when due. */
        PENDING,
        /** On the target (sent by us, or found there). */
        ANCHORED,
        /** The target holds a later anchor, which covers this one. */
        SUPERSEDED,
        /** Refused for good (e.g. a conflicting root on the target); never retried. */
        FAILED
    }

    /**
     * A queued anchor.
     *
     * @param target        the sink's target
     * @param size          the tree size
     * @param root          the root at that size when it was queued
     * @param state         its state
     * @param attempts      failed attempts so far
     * @param nextAttemptMs when it may be tried next (epoch milliseconds)
     * @param queuedMs      when it was queued
     * @param doneMs        when it reached a final state, or 0
     * @param transaction   the target's transaction reference, or empty
     * @param block         the target's block, or -1
     * @param lastError     the last failure, or empty
     */
    public record Entry(String target, long size, Digest root, State state, int attempts, long nextAttemptMs,
                        long queuedMs, long doneMs, String transaction, long block, String lastError) {}

    private final Connection conn;
    private final String location;

    private SqliteAnchorQueue(Connection conn, String location) {
        this.conn = conn;
        this.location = location;
    }

    /**
     * Opens the queue of the embedded ledger in {@code ledgerDirectory}, creating its table if needed.
     *
     * @throws LedgerException naming the database when it is missing or cannot be used
     */
    public static SqliteAnchorQueue open(Path ledgerDirectory) {
        Path db = ledgerDirectory.resolve(SqliteLedger.DB_FILE);
        if (!Files.isRegularFile(db)) {
            throw new LedgerException(db.toString(), "no ledger database here (open the ledger first)");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(120_000);
        Connection conn = null;
        try {
            conn = DriverManager.getConnection("jdbc:sqlite:" + db, config.toProperties());
            try (Statement st = conn.createStatement()) {
                st.executeUpdate("CREATE TABLE IF NOT EXISTS anchor_queue(target TEXT NOT NULL, size INTEGER NOT NULL, "
                        + "root BLOB NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, "
                        + "next_attempt_ms INTEGER NOT NULL, queued_ms INTEGER NOT NULL, done_ms INTEGER NOT NULL DEFAULT 0, "
                        + "tx TEXT NOT NULL DEFAULT '', block INTEGER NOT NULL DEFAULT -1, "
                        + "last_error TEXT NOT NULL DEFAULT '', PRIMARY KEY(target, size)) WITHOUT ROWID");
            }
            return new SqliteAnchorQueue(conn, db.toString());
        } catch (SQLException e) {
            if (conn != null) {
                try {
                    conn.close();
                } catch (SQLException ignored) {
                    // already failing
                }
            }
            throw new LedgerException(db.toString(), "cannot open the anchor queue: " + SqliteLedger.describe(e), e);
        }
    }

    /** Queues an anchor unless one is queued for this target and size; returns whether it was added. */
    public synchronized boolean enqueue(String target, long size, Digest root, long nowMs) {
        return update("queue the anchor at size " + size, "INSERT OR IGNORE INTO anchor_queue(target, size, root, "
                + "state, next_attempt_ms, queued_ms) VALUES (?, ?, ?, 'PENDING', ?, ?)", target, size, root.bytes(),
                nowMs, nowMs) == 1;
    }

    /** The largest size queued for the target in any state. */
    public synchronized OptionalLong lastQueuedSize(String target) {
        try (PreparedStatement ps = conn.prepareStatement("SELECT MAX(size) FROM anchor_queue WHERE target = ?")) {
            ps.setString(1, target);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long max = rs.getLong(1);
                return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(max);
            }
        } catch (SQLException e) {
            throw failure("read the anchor queue", e);
        }
    }

    /**
     * The smallest pending anchor of the target if it is due at {@code nowMs}. Anchors go out in size
     * order, so a later one is never sent while an earlier one waits for a retry.
     */
    public synchronized Optional<Entry> nextDue(String target, long nowMs) {
        return select("WHERE target = ? AND state = 'PENDING' ORDER BY size LIMIT 1", target).stream()
                .filter(e -> e.nextAttemptMs() <= nowMs).findFirst();
    }

    /** Every queued anchor of the target, smallest size first. */
    public synchronized List<Entry> entries(String target) {
        return select("WHERE target = ? ORDER BY size", target);
    }

    /** Marks a pending anchor final. */
    public synchronized void finish(String target, long size, State state, String transaction, long block,
                                    String error, long nowMs) {
        update("record the anchor at size " + size, "UPDATE anchor_queue SET state = ?, tx = ?, block = ?, "
                + "last_error = ?, done_ms = ? WHERE target = ? AND size = ? AND state = 'PENDING'",
                state.name(), transaction, block, error, nowMs, target, size);
    }

    /** Records a failed attempt: the anchor stays pending until {@code nextAttemptMs}. */
    public synchronized void retryLater(String target, long size, long nextAttemptMs, String error) {
        update("record a failed attempt at size " + size, "UPDATE anchor_queue SET attempts = attempts + 1, "
                + "next_attempt_ms = ?, last_error = ? WHERE target = ? AND size = ? AND state = 'PENDING'",
                nextAttemptMs, error, target, size);
    }

    private int update(String what, String sql, Object... args) {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate(); // one statement: atomic and durable in auto-commit mode
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private List<Entry> select(String where, String target) {
        List<Entry> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT target, size, root, state, attempts, "
                + "next_attempt_ms, queued_ms, done_ms, tx, block, last_error FROM anchor_queue " + where)) {
            ps.setString(1, target);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getString(1), rs.getLong(2), Digest.of(rs.getBytes(3)),
                            State.valueOf(rs.getString(4)), rs.getInt(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
                            rs.getString(9), rs.getLong(10), rs.getString(11)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read the anchor queue", e);
        }
    }

    private LedgerException failure(String what, SQLException e) {
        return new LedgerException(location, "cannot " + what + ": " + SqliteLedger.describe(e), e);
    }

    /** Closes the connection. */
    @Override
    public synchronized void close() {
        try {
            conn.close();
        } catch (SQLException ignored) {
            // nothing left to do
        }
    }
}
