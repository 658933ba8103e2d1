package io.datanet.provenance.ledger.internal;

import io.datanet.provenance.Digest;
import io.datanet.provenance.InvalidInputException;
import io.datanet.provenance.ProvenanceException;
import io.datanet.provenance.ledger.MerkleHash;
import io.datanet.provenance.ledger.NoteSigner;
import io.datanet.provenance.ledger.NoteVerifier;
import io.datanet.provenance.ledger.SignedCheckpoint;
import io.datanet.provenance.ledger.VerificationReport;
import io.datanet.provenance.record.CanonicalRecord;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * Full verification of an embedded ledger in one streaming pass: memory stays constant whatever the
 * ledger's size (a frontier of at most 64 subtree hashes, one tile per tree level and a bounded window of
 * records being hashed ahead on one worker thread per core; see {@link HashedEntries}).
 *
 * <p>Checks, naming the first entry at fault: every index is present in order; every record's bytes
 * still hash to the id recorded at append (an edit), and sit at the position they were appended at (a
 * swap or replacement); every stored tree tile equals the tree recomputed from the records; every
 * checkpoint is signed by the log's key, and its root equals the root recomputed over the records it
 * covers (which also proves successive checkpoints consistent); no checkpoint covers more records than
 * the log holds (truncation). In deep mode, also that every record is a valid v1 record in canonical
 * form. With a {@link DerivedData} check (the embedded store passes one), also that every lookup column and
 * index row the store answers queries from without reading the records equals what the records give.
 */
