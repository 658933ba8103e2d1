package io.datanet.provenance.ledger.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The {@code datanet_uses} rows of a window of entries, read in one range query per batch (a seek per DataNet in
 * the batch on the {@code (n, idx)} key) instead of one probe per use. Holds one bit per entry of the window per
 * DataNet asked for, so it stays small whatever the log's size.
 */
final class DataNetUseWindow {
    private final Connection conn;
    private final Map<Long, BitSet> rows = new HashMap<>(); // by DataNet number: entries first.. that have a row
    private long first;
    private long end;

    DataNetUseWindow(Connection conn) {
        this.conn = conn;
    }

    /** Reads the rows of DataNets {@code numbers} for entries {@code first..first+count-1}. */
    void load(long first, int count, Set<Long> numbers) throws SQLException {
        rows.clear();
        this.first = first;
        this.end = first + count;
        if (numbers.isEmpty()) {
            return;
        }
        StringJoiner in = new StringJoiner(", ", "SELECT n, idx FROM datanet_uses WHERE n IN (",
                ") AND idx >= ? AND idx < ?");
        for (Long n : numbers) {
            in.add(Long.toString(n)); // numbers from the datanets table, not text from a record
            rows.put(n, new BitSet(count));
        }
        try (PreparedStatement ps = conn.prepareStatement(in.toString())) {
            ps.setLong(1, first);
            ps.setLong(2, end);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BitSet b = rows.get(rs.getLong(1));
                    long idx = rs.getLong(2);
                    if (b != null && idx >= first && idx < end) {
                        b.set((int) (idx - first));
                    }
                }
            }
        }
    }

    /** Whether the window answers for DataNet {@code n} at entry {@code idx}. */
    boolean covers(long n, long idx) {
        return idx >= first && idx < end && rows.containsKey(n);
    }

    /** Whether there is a row for DataNet {@code n} at entry {@code idx}, which the window must {@link #covers cover}. */
    boolean has(long n, long idx) {
        return rows.get(n).get((int) (idx - first));
    }
}
