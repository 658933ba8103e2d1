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
import io.datanet.provenance.ledger.MerkleHash;
import io.datanet.provenance.ledger.NoteSigner;
import io.datanet.provenance.ledger.NoteVerifier;
import io.datanet.provenance.ledger.RecordNotFoundException;
import io.datanet.provenance.ledger.SignedCheckpoint;
import io.datanet.provenance.ledger.VerificationReport;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.record.WeightsDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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
    static final int SCHEMA_VERSION = 1;

    private final Path dir;
    private final String location;
    private final Connection conn;
    private final TreeStore tree;
    private final LedgerOptions options;
    private final String origin;
    private final NoteVerifier verifier;
    private final String verifierKey;
    private final NoteSigner signer; // null when the key file is absent (read-only use)
    private PreparedStatement findById; // reused: duplicate checks run once per appended record
    private boolean appended;
    private boolean closed;

    private SqliteLedger(Path dir, Connection conn, LedgerOptions options, String origin, String verifierKey,
                         NoteSigner signer) {
        this.dir = dir;
        this.location = dir.resolve(DB_FILE).toString();
        this.conn = conn;
        this.tree = new TreeStore(conn, location);
        this.options = options;
        this.origin = origin;
        this.verifierKey = verifierKey;
        this.verifier = NoteVerifier.parse(verifierKey);
        this.signer = signer;
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
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(120_000);
        config.setPageSize(32768);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        Connection conn = null;
        try {
            probe(db);
            conn = DriverManager.getConnection("jdbc:sqlite:" + db, config.toProperties());
            String[] identity = initialize(conn, dir, options);
            NoteSigner signer = options.signerKey() != null ? NoteSigner.parse(options.signerKey())
                    : LogKeyFile.read(dir).orElse(null);
            if (signer != null && !signer.verifierKey().equals(identity[1])) {
                throw new LedgerException(dir.toString(), "the signing key does not belong to this ledger "
                        + "(its verifier key differs from the one recorded when the ledger was created)");
            }
            return new SqliteLedger(dir, conn, options, identity[0], identity[1], signer);
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

    /** Creates the schema and the log identity on first use; returns {origin, verifier key}. */
    private static String[] initialize(Connection conn, Path dir, LedgerOptions options) throws SQLException {
        begin(conn);
        try (Statement st = conn.createStatement()) {
            st.executeUpdate("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID");
            st.executeUpdate("CREATE TABLE IF NOT EXISTS records(idx INTEGER PRIMARY KEY, idkey INTEGER NOT NULL, "
                    + "chk INTEGER NOT NULL, modelkey INTEGER NOT NULL, weightskey INTEGER, parentkey INTEGER, bytes BLOB NOT NULL)");
            st.executeUpdate("CREATE INDEX IF NOT EXISTS records_idkey ON records(idkey)");
            st.executeUpdate("CREATE INDEX IF NOT EXISTS records_modelkey ON records(modelkey)");
            st.executeUpdate("CREATE INDEX IF NOT EXISTS records_weightskey ON records(weightskey) "
                    + "WHERE weightskey IS NOT NULL");
            st.executeUpdate("CREATE INDEX IF NOT EXISTS records_parentkey ON records(parentkey) "
                    + "WHERE parentkey IS NOT NULL");
            st.executeUpdate("CREATE TABLE IF NOT EXISTS datanet_uses(dnkey INTEGER NOT NULL, idx INTEGER NOT NULL, "
                    + "PRIMARY KEY(dnkey, idx)) WITHOUT ROWID");
            st.executeUpdate("CREATE TABLE IF NOT EXISTS tiles(level INTEGER NOT NULL, n INTEGER NOT NULL, "
                    + "hashes BLOB NOT NULL, PRIMARY KEY(level, n)) WITHOUT ROWID");
            st.executeUpdate("CREATE TABLE IF NOT EXISTS checkpoints(size INTEGER PRIMARY KEY, note TEXT NOT NULL)");
            String version = meta(conn, "schema");
            if (version != null && !version.equals(Integer.toString(SCHEMA_VERSION))) {
                throw new SQLException("unsupported ledger schema version " + version);
            }
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
                putMeta(conn, "schema", Integer.toString(SCHEMA_VERSION));
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
     * open transaction after each statement it runs in auto-commit mode.) Turning auto-commit back on
     * ends the empty transaction the driver begins after every commit, releasing the lock.
     */
    private static void begin(Connection conn) throws SQLException {
        conn.setAutoCommit(false);
    }

    private static void commit(Connection conn) throws SQLException {
        conn.commit();
        conn.setAutoCommit(true);
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
        return appendAll(List.of(record)).get(0);
    }

    @Override
    public synchronized List<LedgerEntry> appendAll(List<CanonicalRecord> records) {
        ensureOpen();
        if (records.isEmpty()) {
            return List.of();
        }
        try {
            List<LedgerEntry> out = new ArrayList<>(records.size());
            List<Digest> leaves = new ArrayList<>(records.size());
            begin(conn);
            long first = nextIndex();
            long next = first;
            try (PreparedStatement insert = conn.prepareStatement("INSERT INTO records(idx, idkey, chk, modelkey, "
                    + "weightskey, parentkey, bytes) VALUES (?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement uses = conn.prepareStatement(
                         "INSERT OR IGNORE INTO datanet_uses(dnkey, idx) VALUES (?, ?)")) {
                java.util.Map<Digest, LedgerEntry> inBatch = new java.util.HashMap<>();
                for (CanonicalRecord r : records) {
                    LedgerEntry existing = inBatch.get(r.id());
                    if (existing == null) {
                        existing = findInTransaction(r.id()).orElse(null);
                    }
                    if (existing != null) {
                        out.add(existing);
                        continue;
                    }
                    byte[] bytes = r.bytes();
                    insert.setLong(1, next);
                    insert.setInt(2, Keys.of(r.id()));
                    insert.setInt(3, Keys.position(next, r.id()));
                    insert.setInt(4, Keys.ofModel(r.record().model().ref()));
                    WeightsDigest w = r.record().model().weights();
                    if (w == null) {
                        insert.setNull(5, java.sql.Types.INTEGER);
                    } else {
                        insert.setInt(5, Keys.of(w.value()));
                    }
                    String parent = r.record().model().parent();
                    if (parent == null) {
                        insert.setNull(6, java.sql.Types.INTEGER);
                    } else {
                        insert.setInt(6, Keys.of(Digest.parseHex(parent)));
                    }
                    insert.setBytes(7, bytes);
                    insert.addBatch();
                    for (var use : r.record().datanets()) {
                        uses.setInt(1, Keys.ofDataNet(use.id()));
                        uses.setLong(2, next);
                        uses.addBatch();
                    }
                    leaves.add(MerkleHash.leaf(bytes));
                    LedgerEntry entry = new LedgerEntry(next, r);
                    inBatch.put(r.id(), entry);
                    out.add(entry);
                    next++;
                }
                insert.executeBatch();
                uses.executeBatch();
            }
            tree.afterAppend(first, leaves);
            commit(conn);
            appended |= !leaves.isEmpty();
            return out;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            if (e instanceof SQLException sql) {
                throw new LedgerException(location, "append failed: " + describe(sql), sql);
            }
            throw (RuntimeException) e;
        }
    }

    private long nextIndex() throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT MAX(idx) FROM records")) {
            rs.next();
            long max = rs.getLong(1);
            return rs.wasNull() ? 0 : max + 1;
        }
    }

    private void rollbackQuietly() {
        tree.invalidate();
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
        try (PreparedStatement ps = conn.prepareStatement("SELECT bytes FROM records WHERE idx = ?")) {
            ps.setLong(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(entry(index, rs.getBytes(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new LedgerException(location, describe(e), e);
        }
    }

    private LedgerEntry entry(long index, byte[] bytes) {
        return new LedgerEntry(index, CanonicalRecord.ofStoredBytes(bytes, location + " entry " + index));
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
        if (findById == null) {
            findById = conn.prepareStatement("SELECT idx, bytes FROM records WHERE idkey = ?");
        }
        findById.setInt(1, Keys.of(id));
        try (ResultSet rs = findById.executeQuery()) {
            while (rs.next()) {
                byte[] bytes = rs.getBytes(2);
                if (Digest.sha256(bytes).equals(id)) { // compare hashes first; parse only the match
                    return Optional.of(entry(rs.getLong(1), bytes));
                }
            }
        }
        return Optional.empty();
    }

    private List<LedgerEntry> byKey(String column, int key) throws SQLException {
        List<LedgerEntry> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT idx, bytes FROM records WHERE " + column + " = ? ORDER BY idx")) {
            ps.setInt(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(entry(rs.getLong(1), rs.getBytes(2)));
                }
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
                for (LedgerEntry e : byKey("idkey", Keys.ofHexPrefix(ref))) {
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
                List<LedgerEntry> matches = byKey("modelkey", Keys.ofModel(ref));
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
            List<LedgerEntry> matches = byKey("weightskey", Keys.of(weightsDigest));
            for (int i = matches.size() - 1; i >= 0; i--) {
                WeightsDigest w = matches.get(i).record().record().model().weights();
                if (w != null && w.value().equals(weightsDigest)) {
                    return Optional.of(matches.get(i));
                }
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw new LedgerException(location, describe(e), e);
        }
    }

    @Override
    public synchronized List<LedgerEntry> usesOf(String dataNetId, long afterIndex, int limit) {
        ensureOpen();
        List<LedgerEntry> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT r.idx, r.bytes FROM datanet_uses u "
                + "JOIN records r ON r.idx = u.idx WHERE u.dnkey = ? AND u.idx > ? ORDER BY u.idx")) {
            ps.setInt(1, Keys.ofDataNet(dataNetId));
            ps.setLong(2, afterIndex);
            try (ResultSet rs = ps.executeQuery()) {
                while (out.size() < limit && rs.next()) {
                    LedgerEntry e = entry(rs.getLong(1), rs.getBytes(2));
                    if (e.record().record().datanets().stream().anyMatch(d -> d.id().equals(dataNetId))) {
                        out.add(e);
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new LedgerException(location, describe(e), e);
        }
    }

    @Override
    public synchronized List<LedgerEntry> children(Digest recordId) {
        ensureOpen();
        try {
            List<LedgerEntry> out = new ArrayList<>();
            for (LedgerEntry e : byKey("parentkey", Keys.of(recordId))) {
                if (recordId.hex().equals(e.record().record().model().parent())) {
                    out.add(e);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new LedgerException(location, describe(e), e);
        }
    }

    @Override
    public synchronized void scan(long from, long to, Consumer<LedgerEntry> consumer) {
        ensureOpen();
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT idx, bytes FROM records WHERE idx >= ? AND idx < ? ORDER BY idx")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(entry(rs.getLong(1), rs.getBytes(2)));
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
            long size = nextIndex();
            Optional<SignedCheckpoint> latest = latestInTransaction();
            if (latest.isPresent() && latest.get().checkpoint().size() >= size) {
                commit(conn);
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
            return new LogVerifier(conn, location, origin, verifier, LogKeyFile.read(dir).orElse(null), deep)
                    .run(progress);
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
            closed = true;
            if (findById != null) {
                try {
                    findById.close();
                } catch (SQLException ignored) {
                    // closing the connection below releases it anyway
                }
            }
            closeQuietly(conn);
        }
    }

    @Override
    public String toString() {
        return "Ledger[" + dir + ", origin=" + origin + "]";
    }
}