public final class LogVerifier {
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Digest::newSha256);
    private final Connection conn;
    private final String location;
    private final String origin;
    private final NoteVerifier verifier;
    private final NoteSigner keyFile;
    private final boolean deep;
    private final DerivedData derived; // null: the store's derived data is not checked here
    private final List<String> problems = new ArrayList<>();
    private long firstBad = -1; // the first entry a problem names exactly
    private long firstInBadRange = -1; // the first entry of a span known bad only as a whole (tile, checkpoint root)

    /**
     * A verifier over {@code conn}, whose {@code records}, {@code tiles} and {@code checkpoints} tables have the
     * embedded store's columns (the PostgreSQL store shares them); {@code keyFile} is the signing key if at
     * hand (checked to name this log), else null. Reads in whatever transaction {@code conn} is in.
     */
    public LogVerifier(Connection conn, String location, String origin, NoteVerifier verifier, NoteSigner keyFile,
                boolean deep) {
        this(conn, location, origin, verifier, keyFile, deep, null);
    }

    /** As the public constructor; {@code derived} checks the store's lookup data in the same pass. */
    LogVerifier(Connection conn, String location, String origin, NoteVerifier verifier, NoteSigner keyFile,
                boolean deep, DerivedData derived) {
        this.derived = derived;
        this.deep = deep;
        this.conn = conn;
        this.location = location;
        this.origin = origin;
        this.verifier = verifier;
        this.keyFile = keyFile;
    }

    private void problem(long entry, String text) {
        problems.add(text);
        if (entry >= 0 && (firstBad < 0 || entry < firstBad)) {
            firstBad = entry;
        }
    }

    /**
     * A problem with a span of entries that does not say which one is at fault; it names the first bad
     * entry only when no problem names an entry exactly (a stored tile over 0..15 differs because entry 3
     * was edited: entry 3 is at fault, not entry 0).
     */
    private void rangeProblem(long firstEntry, String text) {
        problems.add(text);
        if (firstInBadRange < 0 || firstEntry < firstInBadRange) {
            firstInBadRange = firstEntry;
        }
    }

    /** Runs the checks in one pass over the records; see the class comment. */
    public VerificationReport run(LongConsumer progress) throws SQLException {
        try {
            return pass(progress);
        } finally {
            if (derived != null) {
                derived.close();
            }
        }
    }

    private VerificationReport pass(LongConsumer progress) throws SQLException {
        if (keyFile != null && !keyFile.name().equals(origin)) {
            problem(-1, "the signing key file names log " + keyFile.name() + " but the ledger is " + origin);
        }
        TreeMap<Long, Digest> expectedRoots = new TreeMap<>();
        long checkpoints = 0;
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT size, note FROM checkpoints ORDER BY size")) {
            while (rs.next()) {
                checkpoints++;
                long size = rs.getLong(1);
                try {
                    SignedCheckpoint cp = SignedCheckpoint.verify(rs.getString(2), verifier);
                    if (cp.checkpoint().size() != size || !cp.checkpoint().origin().equals(origin)) {
                        problem(-1, "checkpoint at size " + size + ": its note is for " + cp.checkpoint().origin()
                                + " size " + cp.checkpoint().size());
                    } else {
                        expectedRoots.put(size, cp.checkpoint().root());
                    }
                } catch (ProvenanceException e) {
                    problem(-1, "checkpoint at size " + size + ": not validly signed by the log key "
                            + "(forged or replaced): " + e.getMessage());
                }
            }
        }

        Frontier frontier = new Frontier();
        TileCheck tiles = new TileCheck();
        long count = 0;
        DerivedData.Problems sink = new DerivedData.Problems() {
            @Override
            public void entry(long idx, String text) {
                problem(idx, text);
            }

            @Override
            public void other(String text) {
                problem(-1, text);
            }
        };
        try (PreparedStatement ps = conn.prepareStatement("SELECT idx, idkey, chk, bytes"
                + (derived == null ? "" : derived.columns()) + " FROM records ORDER BY idx")) {
            ps.setFetchSize(256);
            try (ResultSet rs = ps.executeQuery();
                 HashedEntries entries = new HashedEntries(rs, derived == null ? null : r -> derived.read(r, 5),
                         this::work)) {
                for (List<HashedEntries.Entry> batch; !(batch = entries.next(HashedEntries.BATCH)).isEmpty(); ) {
                    for (HashedEntries.Entry e : batch) {
                        Digest id = checkEntry(e);
                        if (derived != null && id != null) {
                            derived.check(e.idx, id, e.row, e.prepared, sink);
                        } else if (derived != null) {
                            derived.unchecked(e.idx, e.id);
                        }
                        frontier.add(e.leaf);
                        tiles.leaf(e.idx, e.leaf);
                        count++;
                        Digest expected = expectedRoots.get(count);
                        if (expected != null && !expected.equals(frontier.root())) {
                            rangeProblem(count - 1, "checkpoint at size " + count + ": its root does not match the "
                                    + "logged records (an entry before " + count + " was altered, reordered or replaced)");
                        }
                        if ((count & 4095) == 0) {
                            progress.accept(count);
                        }
                    }
                }
                if (entries.missingAt() >= 0) {
                    problem(count, "entry " + count + " is missing (deleted from the log)");
                }
            }
        }
        progress.accept(count);
        Long beyond = expectedRoots.ceilingKey(count + 1);
        if (beyond != null) {
            problem(count, "the log is truncated: checkpoint at size " + expectedRoots.lastKey()
                    + " covers records the log no longer holds (it holds " + count + ")");
        }
        if (derived != null) {
            derived.finish(count, sink);
        }
        if (count == 0 && expectedRoots.isEmpty() && checkpoints == 0) {
            return new VerificationReport(0, 0, problems, OptionalLong.empty());
        }
        long first = firstBad >= 0 ? firstBad : firstInBadRange;
        return new VerificationReport(count, checkpoints, problems,
                first < 0 ? OptionalLong.empty() : OptionalLong.of(first));
    }

    /**
     * A worker's part of checking one entry, from its bytes alone: its id, position key, leaf hash, in deep mode its
     * parse, and what the derived-data check needs; the latter two only for an entry whose bytes are intact.
     */
    private void work(HashedEntries.Entry e) {
        e.bytes = RecordCodec.decodeOrStored(e.bytes); // a row that does not decode fails the id check below
        MessageDigest sha256 = SHA256.get();
        sha256.update(e.bytes);
        e.id = Digest.finish(sha256);
        e.leaf = MerkleHash.leaf(e.bytes);
        if (Keys.of(e.id) != e.idkey) {
            return;
        }
        e.positionOk = Keys.position(e.idx, e.id) == e.chk;
        if (!e.positionOk) {
            return;
        }
        if (deep) {
            try {
                if (!CanonicalRecord.ofStoredBytes(e.bytes, "entry " + e.idx).isCanonical()) {
                    e.deepProblem = "entry " + e.idx + ": bytes are not the canonical form of its record";
                }
            } catch (InvalidInputException ex) {
                e.deepProblem = "entry " + e.idx + ": not a valid v1 record: " + ex.getMessage();
            }
        }
        if (derived != null) {
            e.prepared = derived.prepare(e.bytes);
        }
    }

    /** Checks one entry; returns its id when its bytes and position are intact, else null. */
    private Digest checkEntry(HashedEntries.Entry e) {
        if (e.failure != null) {
            throw e.failure;
        }
        long idx = e.idx;
        if (Keys.of(e.id) != e.idkey) {
            problem(idx, "entry " + idx + ": record bytes were altered (they no longer hash to the id recorded "
                    + "when it was appended)");
            return null;
        }
        if (!e.positionOk) {
            problem(idx, "entry " + idx + " (" + e.id.hex().substring(0, 12) + "): not at the position it was "
                    + "appended at (entries reordered or replaced)");
            return null;
        }
        if (e.deepProblem != null) {
            problem(idx, e.deepProblem);
        }
        return e.id;
    }

    /** The right edge of the tree: complete subtrees of decreasing size, enough to give any prefix's root. */
    private static final class Frontier {
        private final Digest[] byLevel = new Digest[64];
        private long size;

        void add(Digest leaf) {
            Digest h = leaf;
            int level = 0;
            while (((size >>> level) & 1) == 1) {
                h = MerkleHash.node(byLevel[level], h);
                byLevel[level] = null;
                level++;
            }
            byLevel[level] = h;
            size++;
        }

        Digest root() {
            Digest h = null;
            for (int level = 0; level < 64; level++) {
                if (((size >>> level) & 1) == 1) {
                    h = h == null ? byLevel[level] : MerkleHash.node(byLevel[level], h);
                }
            }
            return h == null ? MerkleHash.empty() : h;
        }
    }

    /** Recomputes the stored tiles as the records stream by and compares each completed hash. */
    private final class TileCheck {
        private final List<List<Digest>> pending = new ArrayList<>();
        private final TreeStore store = new TreeStore(conn, location);
        // the one stored tile per level being compared (its 16 slots complete one after another): read once each,
        // without the store's LRU caches, which a pass over every tile would only fill (8 MB more at 10M records)
        private final List<Digest[]> tiles = new ArrayList<>();
        private final List<Long> tileNumbers = new ArrayList<>();

        void leaf(long idx, Digest leaf) {
            push(0, idx, leaf);
        }

        private void push(int t, long index, Digest hash) {
            while (pending.size() <= t) {
                pending.add(new ArrayList<>(TreeStore.WIDTH));
            }
            List<Digest> group = pending.get(t);
            group.add(hash);
            if (group.size() < TreeStore.WIDTH) {
                return;
            }
            Digest up = TreeStore.combine(group.toArray(new Digest[0]), 0, TreeStore.WIDTH);
            group.clear();
            long upIndex = index >>> TreeStore.HEIGHT;
            Digest[] stored = storedTile(t + 1, upIndex >>> TreeStore.HEIGHT);
            int slot = (int) (upIndex & (TreeStore.WIDTH - 1));
            if (slot >= stored.length || !stored[slot].equals(up)) {
                long firstLeaf = upIndex << (TreeStore.HEIGHT * (t + 1));
                long lastLeaf = ((upIndex + 1) << (TreeStore.HEIGHT * (t + 1))) - 1;
                rangeProblem(firstLeaf, "stored tree hashes for entries " + firstLeaf + ".." + lastLeaf
                        + " differ from the tree recomputed from the records");
            }
            push(t + 1, upIndex, up);
        }

        private Digest[] storedTile(int t, long n) {
            while (tiles.size() <= t) {
                tiles.add(null);
                tileNumbers.add(-1L);
            }
            if (tileNumbers.get(t) != n) {
                tiles.set(t, store.storedTile(t, n));
                tileNumbers.set(t, n);
            }
            return tiles.get(t);
        }
    }
}
