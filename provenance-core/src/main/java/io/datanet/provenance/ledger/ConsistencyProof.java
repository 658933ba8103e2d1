package io.datanet.provenance.ledger;

import io.datanet.provenance.Digest;
import java.util.List;
import java.util.Objects;

/**
 * An RFC 9162 §2.1.4 consistency proof: the hashes that show the tree of {@code oldSize} leaves is a
 * prefix of the tree of {@code newSize} leaves, i.e. the log only grew. The path is the RFC 6962 §2.1.2
 * {@code PROOF(oldSize, D[newSize])}, as produced by Go's {@code sumdb/tlog}.
 *
 * <p>The constructor accepts only a path of exactly the length RFC 9162 requires for the two sizes;
 * equal sizes have an empty path.
 *
 * @param oldSize the size of the earlier tree, at least 1
 * @param newSize the size of the later tree, at least {@code oldSize}
 * @param path    the proof hashes (copied; immutable)
 */
public record ConsistencyProof(long oldSize, long newSize, List<Digest> path) {
    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException unless {@code 0 < oldSize <= newSize} and the path has the length
     *                                  RFC 9162 requires for them
     * @throws NullPointerException     if the path or one of its hashes is null
     */
    public ConsistencyProof {
        if (oldSize <= 0 || oldSize > newSize) {
            throw new IllegalArgumentException("a consistency proof needs 0 < old size <= new size, got "
                    + oldSize + " and " + newSize);
        }
        path = List.copyOf(path);
        int expected = pathLength(oldSize, newSize);
        if (path.size() != expected) {
            throw new IllegalArgumentException("a consistency proof from size " + oldSize + " to size "
                    + newSize + " has " + expected + " hashes, not " + path.size());
        }
    }

    /**
     * True when this proof shows that {@code oldRoot}, the root of the tree of {@link #oldSize} leaves,
     * and {@code newRoot}, the root of the tree of {@link #newSize} leaves, belong to the same
     * append-only log (RFC 9162 §2.1.4.2). For equal sizes the roots must be equal.
     */
    public boolean verifies(Digest oldRoot, Digest newRoot) {
        Objects.requireNonNull(oldRoot, "oldRoot");
        Objects.requireNonNull(newRoot, "newRoot");
        if (oldSize == newSize) {
            return oldRoot.equals(newRoot);
        }
        // When the old tree is a complete subtree of the new one its root is the proof's implied first hash.
        boolean oldTreeIsComplete = Long.bitCount(oldSize) == 1;
        Digest seed = oldTreeIsComplete ? oldRoot : path.get(0);
        long fn = oldSize - 1;
        long sn = newSize - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        Digest fr = seed;
        Digest sr = seed;
        for (int i = oldTreeIsComplete ? 0 : 1; i < path.size(); i++) {
            Digest c = path.get(i);
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleHash.node(c, fr);
                sr = MerkleHash.node(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                sr = MerkleHash.node(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return sn == 0 && fr.equals(oldRoot) && sr.equals(newRoot);
    }

    /**
     * The number of hashes RFC 9162 requires between two different sizes: the inclusion path of the
     * old tree's last complete subtree within the new tree, plus that subtree's hash unless it is the
     * whole old tree.
     */
    static int pathLength(long oldSize, long newSize) {
        if (oldSize == newSize) {
            return 0;
        }
        int level = Long.numberOfTrailingZeros(oldSize);
        long index = (oldSize - 1) >>> level;
        long size = ((newSize - 1) >>> level) + 1;
        return (index == 0 ? 0 : 1) + InclusionProof.pathLength(index, size);
    }
}
