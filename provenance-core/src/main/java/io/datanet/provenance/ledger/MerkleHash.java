package io.datanet.provenance.ledger;

import io.datanet.provenance.Digest;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The hashes of an RFC 6962 / RFC 9162 Merkle tree with SHA-256: leaves and interior nodes are
 * domain-separated by a one-byte prefix, so no leaf can be passed off as a node.
 *
 * <p>Thread-safe. Each thread reuses one {@link MessageDigest}, so hashing allocates only the result.
 */
public final class MerkleHash {
    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Digest::newSha256);
    private static final Digest EMPTY = Digest.sha256(new byte[0]);

    private MerkleHash() {}

    /**
     * The leaf hash of a logged entry: SHA-256(0x00 ‖ recordBytes).
     *
     * @throws NullPointerException if {@code recordBytes} is null
     */
    public static Digest leaf(byte[] recordBytes) {
        Objects.requireNonNull(recordBytes, "recordBytes");
        MessageDigest sha256 = SHA256.get();
        sha256.update(LEAF_PREFIX);
        sha256.update(recordBytes);
        return Digest.finish(sha256);
    }

    /**
     * The hash of an interior node: SHA-256(0x01 ‖ left ‖ right).
     *
     * @throws NullPointerException if either child is null
     */
    public static Digest node(Digest left, Digest right) {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        MessageDigest sha256 = SHA256.get();
        sha256.update(NODE_PREFIX);
        left.updateInto(sha256);
        right.updateInto(sha256);
        return Digest.finish(sha256);
    }

    /** The root of the empty tree: SHA-256 of the empty string. */
    public static Digest empty() {
        return EMPTY;
    }
}
