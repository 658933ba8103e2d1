package io.datanet.provenance.ledger.internal;

import io.datanet.provenance.Digest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Checks the four key tables of the {@link IndexFile} against the records without a probe per entry: the pass
 * over the records adds every row it expects to a per-block sum (a 64-bit mix of key and entry, blocks of
 * {@value #BLOCK} entries), and {@link #finish} reads each table once, in its own order, into the same sums.
 * Equal sums mean equal rows (a forged row that cancels out would need a 64-bit collision). Only a block whose
 * sums differ is looked at again, entry by entry, to name the entries at fault. Memory: two longs per table per
 * block, about 10 KB for the four tables at 10M entries.
 */
final class IndexCheck {
    static final int BLOCK = 65_536;
    private static final int MAX_NAMED = 10;
    static final int ID = 0;
    static final int MODEL = 1;
    static final int CHILD = 2;
    static final int ORPHAN = 3;

    private final long[][] expected = new long[4][16];
    private final long[][] actual = new long[4][16];
    private boolean[] unknown = new boolean[16]; // a block holding an entry whose rows cannot be known

    /** Entry {@code idx} should have row (key, idx) in table {@code table}. */
    void expect(int table, long key, long idx) {
        int b = block(idx);
        expected[table][b] += mix(key, idx);
    }

    /** Entry {@code idx} failed its own checks (already named): its block's rows are not compared. */
    void unknown(long idx) {
        int b = block(idx);
        unknown[b] = true;
    }

    private int block(long idx) {
        int b = (int) (idx / BLOCK);
        if (b >= unknown.length) {
            int n = Math.max(b + 1, unknown.length * 2);
            for (int t = 0; t < 4; t++) {
                expected[t] = Arrays.copyOf(expected[t], n);
                actual[t] = Arrays.copyOf(actual[t], n);
            }
            unknown = Arrays.copyOf(unknown, n);
        }
        return b;
    }

    static long mix(long key, long idx) {
        long z = key * 0x9E3779B97F4A7C15L + idx + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Reads each key table once and names the entries of every block whose rows differ from the expected. */
    void finish(Connection conn, long count, DerivedData.Problems problems) throws SQLException {
        for (int t = 0; t < 4; t++) {
            String[] table = IndexFile.KEY_TABLES[t];
            long beyond = 0;
            try (PreparedStatement ps = conn.prepareStatement("SELECT " + table[1] + ", idx FROM ix." + table[0])) {
                ps.setFetchSize(4096);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long idx = rs.getLong(2);
                        if (idx < 0 || idx >= count) {
                            beyond++;
                            continue;
                        }
                        actual[t][block(idx)] += mix(rs.getLong(1), idx);
                    }
                }
            }
            if (beyond > 0) {
                problems.other("index table " + table[0] + " (" + IndexFile.FILE + ") has " + beyond + " rows for "
                        + "entries at or beyond " + count + ", which the log does not hold (rows forged, or records "
                        + "deleted)");
            }
            int named = 0;
            for (int b = 0; b * (long) BLOCK < count && named < MAX_NAMED; b++) {
                if (!unknown[b] && expected[t][b] != actual[t][b]) {
                    named += nameEntries(conn, t, b, count, problems, MAX_NAMED - named);
                }
            }
        }
    }

    /** Compares block {@code b} of table {@code t} entry by entry; returns how many entries it named. */
    private int nameEntries(Connection conn, int t, int b, long count, DerivedData.Problems problems, int max)
            throws SQLException {
        String[] table = IndexFile.KEY_TABLES[t];
        long from = (long) b * BLOCK;
        long to = Math.min(count, from + BLOCK);
        Map<Long, List<Long>> stored = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT " + table[1] + ", idx FROM ix." + table[0]
                + " WHERE idx >= ? AND idx < ?")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(rs.getLong(1));
                }
            }
        }
        TreeSet<Long> wrong = new TreeSet<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT idx, parent_idx, bytes FROM records "
                + "WHERE idx >= ? AND idx < ? ORDER BY idx")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long idx = rs.getLong(1);
                    long parentIdx = rs.getLong(2);
                    boolean noParentIdx = rs.wasNull();
                    Long key = expectedKey(t, RecordCodec.decodeOrStored(rs.getBytes(3)), noParentIdx ? -1 : parentIdx);
                    List<Long> have = stored.remove(idx);
                    List<Long> want = key == null ? List.of() : List.of(key);
                    if (!want.equals(have == null ? List.of() : have)) {
                        wrong.add(idx);
                    }
                }
            }
        }
        wrong.addAll(stored.keySet()); // rows for entries that are not there
        int named = 0;
        for (long idx : wrong) {
            if (named == max) {
                break;
            }
            problems.entry(idx, "entry " + idx + ": its row in index table " + table[0] + " (" + IndexFile.FILE
                    + ") is missing or wrong (the index was edited outside the ledger)");
            named++;
        }
        return named;
    }

    /** The key entry's row in table {@code t} should have, or null when it should have none. */
    private static Long expectedKey(int t, byte[] bytes, long parentIdx) {
        if (t == ID) {
            return (long) Keys.of(Digest.sha256(bytes));
        }
        if (t == CHILD) {
            return parentIdx >= 0 ? parentIdx : null;
        }
        RecordFacts facts;
        try {
            facts = RecordFacts.scan(bytes);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (t == MODEL) {
            return (long) Keys.ofModel(facts.modelRef());
        }
        return parentIdx < 0 && facts.parent() != null ? (long) Keys.ofHexPrefix(facts.parent()) : null;
    }
}
