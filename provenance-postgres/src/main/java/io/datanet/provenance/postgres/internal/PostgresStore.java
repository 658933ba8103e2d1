package io.datanet.provenance.postgres.internal;

import io.datanet.provenance.Digest;
import io.datanet.provenance.InvalidInputException;
import io.datanet.provenance.ledger.Checkpoint;
import io.datanet.provenance.ledger.ConsistencyProof;
import io.datanet.provenance.ledger.EntrySummary;
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
import io.datanet.provenance.ledger.internal.Keys;
import io.datanet.provenance.ledger.internal.LogKeyFile;
import io.datanet.provenance.ledger.internal.LogVerifier;
import io.datanet.provenance.ledger.internal.MerkleTree;
import io.datanet.provenance.ledger.internal.StoredSummaries;
import io.datanet.provenance.ledger.internal.StoredTree;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.record.WeightsDigest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Ledger} on one PostgreSQL connection. Writes: stage, then sequence under the advisory lock (see
 * {@link Sequencer}); reads: single statements, or a {@code REPEATABLE READ} snapshot when a read spans several
 * (scan, verify). Access from threads of one process is serialized on the connection.
 */
public final class PostgresStore implements Ledger {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);
    private static final int MAX_ATTEMPTS = 20;

    private final Connection conn;
    private final String location;
    private final StoredTree tree;
    private final Sequencer sequencer;
    private final ImmutableFacts facts = new ImmutableFacts();
    private final LedgerOptions options;
    private final String origin;
    private final String verifierKey;
    private final NoteVerifier verifier;
    private final NoteSigner signer; // null: this process appends and reads but cannot sign checkpoints
    private final String keySource;
    private boolean appended;
    private boolean closed;

    private PostgresStore(Connection conn, String location, LedgerOptions options, Schema.Identity identity,
                          NoteSigner signer, String keySource) {
        this.conn = conn;
        this.location = location;
        Connection shared = SqliteSqlTranslation.wrap(conn);
        this.tree = new StoredTree(shared, location);
        this.sequencer = new Sequencer(conn, tree, location);
        this.options = options;
        this.origin = identity.origin();
        this.verifierKey = identity.verifierKey();
        this.verifier = NoteVerifier.parse(verifierKey);
        this.signer = signer;
        this.keySource = keySource;
    }

    /**
     * Opens the ledger over {@code conn} (taking ownership of it), creating its tables and identity on first
     * use; see {@code PostgresLedger} for where the signing key comes from.
     *
     * @throws LedgerException naming the database or key file when either cannot be used
     */
    public static PostgresStore open(Connection conn, Path keyDirectory, LedgerOptions options) {
        String location = "?";
        try {
            location = describeUrl(conn.getMetaData().getURL());
            if (keyDirectory != null) {
                Files.createDirectories(keyDirectory);
            }
            Schema.Identity identity = Schema.initialize(conn, location, options, keyDirectory);
            NoteSigner signer = options.signerKey() != null ? NoteSigner.parse(options.signerKey())
                    : keyDirectory == null ? null : LogKeyFile.read(keyDirectory).orElse(null);
            String keySource = options.signerKey() != null ? "the given signer key"
                    : keyDirectory == null ? "no key" : keyDirectory.resolve(LogKeyFile.FILE_NAME).toString();
            if (signer != null && !signer.verifierKey().equals(identity.verifierKey())) {
                throw new LedgerException(keySource, "the signing key does not belong to the ledger at " + location
                        + " (its verifier key differs from the one recorded when the ledger was created)");
            }
            return new PostgresStore(conn, location, options, identity, signer, keySource);
        } catch (SQLException e) {
            closeQuietly(conn);
            throw new LedgerException(location, "cannot open the ledger: " + e.getMessage(), e);
        } catch (IOException e) {
            closeQuietly(conn);
            throw new LedgerException(String.valueOf(keyDirectory), "cannot create the key directory: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(conn);
            throw e;
        }
    }

    /** A JDBC URL as shown in messages: scheme, host, port and database, never parameters (passwords). */
    public static String describeUrl(String url) {
        if (url == null) {
            return "postgresql";
        }
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        return base.startsWith("jdbc:") ? base.substring(5) : base;
    }

    private static void closeQuietly(Connection conn) {
        try {
            conn.close();
        } catch (SQLException ignored) {
            // already failing; the original error is what matters
        }
    }

    private LedgerException failure(String what, SQLException e) {
        return new LedgerException(location, what + ": " + e.getMessage(), e);
    }

    private void rollback() {
        tree.invalidate();
        facts.clear();
        try {
            if (!conn.getAutoCommit()) {
                conn.rollback();
                conn.setAutoCommit(true);
            }
        } catch (SQLException e) {
            LOG.warn("rollback failed on {}: {}", location, e.getMessage());
        }
    }

    private void commit() throws SQLException {
        conn.commit();
        conn.setAutoCommit(true);
    }

    private void lockSequencer() throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(" + Schema.SEQUENCER_LOCK + ")");
        }
    }

    private boolean tryLockSequencer() throws SQLException {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_try_advisory_xact_lock(" + Schema.SEQUENCER_LOCK + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    @Override
    public LedgerEntry append(CanonicalRecord record) {
        return appendAll(List.of(record)).get(0);
    }

    /**
     * Stages the records and sees them sequenced: when the sequencer lock is free this transaction stages and
     * sequences at once; otherwise it commits the staged records (so the lock holder can take them) and then
     * waits for the lock, by which time they are usually logged already. Two writers staging the same records
     * in different orders can deadlock on the unique index; PostgreSQL aborts one and it retries.
     */
    @Override
    public synchronized List<LedgerEntry> appendAll(List<CanonicalRecord> records) {
        ensureOpen();
        if (records.isEmpty()) {
            return List.of();
        }
        Map<Digest, CanonicalRecord> mine = new LinkedHashMap<>();
        records.forEach(r -> mine.putIfAbsent(r.id(), r));
        for (int attempt = 1; ; attempt++) {
            try {
                conn.setAutoCommit(false);
                boolean holder = tryLockSequencer();
                stage(mine.values());
                if (!holder) {
                    conn.commit();
                    lockSequencer();
                }
                appended |= sequencer.sequence(mine) > 0;
                commit();
                break;
            } catch (SQLException e) {
                rollback();
                String state = e.getSQLState();
                boolean retryable = "40P01".equals(state) || "40001".equals(state);
                if (!retryable || attempt == MAX_ATTEMPTS) {
                    throw failure("append failed", e);
                }
                LOG.debug("append on {} retried after {}", location, e.getMessage());
            } catch (RuntimeException e) {
                rollback();
                throw e;
            }
        }
        try {
            Map<Digest, Long> indexes = sequencer.indexesOf(mine.keySet());
            List<LedgerEntry> out = new ArrayList<>(records.size());
            for (CanonicalRecord r : records) {
                Long idx = indexes.get(r.id());
                if (idx == null) {
                    throw new LedgerException(location, "record " + r.idHex() + " was staged but not sequenced");
                }
                out.add(new LedgerEntry(idx, r));
            }
            return out;
        } catch (SQLException e) {
            throw failure("cannot read back appended entries", e);
        }
    }

    private void stage(Iterable<CanonicalRecord> records) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "INSERT INTO pending(id, bytes) VALUES (?, ?) ON CONFLICT (id) DO NOTHING")) {
            for (CanonicalRecord r : records) {
                ps.setBytes(1, r.id().bytes());
                ps.setBytes(2, r.bytes());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public synchronized long size() {
        ensureOpen();
        try {
            return sequencer.head();
        } catch (SQLException e) {
            throw failure("cannot read the log size", e);
        }
    }

    @Override
    public synchronized Optional<LedgerEntry> get(long index) {
        ensureOpen();
        LedgerEntry cached = facts.entry(index);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT chk, bytes FROM records WHERE idx = ?")) {
            ps.setLong(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                LedgerEntry e = entry(index, rs.getInt(1), rs.getBytes(2));
                facts.entry(e);
                return Optional.of(e);
            }
        } catch (SQLException e) {
            throw failure("cannot read entry " + index, e);
        }
    }

    /** The entry of a stored row; a row whose position key does not bind its bytes to its index is refused. */
    private LedgerEntry entry(long index, int chk, byte[] bytes) {
        LedgerEntry e = entry(index, bytes);
        StoredSummaries.checkPosition(index, chk, e.record().id(), location);
        return e;
    }

    private LedgerEntry entry(long index, byte[] bytes) {
        return new LedgerEntry(index, CanonicalRecord.ofStoredBytes(bytes, location + " entry " + index));
    }

    /**
     * From a cached parsed entry, else from the row's bytes with a streaming scan (no full parse); the row's position
     * key must match the bytes' hash, so a row edited in the database is refused.
     */
    @Override
    public synchronized EntrySummary summary(long index) {
        ensureOpen();
        LedgerEntry cached = facts.entry(index);
        if (cached != null) {
            return EntrySummary.of(cached);
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT chk, bytes FROM records WHERE idx = ?")) {
            ps.setLong(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new RecordNotFoundException(Long.toString(index), "no entry at this index");
                }
                return StoredSummaries.read(index, rs.getInt(1), rs.getBytes(2), location);
            }
        } catch (SQLException e) {
            throw failure("cannot read entry " + index, e);
        }
    }

    @Override
    public synchronized Optional<LedgerEntry> find(Digest recordId) {
        ensureOpen();
        try {
            for (LedgerEntry e : byKey("idkey", Keys.of(recordId))) {
                if (e.record().id().equals(recordId)) {
                    return Optional.of(e);
                }
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw failure("cannot look up record " + recordId.hex(), e);
        }
    }

    private List<LedgerEntry> byKey(String column, int key) throws SQLException {
        List<LedgerEntry> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT idx, chk, bytes FROM records WHERE " + column + " = ? ORDER BY idx")) {
            ps.setInt(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(entry(rs.getLong(1), rs.getInt(2), rs.getBytes(3)));
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
                    throw new RecordNotFoundException(ref, "no record with this id in " + location);
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
                throw new RecordNotFoundException(ref, "no record of model version " + ref + " in " + location);
            }
            throw new RecordNotFoundException(ref,
                    "not a record id, id prefix (8 to 64 lowercase hex characters) or model@version");
        } catch (SQLException e) {
            throw failure("cannot resolve " + ref, e);
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
            throw failure("cannot look up weights " + weightsDigest.hex(), e);
        }
    }

    /**
     * The DataNet's key is looked up first, so the query names a constant key and the planner walks the
     * {@code (dnkey, idx)} index in order and stops at the limit (joined by name it read and sorted every use of
     * a popular DataNet: 4.6 s instead of milliseconds at 1M records).
     */
    @Override
    public synchronized List<LedgerEntry> usesOf(String dataNetId, long afterIndex, int limit) {
        ensureOpen();
        List<LedgerEntry> out = new ArrayList<>();
        try {
            Integer dnkey = facts.dnkey(conn, dataNetId);
            if (dnkey == null || limit <= 0) {
                return out;
            }
            try (PreparedStatement ps = conn.prepareStatement("SELECT r.idx, r.chk, r.bytes FROM datanet_uses u "
                    + "JOIN records r ON r.idx = u.idx WHERE u.dnkey = ? AND u.idx > ? ORDER BY u.idx LIMIT ?")) {
                ps.setInt(1, dnkey);
                ps.setLong(2, afterIndex);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(entry(rs.getLong(1), rs.getInt(2), rs.getBytes(3)));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("cannot list uses of DataNet " + dataNetId, e);
        }
    }

    /** From the {@code (dnkey, idx)} index alone: no record is read. */
    @Override
    public synchronized long[] useIndexes(String dataNetId, long afterIndex, int limit) {
        ensureOpen();
        try {
            Integer dnkey = facts.dnkey(conn, dataNetId);
            if (dnkey == null || limit <= 0) {
                return new long[0];
            }
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT idx FROM datanet_uses WHERE dnkey = ? AND idx > ? ORDER BY idx LIMIT ?")) {
                ps.setInt(1, dnkey);
                ps.setLong(2, afterIndex);
                ps.setInt(3, limit);
                List<Long> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
                return out.stream().mapToLong(Long::longValue).toArray();
            }
        } catch (SQLException e) {
            throw failure("cannot list uses of DataNet " + dataNetId, e);
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
            throw failure("cannot list fine-tunes of " + recordId.hex(), e);
        }
    }

    /** From the cache of set links, else one query that fetches the whole chain above the entry. */
    @Override
    public synchronized long parentIndex(long index) {
        ensureOpen();
        Long cached = facts.parent(index);
        if (cached != null) {
            return cached;
        }
        try {
            if (!facts.fetchChain(conn, index, null)) {
                throw new RecordNotFoundException(Long.toString(index), "no entry at this index");
            }
            cached = facts.parent(index);
            return cached == null ? -1 : cached;
        } catch (SQLException e) {
            throw failure("cannot read the parent of entry " + index, e);
        }
    }

    /**
     * From the cache, else one query over the chain above the entry answering this DataNet for each entry on it
     * (ownership walks climb that chain next).
     */
    @Override
    public synchronized boolean usesDataNet(long index, String dataNetId) {
        ensureOpen();
        try {
            Integer dnkey = facts.dnkey(conn, dataNetId);
            if (dnkey != null) {
                Boolean cached = facts.uses(index, dnkey);
                if (cached != null) {
                    return cached;
                }
            }
            if (!facts.fetchChain(conn, index, dnkey)) {
                throw new RecordNotFoundException(Long.toString(index), "no entry at this index");
            }
            return dnkey != null && facts.uses(index, dnkey);
        } catch (SQLException e) {
            throw failure("cannot read the DataNets of entry " + index, e);
        }
    }

    @Override
    public synchronized long[] childIndexes(long index) {
        ensureOpen();
        try (PreparedStatement ps = conn.prepareStatement("SELECT c.idx FROM records p "
                + "LEFT JOIN records c ON c.parent_idx = p.idx WHERE p.idx = ? ORDER BY c.idx")) {
            ps.setLong(1, index);
            List<Long> out = new ArrayList<>();
            boolean exists = false;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    exists = true;
                    long child = rs.getLong(1);
                    if (!rs.wasNull()) {
                        out.add(child);
                    }
                }
            }
            if (!exists) {
                throw new RecordNotFoundException(Long.toString(index), "no entry at this index");
            }
            return out.stream().mapToLong(Long::longValue).toArray();
        } catch (SQLException e) {
            throw failure("cannot list fine-tunes of entry " + index, e);
        }
    }

    /** From the model index: parses the entry and later candidates only when a later one has the same key. */
    @Override
    public synchronized boolean superseded(long index) {
        ensureOpen();
        try (PreparedStatement ps = conn.prepareStatement("SELECT later.idx, later.bytes, e.bytes FROM records e "
                + "LEFT JOIN records later ON later.modelkey = e.modelkey AND later.idx > e.idx WHERE e.idx = ?")) {
            ps.setLong(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new RecordNotFoundException(Long.toString(index), "no entry at this index");
                }
                String ref = null;
                do {
                    byte[] later = rs.getBytes(2);
                    if (later == null) {
                        return false;
                    }
                    if (ref == null) {
                        ref = entry(index, rs.getBytes(3)).record().record().model().ref();
                    }
                    if (entry(rs.getLong(1), later).record().record().model().ref().equals(ref)) {
                        return true;
                    }
                } while (rs.next());
                return false;
            }
        } catch (SQLException e) {
            throw failure("cannot check whether entry " + index + " was superseded", e);
        }
    }

    /** Streams {@code [from, to)} from one snapshot, a page of rows at a time. */
    @Override
    public synchronized void scan(long from, long to, Consumer<LedgerEntry> consumer) {
        ensureOpen();
        try {
            beginSnapshot();
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT idx, chk, bytes FROM records WHERE idx >= ? AND idx < ? ORDER BY idx")) {
                ps.setFetchSize(256);
                ps.setLong(1, from);
                ps.setLong(2, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        consumer.accept(entry(rs.getLong(1), rs.getInt(2), rs.getBytes(3)));
                    }
                }
            }
            commit();
        } catch (SQLException e) {
            rollback();
            throw failure("cannot scan entries " + from + ".." + to, e);
        } catch (RuntimeException e) {
            rollback();
            throw e;
        }
    }

    /** A read-only REPEATABLE READ transaction: every statement until commit sees one snapshot. */
    private void beginSnapshot() throws SQLException {
        if (!conn.getAutoCommit()) {
            return; // already inside one (a scan consumer reading back)
        }
        conn.setAutoCommit(false);
        try (Statement st = conn.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
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

    /**
     * Signs a checkpoint under the sequencer lock, so the size and root it signs are the log's at one moment
     * and checkpoints signed by different processes never race past each other.
     */
    @Override
    public synchronized SignedCheckpoint checkpoint() {
        ensureOpen();
        if (signer == null) {
            throw new LedgerException(location, "this ledger was opened without the log signing key, so it cannot "
                    + "sign a checkpoint (give a key directory or LedgerOptions.withSignerKey)");
        }
        try {
            conn.setAutoCommit(false);
            lockSequencer();
            long size = sequencer.head();
            Optional<SignedCheckpoint> latest = latestNote();
            if (latest.isPresent() && latest.get().checkpoint().size() >= size) {
                commit();
                return latest.get();
            }
            SignedCheckpoint signed = SignedCheckpoint.sign(
                    new Checkpoint(origin, size, MerkleTree.root(size, tree), List.of()), signer);
            try (PreparedStatement ps = conn.prepareStatement(
                    "INSERT INTO checkpoints(size, note) VALUES (?, ?) ON CONFLICT (size) DO NOTHING")) {
                ps.setLong(1, size);
                ps.setString(2, signed.note());
                ps.executeUpdate();
            }
            if (latest.isPresent()) {
                pruneSuperseded(latest.get().checkpoint().size());
            }
            commit();
            return signed;
        } catch (SQLException e) {
            rollback();
            throw failure("checkpoint failed", e);
        } catch (RuntimeException e) {
            rollback();
            throw e;
        }
    }

    /** As the embedded store: keep the first checkpoint of each span and the newest. */
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

    private Optional<SignedCheckpoint> latestNote() throws SQLException {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT note FROM checkpoints ORDER BY size DESC LIMIT 1")) {
            return rs.next() ? Optional.of(SignedCheckpoint.verify(rs.getString(1), verifier)) : Optional.empty();
        }
    }

    @Override
    public synchronized Optional<SignedCheckpoint> latestCheckpoint() {
        ensureOpen();
        try {
            return latestNote();
        } catch (SQLException e) {
            throw failure("cannot read the latest checkpoint", e);
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
            throw failure("cannot read checkpoints", e);
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

    /**
     * Core's streaming verifier over one snapshot (records, tiles and checkpoints as they were at one moment,
     * while writers go on appending), plus what only this store has: the head must count exactly the records,
     * and every fine-tune's {@code parent_idx} must name its parent.
     */
    @Override
    public synchronized VerificationReport verify(boolean deep, LongConsumer progress) {
        ensureOpen();
        try {
            beginSnapshot();
            long head = sequencer.head();
            VerificationReport core = new LogVerifier(SqliteSqlTranslation.wrap(conn), location, origin, verifier,
                    signer, deep).run(progress);
            List<String> problems = new ArrayList<>(core.problems());
            OptionalLong firstBad = core.firstBadEntry();
            if (head != core.entries()) {
                problems.add("the log head says " + head + " records but " + core.entries() + " are logged in order");
            }
            long badParent = ParentCheck.firstWrongParent(conn, location, problems);
            if (badParent >= 0 && (firstBad.isEmpty() || badParent < firstBad.getAsLong())) {
                firstBad = OptionalLong.of(badParent);
            }
            commit();
            return new VerificationReport(core.entries(), core.checkpoints(), problems,
                    problems.isEmpty() ? OptionalLong.empty() : firstBad);
        } catch (SQLException e) {
            rollback();
            throw failure("verify failed", e);
        } catch (RuntimeException e) {
            rollback();
            throw e;
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
            closeQuietly(conn);
        }
    }

    @Override
    public String toString() {
        return "Ledger[" + location + ", origin=" + origin + ", key=" + keySource + "]";
    }
}
