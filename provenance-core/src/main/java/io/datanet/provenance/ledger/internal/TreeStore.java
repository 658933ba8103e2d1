package io.datanet.provenance.ledger.internal;

import io.datanet.provenance.Digest;
import io.datanet.provenance.ledger.LedgerException;
import io.datanet.provenance.ledger.MerkleHash;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Merkle tree's stored hashes, kept lean: leaf hashes are never stored (they are recomputed from the
 * record bytes, which the log keeps anyway), and the hashes of complete subtrees at tree levels 4, 8,
 * 12, … are stored in tiles of 16, one row per tile. Any complete subtree hash is then one tile read
 * (or one 16-record read) plus at most 15 node hashes, which keeps proofs fast and the storage near
 * 2 bytes per record.
 *
 * <p>Tile {@code (t, n)} holds the hashes at tree level {@code 4t} of subtrees {@code 16n .. 16n+15}; a
 * tile at the right edge may hold fewer. Complete tiles and complete leaf groups never change and are
 * cached. Not thread-safe: the ledger serializes access.
 */
final class TreeStore implements SubtreeReader {
    static final int HEIGHT = 4;
    static final int WIDTH = 1 << HEIGHT;
    private static final int CACHE_ENTRIES = 8192;

    private final Statements sql;
    private final String location;
    private final Map<Long, Digest[]> tiles = lru();
    private final Map<Long, Digest[]> leafGroups = lru();
    // hashes of complete subtrees at levels >= HEIGHT: they never change, and the upper ones are on every proof path
    private final Map<Long, Digest> subtrees = lru();

    TreeStore(Connection conn, String location) {
        this(new Statements(conn), location);
    }

    /** A store whose statements are prepared once through {@code sql}. */
    TreeStore(Statements sql, String location) {
        this.sql = sql;
        this.location = location;
    }

