package io.datanet.provenance.ledger.internal;

import io.datanet.provenance.Digest;
import io.datanet.provenance.InvalidInputException;
import io.datanet.provenance.ledger.Checkpoint;
import io.datanet.provenance.ledger.ConsistencyProof;
import io.datanet.provenance.ledger.InclusionProof;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerEntry;
import io.datanet.provenance.ledger.LedgerException;
import io.datanet.provenance.ledger.LedgerOptions;
import io.datanet.provenance.ledger.NoteSigner;
import io.datanet.provenance.ledger.NoteVerifier;
import io.datanet.provenance.ledger.RecordNotFoundException;
import io.datanet.provenance.ledger.SignedCheckpoint;
import io.datanet.provenance.ledger.VerificationReport;
import io.datanet.provenance.ledger.internal.EncodedRecords.Encoded;
import io.datanet.provenance.record.CanonicalRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;

/**
 * The embedded ledger: one SQLite database in WAL mode with {@code synchronous=FULL}, so a commit is on
 * disk when it returns and a killed process never leaves a half-written append. Appends take SQLite's
 * write lock ({@code BEGIN IMMEDIATE}), so several processes append to one file without losing or
 * forking anything. Access from threads of one process is serialized on one connection.
 */
public final class SqliteLedger implements Ledger {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteLedger.class);
    static final String DB_FILE = "ledger.db";

    private final Path dir;
    private final String location;
    private final Connection conn;
    private final TreeStore tree;
    private final LedgerOptions options;
    private final String origin;
    private final NoteVerifier verifier;
    private final String verifierKey;
    private final NoteSigner signer; // null when the key file is absent (read-only use)
    private final Statements sql;
    private final DataNetNumbers dataNets;
    private final WeightsFilters weightsFilters;
    private final GroupCommit<Encoded> groupCommit = new GroupCommit<>(batch -> appendEncoded(batch, false));
    private boolean appended;
    /** The log size at this handle's last commit, with the index level with it; -1 when not known. */
    private long levelAt = -1;
    /** This boot of the machine ({@link BootId}), or null where the system does not say. */
    private final String boot;
    /** Whether this handle ran a transaction that may write the index file (then its close syncs it). */
    private boolean indexWritten;
    private boolean closed;

    private SqliteLedger(Path dir, Connection conn, LedgerOptions options, String origin, String verifierKey,
                         NoteSigner signer) {
        this.dir = dir;
        this.location = dir.resolve(DB_FILE).toString();
        this.conn = conn;
        this.sql = new Statements(conn);
        this.dataNets = new DataNetNumbers(sql);
        this.weightsFilters = new WeightsFilters(sql);
        this.tree = new TreeStore(sql, location);
        this.options = options;
        this.origin = origin;
        this.verifierKey = verifierKey;
        this.verifier = NoteVerifier.parse(verifierKey);
        this.signer = signer;
        this.boot = BootId.current();
    }

    /**
     * Opens or creates the ledger in {@code dir}.
     *
     * @throws LedgerException naming the directory or file when it cannot be used
     */
    public static SqliteLedger open(Path dir, LedgerOptions options) {
        return open(dir, options, false);
    }

    /**
     * Opens the ledger in {@code dir}; with {@code mustExist}, refuses a directory that holds no ledger
     * instead of creating one.
     *
     * @throws LedgerException naming the directory or file when it cannot be used
     */
    public static SqliteLedger open(Path dir, LedgerOptions options, boolean mustExist) {
        try {
            return open(dir, options, mustExist, null);
        } catch (DamagedIndex e) {
            return open(dir, options, mustExist, e.getCause().getMessage());
        }
    }

    /** Thrown by an open that found the index file damaged, to be retried with the file set aside. */
    private static final class DamagedIndex extends RuntimeException {
        DamagedIndex(Throwable cause) {
            super(cause);
        }
    }

    /** {@code indexDamaged}: why an earlier attempt found the index file damaged (it is set aside first), or null. */
    private static SqliteLedger open(Path dir, LedgerOptions options, boolean mustExist, String indexDamaged) {
        Path db = dir.resolve(DB_FILE);
        if (mustExist && !Files.isRegularFile(db)) {
            throw new LedgerException(dir.toString(), "no ledger here (expected " + DB_FILE + ")");
        }
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new LedgerException(dir.toString(), "is not a directory");
            }
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new LedgerException(dir.toString(), "cannot create the ledger directory: " + e.getMessage(), e);
        }
        if (!Files.isReadable(dir) || !Files.isWritable(dir) || !Files.isExecutable(dir)) {
            throw new LedgerException(dir.toString(), "the ledger directory is not readable and writable");
        }
        if (Files.exists(db) && !Files.isReadable(db)) {
            throw new LedgerException(db.toString(), "the ledger database is not readable");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(120_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        Connection conn = null;
        try {
            probe(db);
            setAsideUnreadableIndex(dir, indexDamaged);
            conn = DriverManager.getConnection("jdbc:sqlite:" + db, config.toProperties());
            LedgerSchema.configure(conn);
            try {
                IndexFile.attach(conn, dir);
            } catch (SQLException e) {
                closeQuietly(conn);
                throw new LedgerException(dir.resolve(IndexFile.FILE).toString(), "cannot open the ledger's index "
                        + "file (it is derived from the records: deleting it is safe, the next open rebuilds it): "
                        + describe(e), e);
            }
            String[] identity = initialize(conn, dir, options);
            NoteSigner signer = options.signerKey() != null ? NoteSigner.parse(options.signerKey())
                    : LogKeyFile.read(dir).orElse(null);
            if (signer != null && !signer.verifierKey().equals(identity[1])) {
                throw new LedgerException(dir.toString(), "the signing key does not belong to this ledger "
                        + "(its verifier key differs from the one recorded when the ledger was created)");
            }
            SqliteLedger ledger = new SqliteLedger(dir, conn, options, identity[0], identity[1], signer);
            ledger.catchUpIndex();
            ledger.writeIndexUnsynced();
            return ledger;
        } catch (IndexFile.Damaged e) {
            closeQuietly(conn);
            if (indexDamaged != null) {
                throw new LedgerException(dir.resolve(IndexFile.FILE).toString(), describe(e), e);
            }
            throw new DamagedIndex(e);
        } catch (SQLException e) {
            closeQuietly(conn);
            throw new LedgerException(db.toString(), describe(e), e);
        } catch (RuntimeException e) {
            closeQuietly(conn);
            throw e;
        }
    }

    /**
     * Refuses an existing file that is not one of our ledgers before anything (even the WAL pragma) writes
     * to it: a read-only look at its schema.
     */
    private static void probe(Path db) throws SQLException {
        if (!Files.isRegularFile(db) || db.toFile().length() == 0) {
            return;
        }
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db, readOnly.toProperties());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(
                     "SELECT COUNT(*), COALESCE(SUM(name = 'meta'), 0) FROM sqlite_master WHERE type = 'table'")) {
            rs.next();
            if (rs.getInt(1) > 0 && rs.getInt(2) == 0) {
                throw new SQLException("is an SQLite database but not a provenance ledger",
                        "not-a-ledger", SQLiteErrorCode.SQLITE_NOTADB.code);
            }
            if (rs.getInt(2) > 0) {
                try (ResultSet v = st.executeQuery("SELECT value FROM meta WHERE key = 'schema'")) {
                    if (v.next()) {
                        checkKnown(v.getString(1));
                    }
                }
            }
        }
    }

    /** Refuses a schema version newer than this library's (before anything is written beside it). */
    private static void checkKnown(String version) throws SQLException {
        int v;
        try {
            v = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            v = Integer.MAX_VALUE;
        }
        if (v < 1 || v > LedgerSchema.VERSION) {
            throw new SQLException("has ledger schema version " + version + ", which this version of the "
                    + "library does not know (it reads versions 1 to " + LedgerSchema.VERSION
                    + "); open it with a newer release", "not-a-ledger", SQLiteErrorCode.SQLITE_NOTADB.code);
        }
    }

    /**
     * The index file holds only derived data: one that SQLite cannot read (or that an earlier attempt found
     * {@code damaged} while rebuilding it: the reason, else null) is moved aside (to
     * {@code ledger-index.db.unreadable}) and rebuilt from the records when the ledger opens.
     */
    private static void setAsideUnreadableIndex(Path dir, String damaged) {
        Path index = dir.resolve(IndexFile.FILE);
        if (!Files.isRegularFile(index) || index.toFile().length() == 0) {
            return;
        }
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + index, readOnly.toProperties());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM sqlite_master")) {
            rs.next();
            if (damaged != null) {
                throw new SQLException(damaged, "damaged", SQLiteErrorCode.SQLITE_CORRUPT.code);
            }
        } catch (SQLException e) {
            int code = e.getErrorCode();
            if (code != SQLiteErrorCode.SQLITE_NOTADB.code && code != SQLiteErrorCode.SQLITE_CORRUPT.code) {
                return; // busy or unreadable: the attach reports it
            }
            try {
                Path aside = dir.resolve(IndexFile.FILE + ".unreadable");
                Files.move(index, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                for (String suffix : new String[] {"-wal", "-shm"}) {
                    Files.deleteIfExists(dir.resolve(IndexFile.FILE + suffix));
                }
                LOG.warn("the index file {} is unreadable ({}); moved it to {} and rebuilding it from the records",
                        index, e.getMessage(), aside);
            } catch (java.io.IOException io) {
                LOG.warn("the index file {} is unreadable and could not be moved aside: {}", index, io.getMessage());
            }
        }
    }

    static String describe(SQLException e) {
        int code = e.getErrorCode();
        if ("not-a-ledger".equals(e.getSQLState())) {
            return e.getMessage();
        }
        if (code == SQLiteErrorCode.SQLITE_NOTADB.code || code == SQLiteErrorCode.SQLITE_CORRUPT.code) {
            return "is not a ledger database (corrupt or foreign file)";
        }
        if (code == SQLiteErrorCode.SQLITE_CANTOPEN.code || code == SQLiteErrorCode.SQLITE_READONLY.code) {
            return "cannot open the ledger database for writing";
        }
        return "database error: " + e.getMessage();
    }

    private static void closeQuietly(Connection conn) {
        if (conn != null) {
            try {
                conn.close();
            } catch (SQLException ignored) {
                // already failing; the original error is what matters
            }
        }
    }

    /**
     * Creates the schema and the log identity on first use, or migrates a version-1, -2 or -3 ledger in place; returns
     * {origin, verifier key}.
     */
    private static String[] initialize(Connection conn, Path dir, LedgerOptions options) throws SQLException {
        begin(conn);
        try (Statement st = conn.createStatement()) {
            st.executeUpdate("CREATE TABLE IF NOT EXISTS main.meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) "
                    + "WITHOUT ROWID");
            String version = meta(conn, "schema");
            String location = dir.resolve(DB_FILE).toString();
            if ("1".equals(version)) {
                LedgerSchema.migrateFromV1(conn, location);
                version = "2";
            }
            if ("2".equals(version)) {
                LedgerSchema.migrateFromV2(conn, location, meta(conn, "verifierKey"));
                version = "3";
            }
            if ("3".equals(version)) { // stored rows stay as they are: RecordCodec reads them as plain
                putMeta(conn, "schema", Integer.toString(LedgerSchema.VERSION));
            } else if (version != null) {
                checkKnown(version);
            }
            LedgerSchema.create(st);
            String origin = meta(conn, "origin");
            String vkey = meta(conn, "verifierKey");
            if (origin == null) {
                NoteSigner signer;
                if (options.signerKey() != null) {
                    signer = NoteSigner.parse(options.signerKey());
                } else {
                    String wanted = options.origin() != null ? options.origin()
                            : "provenance.datanet.io/log/" + HexFormat.of().formatHex(randomBytes(8));
                    signer = LogKeyFile.readOrCreate(dir, wanted);
                }
                origin = signer.name();
                vkey = signer.verifierKey();
                putMeta(conn, "schema", Integer.toString(LedgerSchema.VERSION));
                putMeta(conn, "origin", origin);
                putMeta(conn, "verifierKey", vkey);
            }
            commit(conn);
            return new String[] {origin, vkey};
        } catch (SQLException | RuntimeException e) {
            rollback(conn);
            throw e;
        }
    }

    /*
     * The connection stays in auto-commit mode between writes, so an open but idle ledger holds no lock.
     * A write turns auto-commit off, which makes the driver issue BEGIN IMMEDIATE (the transaction mode
     * set at open): SQLite's write lock is taken up front, so two appenders never read the same tree
     * size. (Issuing BEGIN by hand on an auto-commit connection does not work: the driver commits any
     * open transaction after each statement it runs in auto-commit mode.) A commit turns auto-commit back
     * on, which makes the driver issue COMMIT; the driver's own commit() would issue COMMIT and then BEGIN
     * IMMEDIATE again, taking the write lock of both database files once more only for the empty
     * transaction to be committed at once.
     */
    private static void begin(Connection conn) throws SQLException {
        conn.setAutoCommit(false);
    }

    private static void commit(Connection conn) throws SQLException {
        try {
            conn.setAutoCommit(true);
        } catch (SQLException e) {
            // the driver is in auto-commit mode before it issues COMMIT: end what SQLite may have left open
            try (Statement st = conn.createStatement()) {
                st.execute("ROLLBACK");
            } catch (SQLException none) {
                // no transaction was left open
            }
            throw e;
        }
    }

    private static void rollback(Connection conn) {
        try {
            if (!conn.getAutoCommit()) {
                conn.rollback();
                conn.setAutoCommit(true);
            }
        } catch (SQLException e) {
            LOG.warn("rollback failed: {}", e.getMessage());
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private static String meta(Connection conn, String key) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void putMeta(Connection conn, String key, String value) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }

    @Override
    public LedgerEntry append(CanonicalRecord record) {
        return groupCommit.append(Encoded.of(record)); // compressed and hashed outside the lock
    }

    /**
     * Appends in one transaction. The fast path inserts every record of the call, then one query finds both the
     * records that were already logged (same 32-bit id key and the same bytes) and the fine-tune links to set;
     * only when a record turns out to be logged already is the transaction rolled back and redone with a
     * duplicate probe per record, so the common case pays no probe per record. The records are compressed and hashed
     * on the other cores while the ones before them are inserted ({@link EncodedRecords}).
     */
    @Override
    public List<LedgerEntry> appendAll(List<CanonicalRecord> records) {
        return appendEncoded(EncodedRecords.of(records), false);
    }

    /** {@inheritDoc} The checkpoint is signed inside the append's transaction: one commit, one WAL sync. */
    @Override
    public List<LedgerEntry> appendAllAndCheckpoint(List<CanonicalRecord> records) {
        return appendEncoded(EncodedRecords.of(records), signer != null);
    }

    private synchronized List<LedgerEntry> appendEncoded(List<Encoded> records, boolean sign) {
        ensureOpen();
        if (records.isEmpty()) {
            return List.of();
        }
        try {
            List<LedgerEntry> out = tryAppend(records, false, sign);
            if (out == null) {
                out = tryAppend(records, true, sign);
            }
            return out;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            if (e instanceof SQLException sql) {
                throw new LedgerException(location, "append failed: " + describe(sql), sql);
            }
            throw (RuntimeException) e;
        }
    }

    /** One attempt; returns null (after rolling back) when the fast path met an already-logged record. */
    private List<LedgerEntry> tryAppend(List<Encoded> records, boolean probeEach, boolean sign)
            throws SQLException {
        List<LedgerEntry> out = new ArrayList<>(records.size());
        List<CanonicalRecord> added = new ArrayList<>(records.size());
        List<Digest> leaves = new ArrayList<>(records.size());
        List<String> weights = new ArrayList<>(records.size());
        begin(conn);
        long first = nextIndex();
        catchUp(first);
        long next = first;
        PreparedStatement insert = sql.get("INSERT INTO records(idx, idkey, chk, parent_idx, bytes) "
                + "VALUES (?, ?, ?, ?, ?)");
        IndexFile.Rows rows = new IndexFile.Rows(sql, dataNets);
        Map<Digest, LedgerEntry> inBatch = new HashMap<>();
        Map<Long, Digest> waiting = new HashMap<>();
        int batched = 0;
        for (Encoded e : records) {
            CanonicalRecord r = e.record();
            Digest id = r.id();
            LedgerEntry existing = inBatch.get(id);
            if (existing == null && probeEach) {
                existing = findInTransaction(id).orElse(null);
            }
            if (existing != null) {
                out.add(existing);
                continue;
            }
            RecordFacts facts = e.facts();
            int idKey = Keys.of(id);
            int modelKey = Keys.ofModel(facts.modelRef());
            Integer parentKey = facts.parent() == null ? null : Keys.ofHexPrefix(facts.parent());
            insert.setLong(1, next);
            insert.setInt(2, idKey);
            insert.setInt(3, Keys.position(next, id));
            // the parent's leaf index goes in with the row: setting it by an UPDATE afterwards grows the row, and a
            // grown row in a full page splits it (measured: the records table carried 112.6 instead of 64.9 B/record beyond its bytes when most runs fine-tune)
            LedgerEntry parent = facts.parent() == null ? null : inBatch.get(Digest.parseHex(facts.parent()));
            long parentIdx = parent != null ? parent.index() : facts.parent() == null ? -1 : loggedIndex(facts.parent(), first);
            if (parentIdx < 0) {
                insert.setNull(4, Types.INTEGER);
                if (facts.parent() != null) {
                    waiting.put(next, Digest.parseHex(facts.parent())); // its parent may come later in this call
                }
            } else {
                insert.setLong(4, parentIdx);
            }
            insert.setBytes(5, e.stored());
            weights.add(facts.weightsDigest());
            insert.addBatch();
            if (++batched == EncodedRecords.CHUNK) {
                insert.executeBatch(); // while the next chunk is being compressed
                batched = 0;
            }
            rows.add(next, idKey, modelKey, parentIdx, parentKey, facts.dataNets());
            leaves.add(e.leaf());
            LedgerEntry entry = new LedgerEntry(next, r);
            inBatch.put(id, entry);
            added.add(r);
            out.add(entry);
            next++;
        }
        if (!added.isEmpty()) {
            insert.executeBatch();
            if (!link(first, added)) {
                rollbackQuietly();
                return null;
            }
            linkLaterParents(waiting, inBatch, rows);
            rows.flush();
            IndexFile.setUpto(sql, next);
            tree.afterAppend(first, leaves);
            weightsFilters.afterAppend(first, weights);
        }
        boolean signed = sign && signWithinAppend();
        levelAt = -1;
        commit(conn);
        levelAt = next;
        dataNets.committed();
        appended = signed ? false : appended || !added.isEmpty();
        return out;
    }

    /** Sets the parent of new fine-tunes whose parent came later in the same call (rare: the row grows). */
    private void linkLaterParents(Map<Long, Digest> waiting, Map<Digest, LedgerEntry> inBatch, IndexFile.Rows rows)
            throws SQLException {
        PreparedStatement set = null;
        for (Map.Entry<Long, Digest> w : waiting.entrySet()) {
            LedgerEntry parent = inBatch.get(w.getValue());
            if (parent != null) {
                set = sql.get("UPDATE records SET parent_idx = ? WHERE idx = ?");
                set.setLong(1, parent.index());
                set.setLong(2, w.getKey());
                set.addBatch();
                rows.adopt(w.getKey(), Keys.of(w.getValue()), parent.index());
            }
        }
        if (set != null) {
            set.executeBatch();
        }
    }

    /** The leaf index below {@code below} of the record whose id is {@code idHex}, or -1; confirmed by the full id. */
    private long loggedIndex(String idHex, long below) throws SQLException {
        PreparedStatement ps = sql.get("SELECT r.idx, r.bytes FROM ix.id_keys k CROSS JOIN records r ON r.idx = k.idx "
                + "WHERE k.key = ? AND k.idx < ?");
        ps.setInt(1, Keys.ofHexPrefix(idHex));
        ps.setLong(2, below);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (Digest.sha256(RecordCodec.decodeOrStored(rs.getBytes(2))).hex().equals(idHex)) {
                    return rs.getLong(1);
                }
            }
        }
        return -1;
    }

    /**
     * After inserting {@code added} at {@code first..}, in one query: finds records among them that were logged
     * before (returns false), and sets {@code parent_idx} of the logged fine-tunes that were waiting for one of the
     * new records (new fine-tunes got theirs on insert). Every link is confirmed by the full id.
     */
    private boolean link(long first, List<CanonicalRecord> added) throws SQLException {
        PreparedStatement q = sql.get("SELECT 1, n.idx, o.idx, o.bytes FROM records n CROSS JOIN ix.id_keys k "
                + "ON k.key = n.idkey AND k.idx < ?1 CROSS JOIN records o ON o.idx = k.idx "
                + "WHERE n.idx >= ?1 "
                + "UNION ALL SELECT 3, n.idx, o.idx, o.bytes FROM records n CROSS JOIN ix.orphans w "
                + "ON w.parentkey = n.idkey AND w.idx < ?1 CROSS JOIN records o ON o.idx = w.idx WHERE n.idx >= ?1");
        q.setLong(1, first);
        Map<Long, Long> parentOf = new HashMap<>();
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                int kind = rs.getInt(1);
                long a = rs.getLong(2);
                long b = rs.getLong(3);
                if (kind == 1) { // same 32-bit id key: logged before when the bytes are the same
                    if (Arrays.equals(RecordCodec.decodeOrStored(rs.getBytes(4)), added.get((int) (a - first)).bytes())) {
                        return false;
                    }
                } else { // b is a logged fine-tune waiting for its parent, a a new record that may be it
                    String parent = RecordFacts.scan(RecordCodec.decode(rs.getBytes(4))).parent();
                    if (added.get((int) (a - first)).id().hex().equals(parent)) {
                        parentOf.put(b, a);
                    }
                }
            }
        }
        if (!parentOf.isEmpty()) {
            PreparedStatement set = sql.get("UPDATE records SET parent_idx = ? WHERE idx = ?");
            for (Map.Entry<Long, Long> e : parentOf.entrySet()) {
                set.setLong(1, e.getValue());
                set.setLong(2, e.getKey());
                set.addBatch();
            }
            set.executeBatch();
            for (Map.Entry<Long, Long> e : parentOf.entrySet()) {
                IndexFile.link(sql, e.getKey(), Keys.of(added.get((int) (e.getValue() - first)).id()), e.getValue());
            }
        }
        return true;
    }

    /**
     * Inside a write transaction, first in every one that writes the index file: brings it level with the
     * {@code size} entries of the log, rebuilding it when it was written without sync in an earlier boot of the
     * machine and never synced since ({@link #INDEX_UNSYNCED}), and marks it as written unsynced in this boot. The
     * catching up is skipped when this handle made the last commit (the log is still the size it left it at): the
     * index is level then.
     */
    private void catchUp(long size) throws SQLException {
        indexWritten = true;
        String mark = indexMark();
        boolean distrust = mark != null && !mark.equals(boot);
        if (distrust || size != levelAt) {
            IndexFile.catchUp(conn, sql, dataNets, size, verifierKey, location, distrust);
        }
        if (boot == null ? mark != null : !boot.equals(mark)) {
            // in ledger.db, in this transaction: SQLite commits the main database's WAL (synced) before the
            // index file's, and the index file is checkpointed only after both, so the mark is on disk before any
            // unsynced write of this boot can reach the index file's pages
            PreparedStatement ps = sql.get(boot == null ? "DELETE FROM main.meta WHERE key = ?"
                    : "INSERT OR REPLACE INTO main.meta(key, value) VALUES (?, ?)");
            ps.setString(1, INDEX_UNSYNCED);
            if (boot != null) {
                ps.setString(2, boot);
            }
            ps.executeUpdate();
        }
    }

    /**
     * The key in ledger.db's {@code meta} table whose value is the boot in which the index file was last written
     * without sync; absent while the index file is synced (since the last close that could sync it). The index
     * file is written with {@code synchronous=OFF} where the boot is known: its commits and checkpoints then sync
     * nothing, and a process crash still loses nothing (the writes are in the kernel's page cache), but an OS crash
     * or power loss may leave any of its pages older than the rest. Both end the boot, so an index marked with
     * another boot is rebuilt from the records when the ledger opens.
     */
    static final String INDEX_UNSYNCED = "index-unsynced-boot";

    private String indexMark() throws SQLException {
        PreparedStatement ps = sql.get("SELECT value FROM main.meta WHERE key = ?");
        ps.setString(1, INDEX_UNSYNCED);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * After open: the index file's later commits and checkpoints sync nothing. Every transaction that writes it
     * has marked it first ({@link #catchUp}); {@link #close} syncs it and clears the mark.
     */
    private void writeIndexUnsynced() throws SQLException {
        if (boot == null) {
            return;
        }
        try (Statement st = conn.createStatement()) {
            st.execute("PRAGMA " + IndexFile.SCHEMA + ".synchronous = OFF");
        }
    }

    /**
     * At close: syncs the index file and clears the mark. A checkpoint syncs the WAL and the database file only
     * when it copies frames (one with nothing left to copy syncs nothing, though earlier checkpoints at
     * {@code OFF} left the file's pages unsynced), so a synced commit first gives it a frame to copy: with the
     * file at {@code FULL}, a complete checkpoint then syncs its WAL as it stands and the whole database file.
     * The mark is cleared in a write transaction that first checks no other connection committed to the index file
     * since before that commit (SQLite's {@code data_version}). When a reader keeps the checkpoint from finishing,
     * or another writer got in between, the mark stays: the cost is a rebuild if the machine restarts before a
     * later close clears it. (Opening the file to fsync it from Java is not an option: closing that descriptor would
     * drop every POSIX lock this process's SQLite connections hold on it.)
     */
    private void syncIndexAndClearMark() {
        try (Statement st = conn.createStatement()) {
            st.execute("PRAGMA " + IndexFile.SCHEMA + ".synchronous = FULL");
            long version = dataVersion(st);
            begin(conn);
            try {
                PreparedStatement touch = sql.get("INSERT OR REPLACE INTO ix.state(key, value) VALUES ('synced', ?)");
                touch.setString(1, Long.toString(System.currentTimeMillis()));
                touch.executeUpdate();
                commit(conn);
            } catch (SQLException | RuntimeException e) {
                rollback(conn);
                throw e;
            }
            try (ResultSet rs = st.executeQuery("PRAGMA " + IndexFile.SCHEMA + ".wal_checkpoint(PASSIVE)")) {
                // (busy, frames in the WAL, frames checkpointed): the file is synced when all were copied
                if (!rs.next() || rs.getInt(1) != 0 || rs.getInt(2) != rs.getInt(3)) {
                    return;
                }
            }
            begin(conn);
            try {
                if (dataVersion(st) == version && boot.equals(indexMark())) {
                    PreparedStatement del = sql.get("DELETE FROM main.meta WHERE key = ?");
                    del.setString(1, INDEX_UNSYNCED);
                    del.executeUpdate();
                }
                commit(conn);
            } catch (SQLException | RuntimeException e) {
                rollback(conn);
                throw e;
            }
        } catch (SQLException e) {
            LOG.warn("could not sync the index file of ledger {} while closing it: {}", location, e.getMessage());
        }
    }

    private static long dataVersion(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("PRAGMA " + IndexFile.SCHEMA + ".data_version")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** At open, and before a verification: the index catches up in its own write transaction if it must. */
    private void catchUpIndex() throws SQLException {
        if (!distrustIndex() && IndexFile.upto(sql, verifierKey) == nextIndex()) {
            return;
        }
        begin(conn);
        try {
            catchUp(nextIndex());
            commit(conn);
            dataNets.committed();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    /** Whether the index file was written without sync in another boot (or this system does not say which boot). */
    private boolean distrustIndex() throws SQLException {
        String mark = indexMark();
        return mark != null && !mark.equals(boot);
    }

    private long nextIndex() throws SQLException {
        try (ResultSet rs = sql.get("SELECT MAX(idx) FROM records").executeQuery()) {
            rs.next();
            long max = rs.getLong(1);
            return rs.wasNull() ? 0 : max + 1;
        }
    }

    private void rollbackQuietly() {
        levelAt = -1;
        tree.invalidate();
        weightsFilters.invalidate();
        dataNets.rolledBack();
        rollback(conn);
    }

    @Override
    public synchronized long size() {
        ensureOpen();
        try {
            return nextIndex();
        } catch (SQLException e) {
            throw new LedgerException(location, describe(e), e);
        }
    }

    @Override
    public synchronized Optional<LedgerEntry> get(long index) {
        ensureOpen();
        try {
            PreparedStatement ps = sql.get("SELECT chk, bytes FROM records WHERE idx = ?");
            ps.setLong(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(entry(index, rs.getInt(1), rs.getBytes(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new LedgerException(location, describe(e), e);
        }
    }

    /** The entry of a stored row; a row whose position key does not bind its bytes to its index is refused. */
    private LedgerEntry entry(long index, int chk, byte[] stored) {
        CanonicalRecord record = CanonicalRecord.ofStoredBytes(canonical(index, stored), location + " entry " + index);
        StoredSummaries.checkPosition(index, chk, record.id(), location);
        return new LedgerEntry(index, record);
    }

    /** The canonical bytes of a stored row ({@link RecordCodec}); a row that does not decode is named. */
    private byte[] canonical(long index, byte[] stored) {
        try {
            return RecordCodec.decode(stored);
        } catch (IllegalArgumentException e) {
            throw new LedgerException(location, "entry " + index + " is not a readable record: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<LedgerEntry> find(Digest recordId) {
        ensureOpen();
        try {
            return findInTransaction(recordId);
        } catch (SQLException e) {
            throw new LedgerException(location, describe(e), e);
        }
    }

    private Optional<LedgerEntry> findInTransaction(Digest id) throws SQLException {
        long idx = indexOf(id);
        return idx < 0 ? Optional.empty() : get(idx);
    }

    /** The leaf index of the record with this id, or -1. */
    private long indexOf(Digest id) throws SQLException {
        PreparedStatement ps = sql.get("SELECT r.idx, r.bytes FROM ix.id_keys k CROSS JOIN records r ON r.idx = k.idx "
                + "WHERE k.key = ?");
        ps.setInt(1, Keys.of(id));
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (Digest.sha256(RecordCodec.decodeOrStored(rs.getBytes(2))).equals(id)) { // compare hashes first; parse only the match
                    return rs.getLong(1);
                }
            }
        }
        return -1;
    }

    /** The entries whose key in index table {@code table} ({@code id_keys} or {@code model_keys}) is {@code key}. */
    private List<LedgerEntry> byKey(String table, int key) throws SQLException {
        List<LedgerEntry> out = new ArrayList<>();
        PreparedStatement ps = sql.get("SELECT r.idx, r.chk, r.bytes FROM ix." + table + " k CROSS JOIN records r "
                + "ON r.idx = k.idx WHERE k.key = ? ORDER BY k.idx");
        ps.setInt(1, key);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(entry(rs.getLong(1), rs.getInt(2), rs.getBytes(3)));
            }
        }
        return out;
    }

    @Override
    public synchronized LedgerEntry resolve(String ref) {
        ensureOpen();
        if (ref == null || ref.isBlank()) {
            throw new RecordNotFoundException(String.valueOf(ref), "empty reference");
        }
        try {
            if (ref.length() >= 8 && ref.length() <= 64 && Digest.isLowerHex(ref)) {
                List<LedgerEntry> matches = new ArrayList<>();
                for (LedgerEntry e : byKey("id_keys", Keys.ofHexPrefix(ref))) {
                    if (e.id().startsWith(ref)) {
                        matches.add(e);
                    }
                }
                if (matches.size() > 1) {
                    throw new RecordNotFoundException(ref, "ambiguous id prefix: " + matches.size()
                            + " records match; give more characters");
                }
                if (matches.isEmpty()) {
                    throw new RecordNotFoundException(ref, "no record with this id in " + dir);
                }
                return matches.get(0);
            }
            int at = ref.lastIndexOf('@');
            if (at > 0 && at < ref.length() - 1) {
                List<LedgerEntry> matches = byKey("model_keys", Keys.ofModel(ref));
                for (int i = matches.size() - 1; i >= 0; i--) {
                    if (matches.get(i).record().record().model().ref().equals(ref)) {
                        return matches.get(i);
                    }
                }
                throw new RecordNotFoundException(ref, "no record of model version " + ref + " in " + dir);
            }
            throw new RecordNotFoundException(ref,
                    "not a record id, id prefix (8 to 64 lowercase hex characters) or model@version");
        } catch (SQLException e) {
            throw new LedgerException(location, describe(e), e);
        }
    }

    @Override
    public synchronized Optional<LedgerEntry> findByWeights(Digest weightsDigest) {
        ensureOpen();
        try {
            long idx = weightsFilters.find(weightsDigest, nextIndex());
            return idx < 0 ? Optional.empty() : get(idx);
        } catch (SQLException e) {
            throw new LedgerException(location, describe(e), e);
        }
    }

    /** DataNet numbers are exact (no hash collisions), so the index answers without looking at the records. */
    @Override
    public synchronized List<LedgerEntry> usesOf(String dataNetId, long afterIndex, int limit) {
        ensureOpen();
        List<LedgerEntry> out = new ArrayList<>();
        try {
            long n = dataNets.find(dataNetId);
            if (n <= 0 || limit <= 0) {
                return out;
            }
            PreparedStatement ps = sql.get("SELECT r.idx, r.chk, r.bytes FROM ix.datanet_uses u CROSS JOIN records r "
                    + "ON r.idx = u.idx WHERE u.n = ? AND u.idx > ? ORDER BY u.idx");
            ps.setLong(1, n);
            ps.setLong(2, afterIndex);
            try (ResultSet rs = ps.executeQuery()) {
                while (out.size() < limit && rs.next()) {
                    out.add(entry(rs.getLong(1), rs.getInt(2), rs.getBytes(3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new LedgerException(location, describe(e), e);
        }
    }

    /** From {@code datanet_uses} alone: no record is read. */
    @Override
    public synchronized long[] useIndexes(String dataNetId, long afterIndex, int limit) {
        ensureOpen();
        try {
            long n = dataNets.find(dataNetId);
            if (n <= 0 || limit <= 0) {
                return new long[0];
            }
            PreparedStatement ps = sql.get("SELECT idx FROM ix.datanet_uses WHERE n = ? AND idx > ? ORDER BY idx LIMIT ?");
            ps.setLong(1, n);
            ps.setLong(2, afterIndex);
            ps.setInt(3, limit);
            long[] out = new long[Math.min(limit, 1024)];
            int count = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (count == out.length) {
                        out = java.util.Arrays.copyOf(out, 2 * count);
                    }
                    out[count++] = rs.getLong(1);
                }
            }
            return java.util.Arrays.copyOf(out, count);
        } catch (SQLException e) {
            throw new LedgerException(location, describe(e), e);
        }
    }

    @Override
    public synchronized List<LedgerEntry> children(Digest recordId) {
        ensureOpen();
        try {
            List<LedgerEntry> out = new ArrayList<>();
            long idx = indexOf(recordId);
            if (idx >= 0) {
                for (long child : childIndexesOf(idx)) {
                    out.add(get(child).orElseThrow());
                }
                return out;
            }
            // not logged here: fine-tunes waiting for it
            PreparedStatement ps = sql.get("SELECT r.idx, r.chk, r.bytes FROM ix.orphans w CROSS JOIN records r "
                    + "ON r.idx = w.idx WHERE w.parentkey = ? ORDER BY w.idx");
            ps.setInt(1, Keys.of(recordId));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LedgerEntry e = entry(rs.getLong(1), rs.getInt(2), rs.getBytes(3));
                    if (recordId.hex().equals(e.record().record().model().parent())) {
                        out.add(e);
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new LedgerException(location, describe(e), e);
        }
    }

    /**
     * From the row's bytes with a streaming scan, no full parse; the row's position key must match the bytes'
     * hash, so a row edited in the database is refused.
     */
    @Override
    public synchronized io.datanet.provenance.ledger.EntrySummary summary(long index) {
        ensureOpen();
        try {
            PreparedStatement ps = sql.get("SELECT chk, bytes FROM records WHERE idx = ?");
            ps.setLong(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw noEntry(index);
                }
                return StoredSummaries.read(index, rs.getInt(1), canonical(index, rs.getBytes(2)), location);
            }
        } catch (SQLException e) {
            throw new LedgerException(location, describe(e), e);
        }
    }

    /** From {@code parent_idx}, which {@code verify} checks against the records: no record is parsed. */
    @Override
    public synchronized long parentIndex(long index) {
        ensureOpen();
        try {
            PreparedStatement ps = sql.get("SELECT parent_idx FROM records WHERE idx = ?");
            ps.setLong(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw noEntry(index);
                }
                long parent = rs.getLong(1);
                return rs.wasNull() ? -1 : parent;
            }
        } catch (SQLException e) {
            throw new LedgerException(location, describe(e), e);
        }
    }

    /** One primary-key probe of {@code datanet_uses}; no record is parsed. */
    @Override
    public synchronized boolean usesDataNet(long index, String dataNetId) {
        ensureOpen();
        try {
            long n = dataNets.find(dataNetId);
            if (n > 0) {
                PreparedStatement ps = sql.get("SELECT 1 FROM ix.datanet_uses WHERE n = ? AND idx = ?");
                ps.setLong(1, n);
                ps.setLong(2, index);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
            requireEntry(index);
            return false;
        } catch (SQLException e) {
            throw new LedgerException(location, describe(e), e);
        }
    }

    /** From the index of {@code parent_idx}; no record is parsed. */
    @Override
    public synchronized long[] childIndexes(long index) {
        ensureOpen();
        try {
            requireEntry(index);
            return childIndexesOf(index);
        } catch (SQLException e) {
            throw new LedgerException(location, describe(e), e);
        }
    }

    /**
     * From the model-key index: the later entries with the same key are scanned for their model reference (a
     * streaming scan, no full parse); none when the model version was not re-trained.
     */
    @Override
    public synchronized boolean superseded(long index) {
        ensureOpen();
        try {
            PreparedStatement ps = sql.get("SELECT bytes FROM records WHERE idx = ?");
            ps.setLong(1, index);
            String ref;
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw noEntry(index);
                }
                ref = RecordFacts.scan(RecordCodec.decode(rs.getBytes(1))).modelRef();
            }
            int modelkey = Keys.ofModel(ref);
            PreparedStatement later = sql.get("SELECT r.bytes FROM ix.model_keys k CROSS JOIN records r "
                + "ON r.idx = k.idx WHERE k.key = ? AND k.idx > ?");
            later.setInt(1, modelkey);
            later.setLong(2, index);
            try (ResultSet rs = later.executeQuery()) {
                while (rs.next()) {
                    if (RecordFacts.scan(RecordCodec.decode(rs.getBytes(1))).modelRef().equals(ref)) {
                        return true;
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw new LedgerException(location, describe(e), e);
        }
    }

    private long[] childIndexesOf(long index) throws SQLException {
        PreparedStatement ps = sql.get("SELECT idx FROM ix.children WHERE parent = ? ORDER BY idx");
        ps.setLong(1, index);
        long[] out = new long[4];
        int n = 0;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (n == out.length) {
                    out = java.util.Arrays.copyOf(out, 2 * n);
                }
                out[n++] = rs.getLong(1);
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private void requireEntry(long index) throws SQLException {
        PreparedStatement ps = sql.get("SELECT 1 FROM records WHERE idx = ?");
        ps.setLong(1, index);
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw noEntry(index);
            }
        }
    }

    private RecordNotFoundException noEntry(long index) {
        return new RecordNotFoundException(Long.toString(index), "no entry at this index in " + dir);
    }

    @Override
    public synchronized void scan(long from, long to, Consumer<LedgerEntry> consumer) {
        ensureOpen();
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT idx, chk, bytes FROM records WHERE idx >= ? AND idx < ? ORDER BY idx")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(entry(rs.getLong(1), rs.getInt(2), rs.getBytes(3)));
                }
            }
        } catch (SQLException e) {
            throw new LedgerException(location, describe(e), e);
        }
    }

    @Override
    public synchronized Digest root(long size) {
        ensureOpen();
        checkSize(size);
        return MerkleTree.root(size, tree);
    }

    private void checkSize(long size) {
        long n = size();
        if (size < 0 || size > n) {
            throw new InvalidInputException("tree size " + size, "", "the ledger holds " + n + " records");
        }
    }

    @Override
    public synchronized SignedCheckpoint checkpoint() {
        ensureOpen();
        if (signer == null) {
            throw new LedgerException(dir.resolve(LogKeyFile.FILE_NAME).toString(),
                    "the log signing key is missing; cannot sign a checkpoint");
        }
        try {
            begin(conn);
            SignedCheckpoint signed = signInTransaction();
            commit(conn);
            return signed;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            if (e instanceof SQLException sql) {
                throw new LedgerException(location, "checkpoint failed: " + describe(sql), sql);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * Signs a checkpoint inside an append's transaction, under a savepoint: a checkpoint that cannot be signed
     * (an unreadable stored checkpoint, say) is logged and undone, and the append commits without it, as an
     * append followed by a failed checkpoint would.
     */
    private boolean signWithinAppend() throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("SAVEPOINT sign_checkpoint");
            try {
                signInTransaction();
                st.execute("RELEASE sign_checkpoint");
                return true;
            } catch (SQLException | RuntimeException e) {
                st.execute("ROLLBACK TO sign_checkpoint");
                st.execute("RELEASE sign_checkpoint");
                LOG.warn("could not sign a checkpoint with the append to ledger {}: {}", location, e.getMessage());
                return false;
            }
        }
    }

    /**
     * In the open write transaction: signs and stores a checkpoint of the current tree unless the newest stored
     * one already covers it, and returns the newest.
     */
    private SignedCheckpoint signInTransaction() throws SQLException {
        long size = nextIndex();
        Optional<SignedCheckpoint> latest = latestInTransaction();
        if (latest.isPresent() && latest.get().checkpoint().size() >= size) {
            return latest.get();
        }
        Checkpoint cp = new Checkpoint(origin, size, MerkleTree.root(size, tree), List.of());
        SignedCheckpoint signed = SignedCheckpoint.sign(cp, signer);
        try (PreparedStatement ps = conn.prepareStatement(
                "INSERT OR IGNORE INTO checkpoints(size, note) VALUES (?, ?)")) {
            ps.setLong(1, size);
            ps.setString(2, signed.note());
            ps.executeUpdate();
        }
        if (latest.isPresent()) {
            pruneSuperseded(latest.get().checkpoint().size());
        }
        return signed;
    }

    /**
     * Keeps the first checkpoint signed in each span of {@link LedgerOptions#checkpointSpan()} records, and the newest:
     * a superseded checkpoint in between is provably consistent with the newer one and is removed, so
     * checkpoints cost well under a byte per record however often runs close the ledger.
     */
    private void pruneSuperseded(long previous) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM checkpoints WHERE size = ? AND EXISTS "
                + "(SELECT 1 FROM checkpoints c WHERE c.size < ? AND c.size / ? = ? / ?)")) {
            ps.setLong(1, previous);
            ps.setLong(2, previous);
            ps.setLong(3, options.checkpointSpan());
            ps.setLong(4, previous);
            ps.setLong(5, options.checkpointSpan());
            ps.executeUpdate();
        }
    }

    private Optional<SignedCheckpoint> latestInTransaction() throws SQLException {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT note FROM checkpoints ORDER BY size DESC LIMIT 1")) {
            return rs.next() ? Optional.of(SignedCheckpoint.verify(rs.getString(1), verifier)) : Optional.empty();
        }
    }

    @Override
    public synchronized Optional<SignedCheckpoint> latestCheckpoint() {
        ensureOpen();
        try {
            return latestInTransaction();
        } catch (SQLException e) {
            throw new LedgerException(location, describe(e), e);
        }
    }

    @Override
    public synchronized List<SignedCheckpoint> checkpoints() {
        ensureOpen();
        List<SignedCheckpoint> out = new ArrayList<>();
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT note FROM checkpoints ORDER BY size")) {
            while (rs.next()) {
                out.add(SignedCheckpoint.verify(rs.getString(1), verifier));
            }
            return out;
        } catch (SQLException e) {
            throw new LedgerException(location, describe(e), e);
        }
    }

    @Override
    public String verifierKey() {
        return verifierKey;
    }

    @Override
    public String origin() {
        return origin;
    }

    @Override
    public synchronized InclusionProof proveInclusion(long index, long treeSize) {
        ensureOpen();
        checkSize(treeSize);
        if (index < 0 || index >= treeSize) {
            throw new InvalidInputException("entry " + index, "", "not in a tree of " + treeSize + " records");
        }
        return MerkleTree.proveInclusion(index, treeSize, tree);
    }

    @Override
    public synchronized ConsistencyProof proveConsistency(long oldSize, long newSize) {
        ensureOpen();
        checkSize(newSize);
        return MerkleTree.proveConsistency(oldSize, newSize, tree);
    }

    @Override
    public synchronized VerificationReport verify(boolean deep, LongConsumer progress) {
        ensureOpen();
        try {
            catchUpIndex();
            return new LogVerifier(conn, location, origin, verifier, LogKeyFile.read(dir).orElse(null), deep,
                    new SqliteDerivedData(conn, deep)).run(progress);
        } catch (SQLException e) {
            throw new LedgerException(location, describe(e), e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new LedgerException(location, "the ledger is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            if (appended && options.checkpointOnClose() && signer != null) {
                checkpoint();
            }
        } catch (RuntimeException e) {
            LOG.warn("could not sign a checkpoint while closing ledger {}: {}", location, e.getMessage());
        } finally {
            if (boot != null && indexWritten) { // the index file was written without sync
                syncIndexAndClearMark();
            }
            closed = true;
            sql.close();
            closeQuietly(conn);
        }
    }

    @Override
    public String toString() {
        return "Ledger[" + dir + ", origin=" + origin + "]";
    }
}
