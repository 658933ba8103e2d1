package io.datanet.provenance.ledger.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Prepared statements of one connection, compiled once and reused: compiling SQL cost more than running it on
 * the ledger's hot paths (proofs, appends). A prepared statement that is not being stepped holds no lock.
 * Not thread-safe: the ledger serializes access.
 */
final class Statements implements AutoCloseable {
    private final Connection conn;
    private final Map<String, PreparedStatement> cache = new HashMap<>();

    Statements(Connection conn) {
        this.conn = conn;
    }

    /** The statement for {@code sql}, with its parameters cleared. */
    PreparedStatement get(String sql) throws SQLException {
        PreparedStatement ps = cache.get(sql);
        if (ps == null) {
            ps = conn.prepareStatement(sql);
            cache.put(sql, ps);
        } else {
            ps.clearParameters();
        }
        return ps;
    }

    @Override
    public void close() {
        for (PreparedStatement ps : cache.values()) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // the connection is being closed anyway
            }
        }
        cache.clear();
    }
}
