package io.datanet.provenance.ledger.internal;

import io.datanet.provenance.Digest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded ledger's tables, version 2, and the in-place migration of a version-1 ledger.
 *
 * <pre>
 * records(idx INTEGER PRIMARY KEY, idkey, chk, modelkey, parentkey, parent_idx, bytes)
 *   idkey      first 4 bytes of the record id (lookups by id and id prefix; collisions resolved by the id)
 *   chk        first 4 bytes of SHA-256(idx as 8 little-endian bytes || id): binds the record to its position
 *   modelkey   of model@version; parentkey of the fine-tune parent's id
 *   parent_idx leaf index of the parent record, NULL when there is none or it is not (yet) logged
 * datanets(n INTEGER PRIMARY KEY, id UNIQUE)      DataNet ids numbered in order of first use
 * datanet_uses(n, idx) WITHOUT ROWID            entry idx trained directly on DataNet number n
 * weights_filters(block, bits)                   a Bloom filter of the weights digests of each complete
 *                                                 block of 4,096 entries ({@link WeightsFilters})
 * tiles(level, n, hashes), checkpoints(size, note), meta(key, value)
 * </pre>
 *
 * Every derived column and row is recomputed from the record bytes by {@link LogVerifier}.
 */
final class LedgerSchema {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerSchema.class);
    static final int VERSION = 2;
    /**
     * Page size of new ledgers: 64 KB. A ~1.25 KB record row leaves on average half a row of a page unused, which
     * is ~75 B per record with 4 or 16 KB pages (3 or 12 rows a page) and ~17 B with 64 KB pages (51 rows), the
     * difference between missing and meeting 100 B/record of storage beyond the record bytes. Measured trade
     * and figures: BENCHMARKS.md, core ledger. It must be set before the database switches to WAL, after which
     * SQLite silently ignores it (ledgers created before schema 2 have 4 KB pages and keep them).
     */
    static final int PAGE_SIZE = 65536;
    /** Page cache per connection, in KiB (negative in the pragma): the upper tree tiles and index pages of a 10M log. */
    static final int CACHE_KIB = 16384;

    private LedgerSchema() {}

    /** Sets the page size of a new database, then WAL mode; both are no-ops where they cannot apply. */
    static void configure(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("PRAGMA page_size = " + PAGE_SIZE);
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("PRAGMA cache_size = -" + CACHE_KIB);
        }
    }

    /** Creates the version-2 tables and indexes (inside the caller's transaction). */
    static void create(Statement st) throws SQLException {
        st.executeUpdate("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID");
        createRecordTables(st);
        createIndexes(st);
        st.executeUpdate("CREATE TABLE IF NOT EXISTS tiles(level INTEGER NOT NULL, n INTEGER NOT NULL, "
                + "hashes BLOB NOT NULL, PRIMARY KEY(level, n)) WITHOUT ROWID");
        st.executeUpdate("CREATE TABLE IF NOT EXISTS checkpoints(size INTEGER PRIMARY KEY, note TEXT NOT NULL)");
    }

    private static void createRecordTables(Statement st) throws SQLException {
        st.executeUpdate("CREATE TABLE IF NOT EXISTS records(idx INTEGER PRIMARY KEY, idkey INTEGER NOT NULL, "
                + "chk INTEGER NOT NULL, modelkey INTEGER NOT NULL, parentkey INTEGER, parent_idx INTEGER, "
                + "bytes BLOB NOT NULL)");
        st.executeUpdate("CREATE TABLE IF NOT EXISTS weights_filters(block INTEGER PRIMARY KEY, bits BLOB NOT NULL)");
        st.executeUpdate("CREATE TABLE IF NOT EXISTS datanets(n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE)");
        // small exact DataNet numbers keep an entry at ~10 bytes (a 32-bit hash key took 13)
        st.executeUpdate("CREATE TABLE IF NOT EXISTS datanet_uses(n INTEGER NOT NULL, idx INTEGER NOT NULL, "
                + "PRIMARY KEY(n, idx)) WITHOUT ROWID");
    }

    private static void createIndexes(Statement st) throws SQLException {
        st.executeUpdate("CREATE INDEX IF NOT EXISTS records_idkey ON records(idkey)");
        st.executeUpdate("CREATE INDEX IF NOT EXISTS records_modelkey ON records(modelkey)");
        // walking down a fine-tune tree: exact, by leaf index
        st.executeUpdate("CREATE INDEX IF NOT EXISTS records_children ON records(parent_idx) "
                + "WHERE parent_idx IS NOT NULL");
        // fine-tunes logged before their parent, waiting for it (usually empty)
        st.executeUpdate("CREATE INDEX IF NOT EXISTS records_orphans ON records(parentkey) "
                + "WHERE parentkey IS NOT NULL AND parent_idx IS NULL");
    }

    /**
     * Migrates a version-1 ledger in place, in the caller's transaction: the records table is rebuilt with
     * {@code parent_idx} (the record bytes, ids, position checks and tree are copied unchanged, so checkpoints
     * still verify), DataNet uses are re-keyed by DataNet number, and the indexes are rebuilt.
     */
    static void migrateFromV1(Connection conn, String location) throws SQLException {
        long start = System.nanoTime();
        try (Statement st = conn.createStatement()) {
            st.executeUpdate("ALTER TABLE records RENAME TO records_v1");
            for (String index : new String[] {"records_idkey", "records_modelkey", "records_weightskey",
                    "records_parentkey"}) { // the weights index gives way to weights_filters
                st.executeUpdate("DROP INDEX IF EXISTS " + index);
            }
            st.executeUpdate("DROP TABLE IF EXISTS datanet_uses");
            createRecordTables(st);
            long n = st.executeUpdate("INSERT INTO records(idx, idkey, chk, modelkey, parentkey, parent_idx, bytes) "
                    + "SELECT idx, idkey, chk, modelkey, parentkey, NULL, bytes FROM records_v1 ORDER BY idx");
            st.executeUpdate("DROP TABLE records_v1");
            createIndexes(st);
            deriveUsesAndParents(conn);
            LOG.info("migrated ledger {} from schema 1 to {} ({} records, {} ms)", location, VERSION, n,
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** Fills {@code datanets}, {@code datanet_uses}, {@code weights_filters} and {@code parent_idx} from the records. */
    private static void deriveUsesAndParents(Connection conn) throws SQLException {
        Map<String, Long> numbers = new HashMap<>();
        Statements sql = new Statements(conn);
        WeightsFilters filters = new WeightsFilters(sql);
        byte[] filter = new byte[WeightsFilters.BYTES];
        try (PreparedStatement read = conn.prepareStatement("SELECT idx, bytes FROM records ORDER BY idx");
             PreparedStatement addDataNet = conn.prepareStatement("INSERT INTO datanets(n, id) VALUES (?, ?)");
             PreparedStatement addUse = conn.prepareStatement(
                     "INSERT OR IGNORE INTO datanet_uses(n, idx) VALUES (?, ?)")) {
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    long idx = rs.getLong(1);
                    RecordFacts facts;
                    try {
                        facts = RecordFacts.scan(rs.getBytes(2));
                    } catch (IllegalArgumentException e) {
                        facts = null; // altered bytes: verify names the entry; there is nothing to derive
                    }
                    if (facts != null) {
                        WeightsFilters.add(filter, facts.weightsDigest());
                    }
                    if ((idx + 1) % WeightsFilters.BLOCK == 0) {
                        filters.store(idx / WeightsFilters.BLOCK, filter);
                        filter = new byte[WeightsFilters.BYTES];
                    }
                    if (facts == null) {
                        continue;
                    }
                    for (String id : facts.dataNets()) {
                        Long number = numbers.get(id);
                        if (number == null) {
                            number = numbers.size() + 1L;
                            numbers.put(id, number);
                            addDataNet.setLong(1, number);
                            addDataNet.setString(2, id);
                            addDataNet.executeUpdate();
                        }
                        addUse.setLong(1, number);
                        addUse.setLong(2, idx);
                        addUse.addBatch();
                    }
                }
            }
            addUse.executeBatch();
        } finally {
            sql.close();
        }
        try (PreparedStatement links = conn.prepareStatement("SELECT c.idx, c.bytes, p.idx, p.bytes FROM records c "
                + "CROSS JOIN records p ON p.idkey = c.parentkey WHERE c.parentkey IS NOT NULL");
             PreparedStatement set = conn.prepareStatement("UPDATE records SET parent_idx = ? WHERE idx = ?");
             ResultSet rs = links.executeQuery()) {
            while (rs.next()) {
                String parent;
                try {
                    parent = RecordFacts.scan(rs.getBytes(2)).parent();
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (parent != null && Digest.sha256(rs.getBytes(4)).hex().equals(parent)) {
                    set.setLong(1, rs.getLong(3));
                    set.setLong(2, rs.getLong(1));
                    set.addBatch();
                }
            }
            set.executeBatch();
        }
    }
}
