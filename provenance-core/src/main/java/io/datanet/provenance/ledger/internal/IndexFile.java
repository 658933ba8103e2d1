package io.datanet.provenance.ledger.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;

/**
 * The lookup indexes of the embedded ledger, in their own SQLite file beside {@code ledger.db}
 * ({@value #FILE}, attached to the ledger's connection as {@code ix}):
 *
 * <pre>
 * ix.id_keys(key, idx)       the 32-bit id key of every entry (lookups by id and id prefix)
 * ix.model_keys(key, idx)    the key of every entry's model@version
 * ix.children(parent, idx)   fine-tunes by their parent's leaf index (the records' parent_idx, indexed)
 * ix.orphans(parentkey, idx) fine-tunes whose parent is not logged (yet), by the parent's id key
 * ix.datanets(n, id)         DataNet ids numbered in order of first use
 * ix.datanet_uses(n, idx)    entry idx trained directly on DataNet number n
 * ix.state(key, value)       'upto': the entries [0, upto) indexed; 'ledger': the verifier key of its ledger;
 *                            'synced': when a close last synced the file (its write gives the checkpoint work)
 * </pre>
 *
 * <p>Why a second file: WAL writes whole pages, and the records want 64 KB pages (a ~1.3 KB record row leaves
 * half a row of every page unused, ~17 B per record at 64 KB against ~75 at 4 or 16 KB). An index entry lands
 * on a random page, so in the records' file every durable append wrote four or five 64 KB pages (the records
 * page, one page of each index, the DataNet-use page): 1,641 appends/s where one page gives ~3,800. Here the
 * indexes have 4 KB pages, and the append writes one 64 KB page and a few 4 KB ones. Since schema 4 the records
 * are stored compressed on 4 KB pages too ({@link LedgerSchema#PAGE_SIZE}), which takes that reason away: a
 * build with these tables back in ledger.db appended as fast, within the runs' noise (BENCHMARKS.md, core (a)).
 * Whether to move them back is left to the maintainers (docs/scale-and-postgres.md, section 2.1b).
 *
 * <p>Everything here is derived from the records, so this file is never synced on commit; only {@code ledger.db},
 * which holds the records, tree tiles and checkpoints, is. One transaction writes both files, but SQLite commits
 * two WAL files one after the other (the main database first), so a crash can leave the index behind the
 * records, or, with an old copy of {@code ledger.db}, ahead of them. Every write transaction first
 * {@link #catchUp catches up}: it indexes the entries from {@code upto} on, from their rows. An index that is
 * missing, another ledger's or ahead of the records is rebuilt from them. {@code verify} recomputes every row.
 *
 * <p>Where the system names its boot ({@link BootId}: Linux), the ledger's connection writes this file with
 * {@code synchronous=OFF}, so its checkpoints sync nothing either (at {@code NORMAL} they synced it every ~250
 * appends, which kept single appends near 50 % of a raw commit; BENCHMARKS.md, core (a)). A process crash loses
 * nothing that way, but an OS crash or power loss may leave any page of the file older than the rest, which no
 * {@code upto} can tell. So every write transaction records in {@code ledger.db}'s (synced) {@code meta} the boot
 * it writes this file in, a close syncs the file and clears that mark, and an open that finds the mark of
 * another boot rebuilds the index in place ({@code SqliteLedger.INDEX_UNSYNCED}). Elsewhere the file is written
 * with {@code synchronous=NORMAL}: atomic commits, synced at its checkpoints.
 */
final class IndexFile {
    private static final Logger LOG = LoggerFactory.getLogger(IndexFile.class);
    static final String FILE = "ledger-index.db";
    static final String SCHEMA = "ix";
    static final int PAGE_SIZE = 4096;
    private static final int CACHE_KIB = 16384;
    /** The four key tables and their key column; every one is (key, idx) WITHOUT ROWID. */
    static final String[][] KEY_TABLES = {
            {"id_keys", "key"}, {"model_keys", "key"}, {"children", "parent"}, {"orphans", "parentkey"}};

