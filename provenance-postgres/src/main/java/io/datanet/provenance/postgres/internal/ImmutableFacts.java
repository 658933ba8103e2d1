package io.datanet.provenance.postgres.internal;

import io.datanet.provenance.ledger.LedgerEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Facts about logged entries that never change once they are true, kept in bounded caches so lineage walks do
 * not pay a server round trip per step: an entry's record (records are immutable), a fine-tune's parent link
 * once set (it is only ever set from empty), whether an entry trained on a DataNet, and a DataNet's key. A miss
 * on a parent link fetches the whole chain above the entry in one recursive query, with the DataNet probe of the
 * walk in progress answered for every entry on it. Facts that can change (children, supersession, a parent not
 * logged yet) are never cached. Not thread-safe: the store serializes access.
 */
final class ImmutableFacts {
    private static final int MAX_CHAIN = 64;
    private final Map<Long, Long> parents = lru(1 << 16);
    private final Map<UseKey, Boolean> uses = lru(1 << 16);
    private final Map<Long, LedgerEntry> entries = lru(512);
    private final Map<String, Integer> dnkeys = lru(4096);

    private static <K, V> Map<K, V> lru(int max) {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }

    /** Forgets everything (after a rollback of this process's own writes). */
    void clear() {
        parents.clear();
        uses.clear();
        entries.clear();
    }

    LedgerEntry entry(long index) {
        return entries.get(index);
    }

    void entry(LedgerEntry e) {
        entries.put(e.index(), e);
    }

    /** The DataNet's key, or null when no record uses it (not cached then: one may be logged later). */
    Integer dnkey(Connection conn, String dataNetId) throws SQLException {
        Integer key = dnkeys.get(dataNetId);
        if (key == null) {
            try (PreparedStatement ps = conn.prepareStatement("SELECT dnkey FROM datanets WHERE name = ?")) {
                ps.setString(1, dataNetId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        key = rs.getInt(1);
                        dnkeys.put(dataNetId, key);
                    }
                }
            }
        }
        return key;
    }

    private record UseKey(long index, int dnkey) {}

    /** The cached answer to "did entry {@code index} train on DataNet {@code dnkey}", or null. */
    Boolean uses(long index, int dnkey) {
        return uses.get(new UseKey(index, dnkey));
    }

    /** The cached parent link of {@code index} (set links only), or null. */
    Long parent(long index) {
        return parents.get(index);
    }

    /**
     * Fetches the chain from {@code index} upwards (at most 64 steps) in one query, caching every set parent
     * link and, when {@code dnkey} is given, whether each entry on it trained on that DataNet. Returns false when
     * there is no entry at {@code index}; a link not set yet is reported by {@link #parent} as absent.
     */
    boolean fetchChain(Connection conn, long index, Integer dnkey) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("WITH RECURSIVE chain(idx, parent_idx, depth) AS ("
                + "SELECT idx, parent_idx, 0 FROM records WHERE idx = ? UNION ALL "
                + "SELECT r.idx, r.parent_idx, c.depth + 1 FROM records r JOIN chain c ON r.idx = c.parent_idx "
                + "WHERE c.depth < " + MAX_CHAIN + ") SELECT c.idx, c.parent_idx, "
                + "EXISTS (SELECT 1 FROM datanet_uses u WHERE u.dnkey = ? AND u.idx = c.idx) FROM chain c")) {
            ps.setLong(1, index);
            if (dnkey == null) {
                ps.setNull(2, Types.INTEGER);
            } else {
                ps.setInt(2, dnkey);
            }
            boolean found = false;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long idx = rs.getLong(1);
                    found |= idx == index;
                    long parent = rs.getLong(2);
                    if (!rs.wasNull()) {
                        parents.put(idx, parent);
                    }
                    if (dnkey != null) {
                        uses.put(new UseKey(idx, dnkey), rs.getBoolean(3));
                    }
                }
            }
            return found;
        }
    }
}
