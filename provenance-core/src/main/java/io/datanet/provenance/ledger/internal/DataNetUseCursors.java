package io.datanet.provenance.ledger.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Answers "does {@code datanet_uses} hold (n, idx)?" for a pass that asks in increasing {@code idx} order: one cursor
 * per DataNet walks its rows forward on the {@code (n, idx)} key, so every row is read once and no entry costs a
 * seek. At most {@link #MAX_OPEN} cursors are kept (a few KiB each, whatever the log's size); a DataNet beyond them,
 * or a question out of order, gets no answer here and the caller probes.
 */
final class DataNetUseCursors implements AutoCloseable {
    static final int MAX_OPEN = 1024;

    private static final class Cursor {
        final PreparedStatement ps;
        final ResultSet rs;
        long at = -1; // idx of the current row
        long lastAsked = -1;
        boolean done;

        Cursor(PreparedStatement ps, ResultSet rs) {
            this.ps = ps;
            this.rs = rs;
        }
    }

    private final Connection conn;
    private final Map<Long, Cursor> cursors = new HashMap<>();

    DataNetUseCursors(Connection conn) {
        this.conn = conn;
    }

    /** Whether there is a row (n, idx); null when this cannot answer (the caller probes instead). */
    Boolean has(long n, long idx) throws SQLException {
        Cursor c = cursors.get(n);
        if (c == null) {
            if (cursors.size() >= MAX_OPEN || idx < 0) {
                return null;
            }
            PreparedStatement ps = conn.prepareStatement(
                    "SELECT idx FROM ix.datanet_uses WHERE n = ? AND idx >= ? ORDER BY idx");
            try {
                ps.setLong(1, n);
                ps.setLong(2, idx);
                c = new Cursor(ps, ps.executeQuery());
            } catch (SQLException | RuntimeException e) {
                ps.close();
                throw e;
            }
            cursors.put(n, c);
        } else if (idx <= c.lastAsked) {
            return null;
        }
        c.lastAsked = idx;
        while (!c.done && c.at < idx) {
            if (c.rs.next()) {
                c.at = c.rs.getLong(1);
            } else {
                c.done = true;
            }
        }
        return !c.done && c.at == idx;
    }

    @Override
    public void close() {
        for (Cursor c : cursors.values()) {
            try {
                c.ps.close();
            } catch (SQLException ignored) {
                // closing a read cursor: nothing to recover
            }
        }
        cursors.clear();
    }
}
