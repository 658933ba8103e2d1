package io.datanet.provenance.ledger.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers of DataNet ids in table {@code datanets} of the {@link IndexFile}, which key {@code datanet_uses}
 * exactly (no hash collisions, so a use probe needs no look at the record). A number, once committed, never
 * changes, so it is cached; numbers given out in a transaction that rolls back are forgotten. Not thread-safe:
 * the ledger serializes access.
 */
final class DataNetNumbers {
    private final Statements sql;
    private final Map<String, Long> numbers = new HashMap<>();
    private final List<String> pending = new ArrayList<>();

    DataNetNumbers(Statements sql) {
        this.sql = sql;
    }

    /** The number of {@code dataNetId}, or 0 when no record has used it. */
    long find(String dataNetId) throws SQLException {
        Long cached = numbers.get(dataNetId);
        if (cached != null) {
            return cached;
        }
        PreparedStatement ps = sql.get("SELECT n FROM ix.datanets WHERE id = ?");
        ps.setString(1, dataNetId);
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return 0;
            }
            long n = rs.getLong(1);
            numbers.put(dataNetId, n);
            return n;
        }
    }

    /** The number of {@code dataNetId}, numbering it in the current write transaction if it is new. */
    long number(String dataNetId) throws SQLException {
        long n = find(dataNetId);
        if (n > 0) {
            return n;
        }
        PreparedStatement ps = sql.get("INSERT INTO ix.datanets(n, id) VALUES ((SELECT COALESCE(MAX(n), 0) + 1 "
                + "FROM ix.datanets), ?)");
        ps.setString(1, dataNetId);
        ps.executeUpdate();
        n = find(dataNetId);
        numbers.put(dataNetId, n);
        pending.add(dataNetId);
        return n;
    }

    /** The numbers given out in the transaction are now durable. */
    void committed() {
        pending.clear();
    }

    /** The index was rebuilt: forget every number. */
    void forget() {
        numbers.clear();
        pending.clear();
    }

    /** The transaction rolled back: forget the numbers it gave out. */
    void rolledBack() {
        for (String id : pending) {
            numbers.remove(id);
        }
        pending.clear();
    }
}
