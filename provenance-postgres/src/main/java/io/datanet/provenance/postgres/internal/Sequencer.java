package io.datanet.provenance.postgres.internal;

import io.datanet.provenance.Digest;
import io.datanet.provenance.ledger.LedgerException;
import io.datanet.provenance.ledger.MerkleHash;
import io.datanet.provenance.ledger.internal.Keys;
import io.datanet.provenance.ledger.internal.StoredTree;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.record.DataNetUse;
import io.datanet.provenance.record.WeightsDigest;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns staged records into log entries. Runs only inside a transaction holding the sequencer's advisory
 * lock, so one process at a time extends the log: it takes every staged record in staging order, skips those
 * already logged, gives the rest the next leaf indexes with no gaps, writes their rows, index entries and the
 * tree tiles they complete, moves {@code log_head} and removes them from {@code pending}, all in that one
 * transaction. A crash anywhere leaves the old head or the new one.
 */
final class Sequencer {
    private final Connection conn;
    private final StoredTree tree;
    private final String location;

    Sequencer(Connection conn, StoredTree tree, String location) {
        this.conn = conn;
        this.tree = tree;
        this.location = location;
    }

    private record Staged(long seq, Digest id, byte[] bytes) {}

    /**
     * Sequences everything staged; {@code known} holds already parsed records by id (the caller's own), others
     * are parsed from their bytes. Returns the number of records newly logged.
     */
    int sequence(Map<Digest, CanonicalRecord> known) throws SQLException {
        List<Staged> staged = new ArrayList<>();
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT seq, bytes FROM pending ORDER BY seq")) {
            while (rs.next()) {
                byte[] bytes = rs.getBytes(2);
                staged.add(new Staged(rs.getLong(1), Digest.sha256(bytes), bytes));
            }
        }
        if (staged.isEmpty()) {
            return 0;
        }
        long first = head();
        Map<Digest, CanonicalRecord> fresh = new LinkedHashMap<>();
        Set<Digest> wanted = new LinkedHashSet<>();
        for (Staged s : staged) {
            wanted.add(s.id());
        }
        Map<Digest, Long> logged = indexesOf(wanted);
        for (Staged s : staged) {
            if (!logged.containsKey(s.id()) && !fresh.containsKey(s.id())) {
                CanonicalRecord r = known.get(s.id());
                fresh.put(s.id(), r != null ? r : CanonicalRecord.ofStoredBytes(s.bytes(), location + " pending " + s.seq()));
            }
        }
        Map<Digest, Long> assigned = new HashMap<>();
        long next = first;
        Set<Digest> parents = new LinkedHashSet<>();
        Set<String> dataNets = new LinkedHashSet<>();
        for (Map.Entry<Digest, CanonicalRecord> e : fresh.entrySet()) {
            assigned.put(e.getKey(), next++);
            String parent = e.getValue().record().model().parent();
            if (parent != null) {
                parents.add(Digest.parseHex(parent));
            }
            e.getValue().record().datanets().forEach(use -> dataNets.add(use.id()));
        }
        parents.removeAll(assigned.keySet());
        Map<Digest, Long> parentIndexes = indexesOf(parents);
        parentIndexes.putAll(assigned);
        Map<String, Integer> dnKeys = dataNetKeys(dataNets);
        List<Digest> leaves = insert(fresh, assigned, parentIndexes, dnKeys);
        adoptOrphans(fresh.keySet(), assigned, first);
        tree.afterAppend(first, leaves);
        try (PreparedStatement ps = conn.prepareStatement("UPDATE log_head SET size = ? WHERE id = 1")) {
            ps.setLong(1, next);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM pending WHERE seq = ANY(?)")) {
            ps.setArray(1, conn.createArrayOf("int8", staged.stream().map(Staged::seq).toArray(Long[]::new)));
            ps.executeUpdate();
        }
        return fresh.size();
    }

    long head() throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT size FROM log_head WHERE id = 1")) {
            if (!rs.next()) {
                throw new LedgerException(location, "the log head row is missing");
            }
            return rs.getLong(1);
        }
    }

    private List<Digest> insert(Map<Digest, CanonicalRecord> fresh, Map<Digest, Long> assigned,
                                Map<Digest, Long> parentIndexes, Map<String, Integer> dnKeys) throws SQLException {
        List<Digest> leaves = new ArrayList<>(fresh.size());
        try (PreparedStatement rec = conn.prepareStatement("INSERT INTO records(idx, idkey, chk, modelkey, weightskey, "
                + "parentkey, parent_idx, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement uses = conn.prepareStatement(
                     "INSERT INTO datanet_uses(dnkey, idx) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            for (Map.Entry<Digest, CanonicalRecord> e : fresh.entrySet()) {
                long idx = assigned.get(e.getKey());
                CanonicalRecord r = e.getValue();
                byte[] bytes = r.bytes();
                rec.setLong(1, idx);
                rec.setInt(2, Keys.of(r.id()));
                rec.setInt(3, Keys.position(idx, r.id()));
                rec.setInt(4, Keys.ofModel(r.record().model().ref()));
                WeightsDigest w = r.record().model().weights();
                setNullable(rec, 5, w == null ? null : Keys.of(w.value()));
                String parent = r.record().model().parent();
                Digest parentId = parent == null ? null : Digest.parseHex(parent);
                setNullable(rec, 6, parentId == null ? null : Keys.of(parentId));
                Long parentIdx = parentId == null ? null : parentIndexes.get(parentId);
                if (parentIdx == null) {
                    rec.setNull(7, Types.BIGINT);
                } else {
                    rec.setLong(7, parentIdx);
                }
                rec.setBytes(8, bytes);
                rec.addBatch();
                for (DataNetUse use : r.record().datanets()) {
                    uses.setInt(1, dnKeys.get(use.id()));
                    uses.setLong(2, idx);
                    uses.addBatch();
                }
                leaves.add(MerkleHash.leaf(bytes));
            }
            rec.executeBatch();
            uses.executeBatch();
        }
        return leaves;
    }

    private static void setNullable(PreparedStatement ps, int column, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(column, Types.INTEGER);
        } else {
            ps.setInt(column, value);
        }
    }

    /** Fine-tunes logged before their base: now that the base is logged, point them at it. */
    private void adoptOrphans(Set<Digest> newIds, Map<Digest, Long> assigned, long first) throws SQLException {
        Map<Integer, List<Digest>> byKey = new HashMap<>();
        for (Digest id : newIds) {
            byKey.computeIfAbsent(Keys.of(id), k -> new ArrayList<>()).add(id);
        }
        List<long[]> updates = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT idx, parentkey, bytes FROM records "
                + "WHERE parentkey = ANY(?) AND parent_idx IS NULL AND idx < ?")) {
            ps.setArray(1, intArray(byKey.keySet()));
            ps.setLong(2, first);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long idx = rs.getLong(1);
                    String parent = CanonicalRecord.ofStoredBytes(rs.getBytes(3), location + " entry " + idx)
                            .record().model().parent();
                    for (Digest candidate : byKey.get(rs.getInt(2))) {
                        if (candidate.hex().equals(parent)) {
                            updates.add(new long[] {idx, assigned.get(candidate)});
                        }
                    }
                }
            }
        }
        if (updates.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = conn.prepareStatement("UPDATE records SET parent_idx = ? WHERE idx = ?")) {
            for (long[] u : updates) {
                ps.setLong(1, u[1]);
                ps.setLong(2, u[0]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The exact keys of these DataNet ids, creating the missing ones. */
    private Map<String, Integer> dataNetKeys(Set<String> names) throws SQLException {
        Map<String, Integer> out = new HashMap<>();
        if (names.isEmpty()) {
            return out;
        }
        Array array = conn.createArrayOf("text", names.toArray());
        try (PreparedStatement ps = conn.prepareStatement(
                "INSERT INTO datanets(name) SELECT unnest(?::text[]) ON CONFLICT (name) DO NOTHING")) {
            ps.setArray(1, array);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT name, dnkey FROM datanets WHERE name = ANY(?)")) {
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return out;
    }

    /** The leaf indexes of those of {@code ids} that are logged (32-bit key probe, then the full id). */
    Map<Digest, Long> indexesOf(Set<Digest> ids) throws SQLException {
        Map<Digest, Long> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        Set<Integer> keys = new LinkedHashSet<>();
        ids.forEach(id -> keys.add(Keys.of(id)));
        try (PreparedStatement ps = conn.prepareStatement("SELECT idx, bytes FROM records WHERE idkey = ANY(?)")) {
            ps.setArray(1, intArray(keys));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Digest id = Digest.sha256(rs.getBytes(2));
                    if (ids.contains(id)) {
                        out.put(id, rs.getLong(1));
                    }
                }
            }
        }
        return out;
    }

    private Array intArray(Set<Integer> values) throws SQLException {
        return conn.createArrayOf("int4", values.toArray(new Integer[0]));
    }
}
