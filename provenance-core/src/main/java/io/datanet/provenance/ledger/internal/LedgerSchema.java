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
 * The embedded ledger's tables, version 4, and the in-place migration of version-1, -2 and -3 ledgers.
 *
 * <pre>
 * ledger.db (4 KB pages, synced on every commit):
 * records(idx INTEGER PRIMARY KEY, idkey, chk, parent_idx, bytes)
 *   bytes      the canonical record bytes in their stored form ({@link RecordCodec}: compressed with a preset
 *              dictionary, or as they are)
 *   idkey      first 4 bytes of the record id (what the index's id_keys row holds; a row whose idkey no longer
 *              matches its bytes' id had its bytes altered, where a row moved whole did not)
 *   chk        first 4 bytes of SHA-256(idx as 8 little-endian bytes || id): binds the record to its position
 *   parent_idx leaf index of the parent record, NULL when there is none or it is not (yet) logged
 * weights_filters(block, bits)                   a Bloom filter of the weights digests of each complete
 *                                                 block of 4,096 entries ({@link WeightsFilters})
 * tiles(level, n, hashes), checkpoints(size, note), meta(key, value)
 * ledger-index.db: the lookup indexes over those columns and the DataNet uses ({@link IndexFile})
 * </pre>
 *
 * Version 3 stored every record's bytes as they are (a version-3 ledger becomes version 4 by a change of its version
 * number: its rows are the stored form {@link RecordCodec} reads as plain, and only new records are compressed).
 * Version 2 kept the indexes in ledger.db (SQLite indexes on records' key columns, datanets and datanet_uses), and
 * records carried modelkey and parentkey columns for them (the index file's rows are computed from the bytes
 * instead); version 1 also lacked parent_idx and the weights filters. Every derived column and row is recomputed from the
 * record bytes by {@link LogVerifier}.
 */
final class LedgerSchema {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerSchema.class);
    static final int VERSION = 4;
    /**
     * Page size of new ledgers: 4 KB. A durable append writes the records' last page to the synced log, and a
     * lineage read fetches one page per record, so the smaller the page the cheaper both. Schemas 2 and 3 used
     * 64 KB pages because uncompressed ~1.3-1.9 KB rows left half a row unused at the end of each page (~75 B per
     * record on 4 KB pages); compressed rows of ~300-500 B leave ~30 B. Measured trade and figures: BENCHMARKS.md.
     * It must be set before the database switches to WAL, after which SQLite silently ignores it: ledgers created
     * with other pages keep them.
     */
    static final int PAGE_SIZE = 4096;
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

    /** Creates the version-3 tables of ledger.db and of the attached index file (inside the caller's transaction). */
    static void create(Statement st) throws SQLException {
        st.executeUpdate("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID");
        createV3Records(st, "main.records");
        st.executeUpdate("CREATE TABLE IF NOT EXISTS main.weights_filters(block INTEGER PRIMARY KEY, "
                + "bits BLOB NOT NULL)");
        st.executeUpdate("CREATE TABLE IF NOT EXISTS main.tiles(level INTEGER NOT NULL, n INTEGER NOT NULL, "
                + "hashes BLOB NOT NULL, PRIMARY KEY(level, n)) WITHOUT ROWID");
        st.executeUpdate("CREATE TABLE IF NOT EXISTS main.checkpoints(size INTEGER PRIMARY KEY, note TEXT NOT NULL)");
        IndexFile.create(st);
    }

    private static void createV3Records(Statement st, String name) throws SQLException {
        st.executeUpdate("CREATE TABLE IF NOT EXISTS " + name + "(idx INTEGER PRIMARY KEY, idkey INTEGER NOT NULL, "
                + "chk INTEGER NOT NULL, parent_idx INTEGER, bytes BLOB NOT NULL)");
    }

    /** The version-2 record tables in ledger.db, which a version-1 ledger migrates to on its way to version 3. */
    private static void createV2RecordTables(Statement st) throws SQLException {
        st.executeUpdate("CREATE TABLE IF NOT EXISTS main.records(idx INTEGER PRIMARY KEY, idkey INTEGER NOT NULL, "
                + "chk INTEGER NOT NULL, modelkey INTEGER NOT NULL, parentkey INTEGER, parent_idx INTEGER, "
                + "bytes BLOB NOT NULL)");
        st.executeUpdate("CREATE TABLE IF NOT EXISTS main.weights_filters(block INTEGER PRIMARY KEY, "
                + "bits BLOB NOT NULL)");
        st.executeUpdate("CREATE TABLE IF NOT EXISTS main.datanets(n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE)");
        st.executeUpdate("CREATE TABLE IF NOT EXISTS main.datanet_uses(n INTEGER NOT NULL, idx INTEGER NOT NULL, "
                + "PRIMARY KEY(n, idx)) WITHOUT ROWID");
    }

    private static final String[] V2_INDEXES = {"records_idkey", "records_modelkey", "records_children",
            "records_orphans"};

    /**
     * Migrates a version-2 ledger in place, in the caller's transaction: the indexes move to the index file
     * (filled from the records' key columns and the DataNet-use rows, in key order) and leave ledger.db, and the
     * records table is rewritten without its modelkey and parentkey columns. Record bytes, ids, position checks,
     * tiles and checkpoints are copied unchanged, so every checkpoint still verifies.
     */
    static void migrateFromV2(Connection conn, String location, String verifierKey) throws SQLException {
        long start = System.nanoTime();
        try (Statement st = conn.createStatement()) {
            IndexFile.create(st);
            IndexFile.clear(conn, verifierKey); // a stale index file beside a version-2 ledger
            st.executeUpdate("INSERT INTO ix.datanets(n, id) SELECT n, id FROM main.datanets ORDER BY n");
            st.executeUpdate("INSERT INTO ix.datanet_uses(n, idx) SELECT n, idx FROM main.datanet_uses ORDER BY n, idx");
            st.executeUpdate("INSERT INTO ix.id_keys(key, idx) SELECT idkey, idx FROM main.records ORDER BY idkey, idx");
            st.executeUpdate("INSERT INTO ix.model_keys(key, idx) SELECT modelkey, idx FROM main.records "
                    + "ORDER BY modelkey, idx");
            st.executeUpdate("INSERT INTO ix.children(parent, idx) SELECT parent_idx, idx FROM main.records "
                    + "WHERE parent_idx IS NOT NULL ORDER BY parent_idx, idx");
            st.executeUpdate("INSERT INTO ix.orphans(parentkey, idx) SELECT parentkey, idx FROM main.records "
                    + "WHERE parentkey IS NOT NULL AND parent_idx IS NULL ORDER BY parentkey, idx");
            for (String index : V2_INDEXES) {
                st.executeUpdate("DROP INDEX IF EXISTS main." + index);
            }
            st.executeUpdate("DROP TABLE IF EXISTS main.datanet_uses");
            st.executeUpdate("DROP TABLE IF EXISTS main.datanets");
            st.executeUpdate("ALTER TABLE main.records RENAME TO records_v2");
            createV3Records(st, "main.records");
            st.executeUpdate("INSERT INTO main.records(idx, idkey, chk, parent_idx, bytes) "
                    + "SELECT idx, idkey, chk, parent_idx, bytes FROM main.records_v2 ORDER BY idx");
            st.executeUpdate("DROP TABLE main.records_v2");
            long size;
            try (ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(idx) + 1, 0) FROM main.records")) {
                rs.next();
                size = rs.getLong(1);
            }
            try (PreparedStatement ps = conn.prepareStatement(
                    "INSERT OR REPLACE INTO ix.state(key, value) VALUES ('upto', ?)")) {
                ps.setString(1, Long.toString(size));
                ps.executeUpdate();
            }
            LOG.info("migrated ledger {} from schema 2 to {}: its indexes moved to {} ({} records, {} ms)", location,
                    VERSION, IndexFile.FILE, size, (System.nanoTime() - start) / 1_000_000);
        }
    }

    /**
     * Migrates a version-1 ledger in place to version 2, in the caller's transaction (then {@link #migrateFromV2}
     * takes it to version 3): the records table is rebuilt with
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
            st.executeUpdate("DROP TABLE IF EXISTS main.datanet_uses");
            createV2RecordTables(st);
            long n = st.executeUpdate("INSERT INTO records(idx, idkey, chk, modelkey, parentkey, parent_idx, bytes) "
                    + "SELECT idx, idkey, chk, modelkey, parentkey, NULL, bytes FROM records_v1 ORDER BY idx");
            st.executeUpdate("DROP TABLE records_v1");
            st.executeUpdate("CREATE INDEX IF NOT EXISTS main.records_idkey ON records(idkey)");
            st.executeUpdate("CREATE INDEX IF NOT EXISTS main.records_modelkey ON records(modelkey)");
            deriveUsesAndParents(conn);
            LOG.info("migrated ledger {} from schema 1 to 2 ({} records, {} ms)", location, n,
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
             PreparedStatement addDataNet = conn.prepareStatement("INSERT INTO main.datanets(n, id) VALUES (?, ?)");
             PreparedStatement addUse = conn.prepareStatement(
                     "INSERT OR IGNORE INTO main.datanet_uses(n, idx) VALUES (?, ?)")) {
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
