package io.datanet.provenance.ledger.internal;

import io.datanet.provenance.Digest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Recomputes the embedded store's derived data from the record bytes and compares: {@code parent_idx} (pointing at the record whose id is the parent, or NULL exactly when the
 * parent is not logged), the key tables of the index file ({@link IndexCheck}), {@code datanet_uses} (every use of
 * every record present, and no other row) and the
 * weights filter of every complete block (and none for blocks not complete). Lookups by key re-check the record they find, so a wrong key could only hide a record; the parent
 * links and DataNet uses are answered without reading records, so a wrong one would give a wrong lineage answer:
 * either way verification names the entry. Facts come from a streaming scan of the bytes, not a full parse, made on a
 * worker thread ({@link #prepare}); the DataNet-use rows are read by one forward cursor per DataNet ({@link DataNetUseCursors})
 * and a parent among the last entries is compared with the id just hashed ({@link RecentIds}) rather than read again.
 */
final class SqliteDerivedData implements DerivedData {
    private static final int MAX_EXTRA_ROWS_NAMED = 10;

    private final Connection conn;
    private final boolean deep;
    private final Statements sql;
    private final Map<String, Long> numbers = new HashMap<>();
    private final Map<Long, String> ids = new HashMap<>();
    private long expectedUses;
    private byte[] filter = new byte[WeightsFilters.BYTES];
    private boolean filterUnknown;
    private boolean sawUnchecked;
    private final RecentIds recent = new RecentIds();
    private final DataNetUseCursors uses;
    private final IndexCheck index = new IndexCheck();

    /** The extra columns of an entry's row. */
    private record Row(long parentIdx, boolean noParentIdx) {}

    /**
     * An entry's facts and keys, worked out from its bytes on a worker; a failure is kept to be reported (or thrown)
     * where the check reaches it.
     */
    private record Scanned(RecordFacts facts, RuntimeException scanFailure, int modelKey, Digest weights,
                           RuntimeException weightsFailure, Long[] dataNetNumbers) {}

    SqliteDerivedData(Connection conn, boolean deep) throws SQLException {
        this.conn = conn;
        this.deep = deep;
        this.sql = new Statements(conn);
        this.uses = new DataNetUseCursors(conn);
        try (PreparedStatement ps = conn.prepareStatement("SELECT n, id FROM ix.datanets");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                numbers.put(rs.getString(2), rs.getLong(1));
                ids.put(rs.getLong(1), rs.getString(2));
            }
        }
    }

    @Override
    public String columns() {
        return ", parent_idx";
    }

    @Override
    public Object read(ResultSet row, int c) throws SQLException {
        long parentIdx = row.getLong(c);
        return new Row(parentIdx, row.wasNull());
    }

    @Override
    public Object prepare(byte[] bytes) {
        RecordFacts facts;
        try {
            facts = RecordFacts.scan(bytes);
        } catch (RuntimeException e) {
            return new Scanned(null, e, 0, null, null, null);
        }
        int modelKey = Keys.ofModel(facts.modelRef());
        Long[] dataNetNumbers = new Long[facts.dataNets().size()]; // null: a DataNet not in datanets
        for (int i = 0; i < dataNetNumbers.length; i++) {
            dataNetNumbers[i] = numbers.get(facts.dataNets().get(i)); // filled in the constructor, only read here on
        }
        try {
            Digest weights = facts.weightsDigest() == null ? null : Digest.parse(facts.weightsDigest());
            return new Scanned(facts, null, modelKey, weights, null, dataNetNumbers);
        } catch (RuntimeException e) {
            return new Scanned(facts, null, modelKey, null, e, dataNetNumbers);
        }
    }

    @Override
    public void check(long idx, Digest id, Object rowColumns, Object prepared, Problems problems) throws SQLException {
        recent.add(idx, id);
        Scanned scanned = (Scanned) prepared;
        if (scanned.scanFailure() instanceof IllegalArgumentException e) {
            problems.entry(idx, "entry " + idx + ": not a record: " + e.getMessage());
            filterUnknown = true;
            index.unknown(idx);
            endOfBlock(idx, problems);
            return;
        } else if (scanned.scanFailure() != null) {
            throw scanned.scanFailure();
        }
        RecordFacts facts = scanned.facts();
        Row row = (Row) rowColumns;
        long parentIdx = row.parentIdx();
        boolean noParentIdx = row.noParentIdx();
        index.expect(IndexCheck.ID, Keys.of(id), idx);
        index.expect(IndexCheck.MODEL, scanned.modelKey(), idx);
        if (!noParentIdx) {
            index.expect(IndexCheck.CHILD, parentIdx, idx);
        } else if (facts.parent() != null) {
            index.expect(IndexCheck.ORPHAN, Keys.ofHexPrefix(facts.parent()), idx);
        }
        if (scanned.weightsFailure() != null) {
            throw scanned.weightsFailure();
        }
        WeightsFilters.add(filter, scanned.weights());
        endOfBlock(idx, problems);
        checkParent(idx, facts.parent(), noParentIdx ? -1 : parentIdx, problems);
        for (int i = 0; i < scanned.dataNetNumbers().length; i++) {
            String dataNet = facts.dataNets().get(i);
            Long n = scanned.dataNetNumbers()[i];
            expectedUses++;
            if (n == null || !hasUse(n, idx)) {
                problems.entry(idx, "entry " + idx + ": its use of DataNet " + dataNet + " is missing from the "
                        + "DataNet-use index (the database was edited outside the ledger)");
            }
        }
    }

    private void checkParent(long idx, String parent, long parentIdx, Problems problems) throws SQLException {
        if (parent == null) {
            if (parentIdx >= 0) {
                problems.entry(idx, "entry " + idx + ": parent_idx says " + parentIdx + " but its model has no parent "
                        + "(the database was edited outside the ledger)");
            }
            return;
        }
        if (parentIdx >= 0) {
            if (recent.holds(parentIdx)) {
                if (!recent.is(parentIdx, parent)) {
                    problems.entry(idx, "entry " + idx + ": parent_idx says " + parentIdx + " but its parent "
                            + parent.substring(0, 12) + " is not there (the database was edited outside the ledger)");
                }
                return;
            }
            PreparedStatement ps = sql.get("SELECT bytes FROM records WHERE idx = ?");
            ps.setLong(1, parentIdx);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !Digest.sha256(RecordCodec.decodeOrStored(rs.getBytes(1))).hex().equals(parent)) {
                    problems.entry(idx, "entry " + idx + ": parent_idx says " + parentIdx + " but its parent "
                            + parent.substring(0, 12) + " is not there (the database was edited outside the ledger)");
                }
            }
            return;
        }
        PreparedStatement ps = sql.get("SELECT idx FROM ix.id_keys WHERE key = ?");
        ps.setInt(1, Keys.ofHexPrefix(parent));
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long candidate = rs.getLong(1);
                if (isEntry(candidate, parent)) {
                    problems.entry(idx, "entry " + idx + ": its parent is logged at entry " + candidate
                            + " but parent_idx is empty (the database was edited outside the ledger)");
                    return;
                }
            }
        }
    }

    /** Whether entry {@code idx}'s bytes hash to the id {@code hex}. */
    private boolean isEntry(long idx, String hex) throws SQLException {
        if (recent.holds(idx)) {
            return recent.is(idx, hex);
        }
        PreparedStatement ps = sql.get("SELECT bytes FROM records WHERE idx = ?");
        ps.setLong(1, idx);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() && Digest.sha256(RecordCodec.decodeOrStored(rs.getBytes(1))).hex().equals(hex);
        }
    }

    @Override
    public void unchecked(long idx, Digest id) {
        recent.add(idx, id);
        index.unknown(idx);
        sawUnchecked = true;
        filterUnknown = true; // its weights are unknown: the block's filter cannot be checked
        try {
            endOfBlock(idx, null);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** At the last entry of a block, compares the stored weights filter with the one rebuilt from the records. */
    private void endOfBlock(long idx, Problems problems) throws SQLException {
        if ((idx + 1) % WeightsFilters.BLOCK != 0) {
            return;
        }
        long block = idx / WeightsFilters.BLOCK;
        if (!filterUnknown) {
            PreparedStatement ps = sql.get("SELECT bits FROM weights_filters WHERE block = ?");
            ps.setLong(1, block);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !Arrays.equals(rs.getBytes(1), filter)) {
                    long first = block * WeightsFilters.BLOCK;
                    problems.entry(first, "entries " + first + ".." + idx + ": the stored weights filter does not "
                            + "match their records (the database was edited outside the ledger)");
                }
            }
        }
        filter = new byte[WeightsFilters.BYTES];
        filterUnknown = false;
    }

    private boolean hasUse(long n, long idx) throws SQLException {
        Boolean found = uses.has(n, idx);
        if (found != null) {
            return found;
        }
        PreparedStatement ps = sql.get("SELECT 1 FROM ix.datanet_uses WHERE n = ? AND idx = ?");
        ps.setLong(1, n);
        ps.setLong(2, idx);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /**
     * Every expected use row was found; if the table holds more rows than that, the extra ones are forged: name the
     * entries they claim.
     */
    @Override
    public void finish(long count, Problems problems) throws SQLException {
        try {
            long rows;
            try (PreparedStatement ps = conn.prepareStatement("SELECT COUNT(*) FROM ix.datanet_uses");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                rows = rs.getLong(1);
            }
            if (rows != expectedUses) {
                nameExtraUses(count, rows, problems);
            }
            index.finish(conn, count, problems);
            try (PreparedStatement ps = conn.prepareStatement("SELECT COUNT(*) FROM weights_filters WHERE block >= ?")) {
                ps.setLong(1, count / WeightsFilters.BLOCK);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getLong(1) > 0) {
                        problems.other("weights_filters holds filters for blocks the log has not completed "
                                + "(the database was edited outside the ledger)");
                    }
                }
            }
            if (deep) {
                try (PreparedStatement ps = conn.prepareStatement("PRAGMA integrity_check");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (!"ok".equals(rs.getString(1))) {
                            problems.other("database integrity: " + rs.getString(1));
                        }
                    }
                }
            }
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        uses.close();
        sql.close();
    }

    private void nameExtraUses(long count, long rows, Problems problems) throws SQLException {
        int named = 0;
        long beyondLog = 0;
        try (PreparedStatement ps = conn.prepareStatement("SELECT n, idx FROM ix.datanet_uses ORDER BY n, idx");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long idx = rs.getLong(2);
                String dataNet = ids.get(rs.getLong(1));
                if (idx >= count) {
                    beyondLog++;
                } else if (named < MAX_EXTRA_ROWS_NAMED && (dataNet == null || !usedBy(idx, dataNet))) {
                    problems.entry(idx, "entry " + idx + ": the DataNet-use index says it trained on "
                            + (dataNet == null ? "an unknown DataNet" : "DataNet " + dataNet)
                            + ", which its record does not (the database was edited outside the ledger)");
                    named++;
                }
            }
        }
        if (beyondLog > 0) {
            problems.other("the DataNet-use index has " + beyondLog + " rows for entries at or beyond " + count
                    + ", which the log does not hold (records deleted, or rows forged)");
        } else if (named == 0 && !sawUnchecked) {
            problems.other("the DataNet-use index holds " + rows + " rows where the records give " + expectedUses);
        }
    }

    private boolean usedBy(long idx, String dataNet) throws SQLException {
        PreparedStatement ps = sql.get("SELECT bytes FROM records WHERE idx = ?");
        ps.setLong(1, idx);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() && RecordFacts.scan(RecordCodec.decode(rs.getBytes(1))).dataNets().contains(dataNet);
        } catch (IllegalArgumentException e) {
            return false; // an altered record, already named
        }
    }
}
