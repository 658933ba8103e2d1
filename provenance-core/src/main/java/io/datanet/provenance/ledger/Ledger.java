package io.datanet.provenance.ledger;

import io.datanet.provenance.Digest;
import io.datanet.provenance.ledger.internal.SqliteLedger;
import io.datanet.provenance.record.CanonicalRecord;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The provenance ledger: an append-only Merkle log of canonical records (RFC 6962 hashing) with
 * C2SP signed checkpoints, inclusion and consistency proofs, and lookups by id, id prefix and
 * {@code model@version}.
 *
 * <p>{@link #open(Path)} opens the embedded store: a directory holding one SQLite database in WAL mode
 * and the log's Ed25519 signing key (mode 0600, generated on first use). Appends are durable when they
 * return; several processes may append to one ledger at once; a process killed mid-append leaves a
 * ledger that verifies and holds every acknowledged record. Instances are thread-safe.
 */
public interface Ledger extends AutoCloseable {
    /** The ledger directory used when none is given: {@code $PROVENANCE_LEDGER}, else {@code ./.provenance}. */
    static Path defaultDirectory() {
        String env = System.getenv("PROVENANCE_LEDGER");
        return env != null && !env.isBlank() ? Paths.get(env) : Paths.get(".provenance");
    }

    /**
     * Opens (creating if needed) the embedded ledger in {@code directory}.
     *
     * @throws LedgerException naming the directory or file when it cannot be created, read or is not a ledger
     */
    static Ledger open(Path directory) {
        return SqliteLedger.open(directory, LedgerOptions.defaults());
    }

    /** Opens the embedded ledger with options. */
    static Ledger open(Path directory, LedgerOptions options) {
        return SqliteLedger.open(directory, options);
    }

    /**
     * Opens the embedded ledger in {@code directory} only if one is there: for readers and auditors, so a
     * mistyped path is an error rather than a new, empty ledger with a fresh key.
     *
     * @throws LedgerException naming the directory when it holds no ledger or cannot be read
     */
    static Ledger openExisting(Path directory) {
        return SqliteLedger.open(directory, LedgerOptions.defaults().withCheckpointOnClose(false), true);
    }

    /** Opens the ledger in {@link #defaultDirectory()}. */
    static Ledger openDefault() {
        return open(defaultDirectory());
    }

    /**
     * Appends a record; when this returns the record is durable. Appending a record whose exact bytes
     * are already logged returns the existing entry instead of logging it twice.
     */
    LedgerEntry append(CanonicalRecord record);

    /** Appends records in one durable transaction, in order; returns their entries. */
    List<LedgerEntry> appendAll(List<CanonicalRecord> records);

    /**
     * Appends records as {@link #appendAll} does and signs a checkpoint of the grown log, as {@link #checkpoint()}
     * does, in the same durable transaction where the ledger can: one commit instead of two, for a writer that
     * appends and closes (a training run's emission). A ledger opened without its signing key only appends.
     * By default {@link #appendAll} then {@link #checkpoint()}.
     */
    default List<LedgerEntry> appendAllAndCheckpoint(List<CanonicalRecord> records) {
        List<LedgerEntry> entries = appendAll(records);
        checkpoint();
        return entries;
    }

    /** The number of records logged. */
    long size();

    /** The entry at {@code index}. */
    Optional<LedgerEntry> get(long index);

    /** The entry with this record id. */
    Optional<LedgerEntry> find(Digest recordId);

    /**
     * Resolves a reference: a record id, a unique id prefix of at least 8 hex characters, or
     * {@code model@version} (the newest record of that model version).
     *
     * @throws RecordNotFoundException when the reference names no record or is ambiguous
     */
    LedgerEntry resolve(String ref);

    /** The newest entry whose model weights have this digest (used to find a fine-tune's parent). */
    Optional<LedgerEntry> findByWeights(Digest weightsDigest);

    /**
     * Entries whose record trained directly on DataNet {@code dataNetId} (any version), in log order,
     * after index {@code afterIndex} (use -1 for the first page), at most {@code limit} of them.
     */
    List<LedgerEntry> usesOf(String dataNetId, long afterIndex, int limit);

    /**
     * The leaf indexes of {@link #usesOf}: the entries that trained directly on DataNet {@code dataNetId} (any
     * version), in log order, after index {@code afterIndex} (-1 for the first page), at most {@code limit} of
     * them. Stores answer it from their DataNet-use index without reading records; this default goes through
     * {@link #usesOf}.
     */
    default long[] useIndexes(String dataNetId, long afterIndex, int limit) {
        return usesOf(dataNetId, afterIndex, limit).stream().mapToLong(LedgerEntry::index).toArray();
    }

    /** Entries whose model names the record {@code recordId} as its fine-tune parent, in log order. */
    List<LedgerEntry> children(Digest recordId);

    /**
     * The leaf index of the fine-tune parent of entry {@code index}, or -1 when its model has no parent or the
     * parent is not logged here. Lineage walks climb fine-tune chains with it without parsing records; stores
     * answer it from an index (this default parses the entry and looks the parent up).
     *
     * @throws RecordNotFoundException when there is no entry at {@code index}
     */
    default long parentIndex(long index) {
        LedgerEntry entry = get(index).orElseThrow(
                () -> new RecordNotFoundException(Long.toString(index), "no entry at this index"));
        String parent = entry.record().record().model().parent();
        return parent == null ? -1 : find(Digest.parseHex(parent)).map(LedgerEntry::index).orElse(-1L);
    }

    /**
     * Whether the record at {@code index} trained directly on DataNet {@code dataNetId} (any version). Stores
     * answer it from their DataNet-use index; this default parses the entry.
     *
     * @throws RecordNotFoundException when there is no entry at {@code index}
     */
    default boolean usesDataNet(long index, String dataNetId) {
        LedgerEntry entry = get(index).orElseThrow(
                () -> new RecordNotFoundException(Long.toString(index), "no entry at this index"));
        return entry.record().record().datanets().stream().anyMatch(use -> use.id().equals(dataNetId));
    }

    /**
     * The leaf indexes of the entries whose model names entry {@code index} as its fine-tune parent, in log
     * order. Stores answer it from an index without parsing; this default goes through {@link #children}.
     *
     * @throws RecordNotFoundException when there is no entry at {@code index}
     */
    default long[] childIndexes(long index) {
        LedgerEntry entry = get(index).orElseThrow(
                () -> new RecordNotFoundException(Long.toString(index), "no entry at this index"));
        return children(entry.record().id()).stream().mapToLong(LedgerEntry::index).toArray();
    }

    /**
     * Whether an entry logged after entry {@code index} names the same {@code model@version} (the model version
     * was re-trained, and {@code model@version} now resolves to the newer record). Stores answer it from their
     * model index, parsing nothing when no later candidate exists; this default parses the entry and resolves
     * its reference.
     *
     * @throws RecordNotFoundException when there is no entry at {@code index}
     */
    default boolean superseded(long index) {
        LedgerEntry entry = get(index).orElseThrow(
                () -> new RecordNotFoundException(Long.toString(index), "no entry at this index"));
        return resolve(entry.record().record().model().ref()).index() != index;
    }

    /**
     * The summary of entry {@code index}: its record id, {@code model@version} and the DataNet versions it trained on
     * directly, equal to {@link EntrySummary#of} of {@link #get}. Lineage queries read it for every answer they
     * return; stores answer it from the stored bytes with a streaming scan instead of a full parse, after checking the
     * row's position key against the SHA-256 of its bytes (a row edited in the database is refused, not
     * summarised). This default parses the entry.
     *
     * @throws RecordNotFoundException when there is no entry at {@code index}
     * @throws io.datanet.provenance.ProvenanceException when the stored entry is not a valid, unaltered record
     */
    default EntrySummary summary(long index) {
        return EntrySummary.of(get(index).orElseThrow(
                () -> new RecordNotFoundException(Long.toString(index), "no entry at this index")));
    }

    /** Streams entries in {@code [from, to)} in log order. */
    void scan(long from, long to, Consumer<LedgerEntry> consumer);

    /** The RFC 6962 root over the first {@code size} records. */
    Digest root(long size);

    /**
     * Signs a checkpoint of the current tree if the newest stored checkpoint is older, stores it and
     * returns the newest. The ledger keeps the newest checkpoint and the first one of every 1,024 records;
     * the ones in between are superseded by a newer checkpoint that provably extends them, and removed.
     */
    SignedCheckpoint checkpoint();

    /** The newest stored checkpoint, if any was signed. */
    Optional<SignedCheckpoint> latestCheckpoint();

    /** Every stored checkpoint, oldest first. */
    List<SignedCheckpoint> checkpoints();

    /** The log's verifier key in note format ({@code name+keyhash+base64}). */
    String verifierKey();

    /** The log's origin (the checkpoint's first line and the key name). */
    String origin();

    /** An inclusion proof of entry {@code index} in the tree of {@code treeSize} records. */
    InclusionProof proveInclusion(long index, long treeSize);

    /** A consistency proof between two tree sizes. */
    ConsistencyProof proveConsistency(long oldSize, long newSize);

    /**
     * Recomputes every record hash, the tree, the stored tree hashes, every checkpoint's signature and
     * root, and checks the log is neither truncated nor reordered. Memory use does not grow with the
     * ledger.
     *
     * @param progress receives the number of entries checked so far (may be called often)
     */
    default VerificationReport verify(LongConsumer progress) {
        return verify(false, progress);
    }

    /**
     * As {@link #verify(LongConsumer)}; with {@code deep}, also parses every record and checks it is a valid
     * v1 record in canonical form (slower: a JSON parse per record; the hashes alone already detect any
     * change to a logged record).
     */
    VerificationReport verify(boolean deep, LongConsumer progress);

    /** Releases the store. */
    @Override
    void close();
}
