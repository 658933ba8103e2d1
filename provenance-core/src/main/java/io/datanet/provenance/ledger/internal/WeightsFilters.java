package io.datanet.provenance.ledger.internal;

import io.datanet.provenance.Digest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Finds records by model weights digest without a per-record index entry: one Bloom filter per block of
 * {@value #BLOCK} records (16 bits per record, 11 probes taken straight from the digest's bytes: about one false
 * block in 2,000), stored in table {@code weights_filters} once the block is complete. A lookup scans the
 * incomplete tail block, then the filters newest first, and reads only the blocks whose filter matches. That is
 * 2 B per record where an index on a 32-bit weights key took 14 B (BENCHMARKS.md, core ledger), for a lookup that
 * runs once per fine-tuning run. Not thread-safe: the ledger serializes access.
 */
final class WeightsFilters {
    static final int BLOCK = 4096;
    static final int BYTES = BLOCK * 16 / 8;
    private static final int PROBES = 11;

    private final Statements sql;
    /** The filter of the entries [{@code tailUpto} rounded down to a block, {@code tailUpto}), or null. */
    private byte[] tail;
    private long tailUpto = -1;

    WeightsFilters(Statements sql) {
        this.sql = sql;
    }

    /** Adds a weights digest ({@code sha256:<hex>}, or null for none) to a filter. */
    static void add(byte[] filter, String weightsDigest) {
        if (weightsDigest == null) {
            return;
        }
        add(filter, Digest.parse(weightsDigest));
    }

    /** Adds a parsed weights digest (null for none) to a filter. */
    static void add(byte[] filter, Digest d) {
        if (d == null) {
            return;
        }
        for (int i = 0; i < PROBES; i++) {
            int bit = probe(d, i);
            filter[bit >>> 3] |= (byte) (1 << (bit & 7));
        }
    }

    static boolean mightContain(byte[] filter, Digest d) {
        if (filter.length != BYTES) {
            return true; // malformed: read the block rather than miss a record (verify names it)
        }
        for (int i = 0; i < PROBES; i++) {
            int bit = probe(d, i);
            if ((filter[bit >>> 3] & (1 << (bit & 7))) == 0) {
                return false;
            }
        }
        return true;
    }

    private static int probe(Digest d, int i) {
        return ((d.byteAt(2 * i) & 0xff) << 8) | (d.byteAt(2 * i + 1) & 0xff);
    }

    /**
     * Stores the filters of the blocks completed by appending entries {@code first..} whose weights digests are
     * {@code weights}. Runs inside the append's transaction; the caller calls {@link #invalidate} if it rolls back.
     * The filter of the incomplete tail block is kept in memory between appends, so completing a block reads no
     * records back unless another handle appended part of it (then its older entries are read and decompressed:
     * up to {@value #BLOCK} of them, which made a bulk append of 10,000 spend ~1-2 µs per record here).
     */
    void afterAppend(long first, List<String> weights) throws SQLException {
        long end = first + weights.size();
        long block = first / BLOCK;
        byte[] filter = tail(block, first);
        for (long i = first; i < end; i++) {
            if (i / BLOCK != block) {
                block = i / BLOCK;
                filter = new byte[BYTES];
            }
            add(filter, weights.get((int) (i - first)));
            if ((i + 1) % BLOCK == 0) {
                store(block, filter);
            }
        }
        tail = filter;
        tailUpto = end;
    }

    /** Forgets the tail block's filter (the append that last changed it was rolled back). */
    void invalidate() {
        tail = null;
        tailUpto = -1;
    }

    /** The filter of block {@code block}'s entries below {@code first}: the one kept, or read back from them. */
    private byte[] tail(long block, long first) throws SQLException {
        long start = block * BLOCK;
        if (start == first) {
            return new byte[BYTES];
        }
        if (tail != null && tailUpto == first) {
            return tail;
        }
        byte[] filter = new byte[BYTES];
        PreparedStatement ps = sql.get("SELECT bytes FROM records WHERE idx >= ? AND idx < ?");
        ps.setLong(1, start);
        ps.setLong(2, first);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                add(filter, RecordFacts.scan(RecordCodec.decode(rs.getBytes(1))).weightsDigest());
            }
        }
        return filter;
    }

    void store(long block, byte[] filter) throws SQLException {
        PreparedStatement ps = sql.get("INSERT OR REPLACE INTO weights_filters(block, bits) VALUES (?, ?)");
        ps.setLong(1, block);
        ps.setBytes(2, filter);
        ps.executeUpdate();
    }

    /** The newest entry below {@code size} whose weights digest is {@code weights}, or -1. */
    long find(Digest weights, long size) throws SQLException {
        String text = weights.toString();
        long complete = size / BLOCK;
        long found = newestIn(complete * BLOCK, size, text);
        if (found >= 0) {
            return found;
        }
        PreparedStatement ps = sql.get("SELECT block, bits FROM weights_filters WHERE block < ? ORDER BY block DESC");
        ps.setLong(1, complete);
        long expected = complete - 1;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long block = rs.getLong(1);
                // a block without its filter (never expected; verify names it) is read rather than skipped
                for (long b = expected; b > block; b--) {
                    found = newestIn(b * BLOCK, (b + 1) * BLOCK, text);
                    if (found >= 0) {
                        return found;
                    }
                }
                expected = block - 1;
                if (mightContain(rs.getBytes(2), weights)) {
                    found = newestIn(block * BLOCK, (block + 1) * BLOCK, text);
                    if (found >= 0) {
                        return found;
                    }
                }
            }
        }
        for (long b = expected; b >= 0; b--) {
            found = newestIn(b * BLOCK, (b + 1) * BLOCK, text);
            if (found >= 0) {
                return found;
            }
        }
        return -1;
    }

    private long newestIn(long from, long to, String weights) throws SQLException {
        if (from >= to) {
            return -1;
        }
        PreparedStatement ps = sql.get("SELECT idx, bytes FROM records WHERE idx >= ? AND idx < ? ORDER BY idx DESC");
        ps.setLong(1, from);
        ps.setLong(2, to);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (weights.equals(scanWeights(RecordCodec.decodeOrStored(rs.getBytes(2))))) {
                    return rs.getLong(1);
                }
            }
        }
        return -1;
    }

    private static String scanWeights(byte[] bytes) {
        try {
            return RecordFacts.scan(bytes).weightsDigest();
        } catch (IllegalArgumentException e) {
            return null; // altered bytes: verify names the entry
        }
    }
}