    private IndexFile() {}

    /** Attaches the index file (creating it with 4 KB pages) to {@code conn}, outside any transaction. */
    static void attach(Connection conn, Path dir) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("ATTACH DATABASE ? AS " + SCHEMA)) {
            ps.setString(1, dir.resolve(FILE).toString());
            ps.execute();
        }
        try (Statement st = conn.createStatement()) {
            st.execute("PRAGMA " + SCHEMA + ".page_size = " + PAGE_SIZE); // before WAL, or it is ignored
            st.execute("PRAGMA " + SCHEMA + ".journal_mode = WAL");
            st.execute("PRAGMA " + SCHEMA + ".synchronous = NORMAL");
            st.execute("PRAGMA " + SCHEMA + ".cache_size = -" + CACHE_KIB);
        }
    }

    /** Creates the tables (inside the caller's transaction). */
    static void create(Statement st) throws SQLException {
        st.executeUpdate("CREATE TABLE IF NOT EXISTS ix.state(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID");
        for (String[] t : KEY_TABLES) {
            st.executeUpdate("CREATE TABLE IF NOT EXISTS ix." + t[0] + "(" + t[1] + " INTEGER NOT NULL, "
                    + "idx INTEGER NOT NULL, PRIMARY KEY(" + t[1] + ", idx)) WITHOUT ROWID");
        }
        st.executeUpdate("CREATE TABLE IF NOT EXISTS ix.datanets(n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE)");
        st.executeUpdate("CREATE TABLE IF NOT EXISTS ix.datanet_uses(n INTEGER NOT NULL, idx INTEGER NOT NULL, "
                + "PRIMARY KEY(n, idx)) WITHOUT ROWID");
    }

    /**
     * The entries [0, upto) the index holds, or -1 when it belongs to no ledger or to another one.
     *
     * @throws Damaged when SQLite finds the pages it reads malformed (a file whose first page is readable)
     */
    static long upto(Statements sql, String verifierKey) throws SQLException {
        String ledger;
        String upto;
        try {
            ledger = state(sql, "ledger");
            upto = state(sql, "upto");
        } catch (SQLException e) {
            throw Damaged.ifMalformed(e);
        }
        if (ledger == null || upto == null || !ledger.equals(verifierKey)) {
            return -1;
        }
        return Long.parseLong(upto);
    }

    static void setUpto(Statements sql, long upto) throws SQLException {
        PreparedStatement ps = sql.get("INSERT OR REPLACE INTO ix.state(key, value) VALUES ('upto', ?)");
        ps.setString(1, Long.toString(upto));
        ps.executeUpdate();
    }

    private static String state(Statements sql, String key) throws SQLException {
        PreparedStatement ps = sql.get("SELECT value FROM ix.state WHERE key = ?");
        ps.setString(1, key);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * Inside a write transaction, before anything is appended: brings the index level with the {@code size}
     * entries of the log. With {@code distrust}, rebuilds the whole index from the records whatever it holds: it
     * was written without sync in an earlier boot of the machine and never synced since, so an OS crash may have
     * left any of its pages at an older version.
     * Its tables are emptied in place (concurrent openers wait on the write lock and then find it level), then
     * SQLite's {@code quick_check} must pass on what is left (freelist and page accounting): when it does not,
     * {@link Damaged} is thrown and the caller sets the file aside.
     */
    static void catchUp(Connection conn, Statements sql, DataNetNumbers dataNets, long size, String verifierKey,
                           String location, boolean distrust) throws SQLException {
        long upto = distrust ? -1 : upto(sql, verifierKey); // a distrusted file is not read before it is emptied
        if (upto == size) {
            return;
        }
        long start = System.nanoTime();
        if (upto < 0 || upto > size) {
            // missing, new or another ledger's; or ahead of the records (an older ledger.db beside a newer index,
            // which SQLite's commit order never leaves); or not synced before the machine restarted: rebuilt
            if (distrust) {
                LOG.warn("the index of ledger {} was written without sync before the machine last restarted and "
                        + "was not synced after; rebuilding it from the records", location);
            } else if (upto > size) {
                LOG.warn("the index of ledger {} covers {} entries but the log holds {}; rebuilding it", location,
                        upto, size);
            }
            try {
                clear(conn, verifierKey);
            } catch (SQLException e) {
                throw Damaged.ifMalformed(e);
            }
            if (distrust) {
                quickCheck(conn);
            }
            upto = 0;
            dataNets.forget();
        }
        Rows rows = new Rows(sql, dataNets);
        PreparedStatement read = sql.get("SELECT idx, idkey, parent_idx, bytes FROM records WHERE idx >= ? ORDER BY idx");
        read.setLong(1, upto);
        long indexed = 0;
        try (ResultSet rs = read.executeQuery()) {
            while (rs.next()) {
                long idx = rs.getLong(1);
                long parentIdx = rs.getLong(3);
                boolean noParentIdx = rs.wasNull();
                RecordFacts facts;
                try {
                    facts = RecordFacts.scan(RecordCodec.decode(rs.getBytes(4)));
                } catch (IllegalArgumentException e) {
                    facts = null; // altered bytes: verify names the entry; its id key is all that is indexed
                }
                if (facts == null) {
                    rows.addIdOnly(idx, rs.getInt(2));
                } else {
                    rows.add(idx, rs.getInt(2), Keys.ofModel(facts.modelRef()), noParentIdx ? -1 : parentIdx,
                            facts.parent() == null ? null : Keys.ofHexPrefix(facts.parent()), facts.dataNets());
                }
                indexed++;
                if (rows.size() >= 100_000) {
                    rows.flush();
                }
            }
        }
        rows.flush();
        if (upto > 0) {
            adoptLinkedOrphans(sql, upto);
        }
        setUpto(sql, size);
        LOG.info("indexed {} entries of ledger {} into {} ({} ms)", indexed, location, FILE,
                (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * The index rows of entries being appended, written sorted by key at {@link #flush} (neighbouring keys share
     * pages, so a bulk append touches each index page once).
     */
    static final class Rows {
        private final Statements sql;
        private final DataNetNumbers dataNets;
        private final List<long[]> ids = new ArrayList<>();
        private final List<long[]> models = new ArrayList<>();
        private final List<long[]> children = new ArrayList<>();
        private final List<long[]> orphans = new ArrayList<>();
        private final List<long[]> uses = new ArrayList<>();

        Rows(Statements sql, DataNetNumbers dataNets) {
            this.sql = sql;
            this.dataNets = dataNets;
        }

        int size() {
            return ids.size();
        }

        /**
         * Entry {@code idx}'s rows: {@code parentIdx} its parent's leaf index or -1, {@code parentKey} the parent's
         * id key when it has a parent (an orphan when the parent is not logged).
         */
        void add(long idx, int idKey, int modelKey, long parentIdx, Integer parentKey, List<String> dataNetIds)
                throws SQLException {
            ids.add(new long[] {idKey, idx});
            models.add(new long[] {modelKey, idx});
            if (parentIdx >= 0) {
                children.add(new long[] {parentIdx, idx});
            } else if (parentKey != null) {
                orphans.add(new long[] {parentKey, idx});
            }
            for (String d : dataNetIds) {
                uses.add(new long[] {dataNets.number(d), idx});
            }
        }

        /** An entry whose bytes cannot be read as a record (altered in the file): only its id key row. */
        void addIdOnly(long idx, int idKey) {
            ids.add(new long[] {idKey, idx});
        }

        /** A fine-tune added here as an orphan found its parent in the same call. */
        void adopt(long idx, int parentKey, long parentIdx) {
            orphans.removeIf(r -> r[0] == parentKey && r[1] == idx);
            children.add(new long[] {parentIdx, idx});
        }

        void flush() throws SQLException {
            write("INSERT INTO ix.id_keys(key, idx) VALUES (?, ?)", ids);
            write("INSERT INTO ix.model_keys(key, idx) VALUES (?, ?)", models);
            write("INSERT INTO ix.children(parent, idx) VALUES (?, ?)", children);
            write("INSERT INTO ix.orphans(parentkey, idx) VALUES (?, ?)", orphans);
            write("INSERT OR IGNORE INTO ix.datanet_uses(n, idx) VALUES (?, ?)", uses);
        }

        private void write(String insert, List<long[]> rows) throws SQLException {
            if (rows.isEmpty()) {
                return;
            }
            if (rows.size() > 1) {
                rows.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
            }
            PreparedStatement ps = sql.get(insert);
            for (long[] r : rows) {
                ps.setLong(1, r[0]);
                ps.setLong(2, r[1]);
                ps.addBatch();
            }
            ps.executeBatch();
            rows.clear();
        }
    }

    /**
     * The entries from {@code upto} on may be parents of fine-tunes logged before them: their append set those
     * fine-tunes' {@code parent_idx} in ledger.db, and the index commit that moved them from the orphans to the
     * children is the one that was lost. Those orphans rows are moved now.
     */
    private static void adoptLinkedOrphans(Statements sql, long upto) throws SQLException {
        PreparedStatement ps = sql.get("SELECT w.parentkey, w.idx, r.parent_idx FROM ix.orphans w CROSS JOIN records r "
                + "ON r.idx = w.idx WHERE r.parent_idx >= ?");
        ps.setLong(1, upto);
        List<long[]> linked = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                linked.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
            }
        }
        for (long[] l : linked) {
            link(sql, l[1], (int) l[0], l[2]);
        }
    }

    /** Thrown when the index file is damaged beyond emptying in place: the caller moves it aside and starts anew. */
    static final class Damaged extends SQLException {
        Damaged(String message) {
            super(FILE + " is damaged: " + message);
        }

        /** {@code e} as {@link Damaged} when SQLite found the pages malformed, else {@code e} itself. */
        static SQLException ifMalformed(SQLException e) {
            int code = e.getErrorCode();
            return code == SQLiteErrorCode.SQLITE_CORRUPT.code || code == SQLiteErrorCode.SQLITE_NOTADB.code
                    ? new Damaged(e.getMessage()) : e;
        }
    }

    private static void quickCheck(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + SCHEMA + ".quick_check")) {
            String first = rs.next() ? rs.getString(1) : "no answer";
            if (!"ok".equals(first)) {
                throw new Damaged(first);
            }
        }
    }

    /** Empties every table and binds the index to the ledger whose verifier key is {@code verifierKey}. */
    static void clear(Connection conn, String verifierKey) throws SQLException {
        try (Statement st = conn.createStatement()) {
            for (String[] t : KEY_TABLES) {
                st.executeUpdate("DELETE FROM ix." + t[0]);
            }
            st.executeUpdate("DELETE FROM ix.datanet_uses");
            st.executeUpdate("DELETE FROM ix.datanets");
        }
        try (PreparedStatement ps = conn.prepareStatement(
                "INSERT OR REPLACE INTO ix.state(key, value) VALUES ('ledger', ?)")) {
            ps.setString(1, verifierKey);
            ps.executeUpdate();
        }
    }

    /** A child whose parent was logged after it: it moves from the orphans to the children. */
    static void link(Statements sql, long child, int parentKey, long parentIdx) throws SQLException {
        PreparedStatement del = sql.get("DELETE FROM ix.orphans WHERE parentkey = ? AND idx = ?");
        del.setInt(1, parentKey);
        del.setLong(2, child);
        del.executeUpdate();
        PreparedStatement add = sql.get("INSERT OR IGNORE INTO ix.children(parent, idx) VALUES (?, ?)");
        add.setLong(1, parentIdx);
        add.setLong(2, child);
        add.executeUpdate();
    }
}