    private static <V> Map<Long, V> lru() {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, V> eldest) {
                return size() > CACHE_ENTRIES;
            }
        };
    }

    /** Forgets cached hashes (after a rolled-back write). */
    void invalidate() {
        tiles.clear();
        leafGroups.clear();
        subtrees.clear();
    }

    @Override
    public Digest subtree(int level, long index) {
        if (level < HEIGHT) {
            long first = index << level;
            int from = (int) (first & (WIDTH - 1));
            Digest[] group = leafGroup(first >>> HEIGHT, from + (1 << level));
            return combine(group, from, 1 << level);
        }
        long key = ((long) level << 58) | index;
        Digest cached = subtrees.get(key);
        if (cached != null) {
            return cached;
        }
        int t = level / HEIGHT;
        int r = level % HEIGHT;
        long base = index << r;
        int from = (int) (base & (WIDTH - 1));
        Digest[] tile = tile(t, base >>> HEIGHT, from + (1 << r));
        Digest hash = combine(tile, from, 1 << r);
        subtrees.put(key, hash);
        return hash;
    }

    /** The hash of the complete subtree over {@code count} (a power of two) hashes starting at {@code from}. */
    static Digest combine(Digest[] hashes, int from, int count) {
        if (from + count > hashes.length || hashes[from + count - 1] == null) {
            throw new IllegalStateException("subtree not complete: need hashes " + from + ".." + (from + count - 1)
                    + " of " + hashes.length);
        }
        Digest[] level = new Digest[count];
        System.arraycopy(hashes, from, level, 0, count);
        for (int n = count; n > 1; n >>= 1) {
            for (int i = 0; i < n / 2; i++) {
                level[i] = MerkleHash.node(level[2 * i], level[2 * i + 1]);
            }
        }
        return level[0];
    }

    /**
     * The leaf hashes of group {@code g} (leaves 16g .. 16g+15, fewer at the right edge), at least
     * {@code needed} of them if the log holds them. The log only grows, so a cached right-edge group is a
     * correct prefix and is re-read only when a longer one is needed.
     */
    private Digest[] leafGroup(long g, int needed) {
        Digest[] cached = leafGroups.get(g);
        if (cached != null && cached.length >= needed) {
            return cached;
        }
        Digest[] group = leafHashes(g * WIDTH, g * WIDTH + WIDTH);
        if (group.length > 0) {
            leafGroups.put(g, group);
        }
        return group;
    }

    /** The leaf hashes of records {@code [from, to)} that exist. */
    Digest[] leafHashes(long from, long to) {
        List<Digest> out = new ArrayList<>((int) Math.min(to - from, 1024));
        try {
            PreparedStatement ps = sql.get("SELECT idx, bytes FROM records WHERE idx >= ? AND idx < ? ORDER BY idx");
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                long expected = from;
                while (rs.next()) {
                    if (rs.getLong(1) != expected) {
                        throw new LedgerException(location, "entry " + expected + " is missing (the log has a gap)");
                    }
                    out.add(MerkleHash.leaf(RecordCodec.decodeOrStored(rs.getBytes(2))));
                    expected++;
                }
            }
        } catch (SQLException e) {
            throw new LedgerException(location, "cannot read records " + from + ".." + (to - 1), e);
        }
        return out.toArray(new Digest[0]);
    }

    /** Tile {@code (t, n)} as stored; an absent tile reads as empty. */
    Digest[] tile(int t, long n) {
        return tile(t, n, WIDTH);
    }

    /** Tile {@code (t, n)}, at least its first {@code needed} hashes if stored (a cached prefix may do). */
    private Digest[] tile(int t, long n, int needed) {
        long key = ((long) t << 58) | n;
        Digest[] cached = tiles.get(key);
        if (cached != null && (cached.length >= needed || cached.length == WIDTH)) {
            return cached;
        }
        Digest[] tile = readTile(t, n);
        if (tile.length > 0) {
            tiles.put(key, tile);
        }
        return tile;
    }

    /** Tile {@code (t, n)} as stored, read now and not cached (for a pass that reads each tile once). */
    Digest[] storedTile(int t, long n) {
        return readTile(t, n);
    }

    private Digest[] readTile(int t, long n) {
        try {
            PreparedStatement ps = sql.get("SELECT hashes FROM tiles WHERE level = ? AND n = ?");
            ps.setInt(1, t);
            ps.setLong(2, n);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? decode(rs.getBytes(1), t, n) : new Digest[0];
            }
        } catch (SQLException e) {
            throw new LedgerException(location, "cannot read tree tile " + t + "/" + n, e);
        }
    }

    Digest[] decode(byte[] blob, int t, long n) {
        if (blob == null || blob.length % Digest.LENGTH != 0 || blob.length > WIDTH * Digest.LENGTH) {
            throw new LedgerException(location, "tree tile " + t + "/" + n + " is malformed");
        }
        Digest[] out = new Digest[blob.length / Digest.LENGTH];
        for (int i = 0; i < out.length; i++) {
            out[i] = Digest.of(java.util.Arrays.copyOfRange(blob, i * Digest.LENGTH, (i + 1) * Digest.LENGTH));
        }
        return out;
    }

    static byte[] encode(List<Digest> hashes) {
        byte[] blob = new byte[hashes.size() * Digest.LENGTH];
        for (int i = 0; i < hashes.size(); i++) {
            hashes.get(i).copyTo(blob, i * Digest.LENGTH);
        }
        return blob;
    }

    /**
     * Stores the subtree hashes completed by appending leaves {@code [first, first + leafHashes.size())}.
     * Must run inside the append's transaction; the caller calls {@link #invalidate} if it rolls back.
     */
    void afterAppend(long first, List<Digest> leafHashes) throws SQLException {
        Map<Long, List<Digest>> dirty = new HashMap<>();
        long end = first + leafHashes.size();
        for (long k = first; k < end; k++) {
            if (((k + 1) & (WIDTH - 1)) != 0) {
                continue;
            }
            long g = k >>> HEIGHT;
            long groupStart = g * WIDTH;
            Digest[] group = new Digest[WIDTH];
            if (groupStart < first) {
                Digest[] old = leafGroup(g, (int) (first - groupStart));
                if (old.length < first - groupStart) {
                    throw new LedgerException(location, "entry " + (groupStart + old.length)
                            + " is missing (the log has a gap)");
                }
                System.arraycopy(old, 0, group, 0, (int) (first - groupStart));
            }
            for (long i = Math.max(groupStart, first); i <= k; i++) {
                group[(int) (i - groupStart)] = leafHashes.get((int) (i - first));
            }
            leafGroups.put(g, group);
            push(dirty, 1, g, combine(group, 0, WIDTH));
        }
        if (dirty.isEmpty()) {
            return;
        }
        PreparedStatement ps = sql.get("INSERT OR REPLACE INTO tiles(level, n, hashes) VALUES (?, ?, ?)");
        for (Map.Entry<Long, List<Digest>> e : dirty.entrySet()) {
            ps.setInt(1, (int) (e.getKey() >>> 58));
            ps.setLong(2, e.getKey() & ((1L << 58) - 1));
            ps.setBytes(3, encode(e.getValue()));
            ps.addBatch();
        }
        ps.executeBatch();
        for (Map.Entry<Long, List<Digest>> e : dirty.entrySet()) {
            tiles.put(e.getKey(), e.getValue().toArray(new Digest[0]));
        }
    }

    private void push(Map<Long, List<Digest>> dirty, int t, long index, Digest hash) {
        long n = index >>> HEIGHT;
        long key = ((long) t << 58) | n;
        int slot = (int) (index & (WIDTH - 1));
        List<Digest> tile = dirty.get(key);
        if (tile == null) {
            tile = new ArrayList<>(List.of(slot == 0 ? new Digest[0] : tile(t, n, slot)));
            dirty.put(key, tile);
        }
        if (tile.size() != slot) {
            throw new LedgerException(location, "tree tile " + t + "/" + n + " holds " + tile.size()
                    + " hashes where " + slot + " were expected; run verify");
        }
        tile.add(hash);
        if (tile.size() == WIDTH) {
            push(dirty, t + 1, n, combine(tile.toArray(new Digest[0]), 0, WIDTH));
        }
    }
}
