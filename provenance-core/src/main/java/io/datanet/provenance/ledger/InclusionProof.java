package io.datanet.provenance.ledger;

import io.datanet.provenance.Digest;
import java.util.List;
import java.util.Objects;

/**
 * An RFC 9162 §2.1.3 inclusion proof: the audit path that links the leaf at {@code index} to the root
 * of the tree of {@code treeSize} leaves. The path runs from the leaf's sibling up to the root's child
 * (RFC 6962 §2.1.1), the order used by C2SP tlog-proof files and Go's {@code sumdb/tlog}.
 *
 * <p>The constructor accepts only a path of exactly the length RFC 9162 requires for
 * {@code (index, treeSize)}, so a verifying proof is never truncated or padded.
 *
 * @param index    the zero-based index of the leaf
 * @param treeSize the number of leaves in the tree whose root the proof leads to
 * @param path     the sibling hashes, leaf level first (copied; immutable)
 */
public record InclusionProof(long index, long treeSize, List<Digest> path) {
    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if {@code index} is not in {@code [0, treeSize)} or the path has
     *                                  the wrong length for them
     * @throws NullPointerException     if the path or one of its hashes is null
     */
    public InclusionProof {
        if (index < 0 || index >= treeSize) {
            throw new IllegalArgumentException("leaf index " + index + " is not in a tree of size " + treeSize);
        }
        path = List.copyOf(path);
        int expected = pathLength(index, treeSize);
        if (path.size() != expected) {
            throw new IllegalArgumentException("an inclusion proof of leaf " + index + " in a tree of size "
                    + treeSize + " has " + expected + " hashes, not " + path.size());
        }
    }

    /**
     * The root that this proof leads to from {@code leafHash} (RFC 9162 §2.1.3.2). The proof verifies
     * when this equals the tree's root.
     */
    public Digest rootFrom(Digest leafHash) {
        Objects.requireNonNull(leafHash, "leafHash");
        long fn = index;
        long sn = treeSize - 1;
        Digest r = leafHash;
        for (Digest p : path) {
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleHash.node(p, r);
                // Skip the levels where this node is a right edge with no sibling.
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = MerkleHash.node(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return r;
    }

    /** True when this proof shows that the leaf with {@code leafHash} is at {@link #index} under {@code root}. */
    public boolean verifies(Digest leafHash, Digest root) {
        Objects.requireNonNull(root, "root");
        return rootFrom(leafHash).equals(root);
    }

    /**
     * The number of hashes RFC 9162 requires in the inclusion proof of {@code index} in a tree of
     * {@code treeSize}: the levels below the point where the leaf's path leaves the right edge of the
     * tree, plus one for each complete left subtree above it.
     */
    static int pathLength(long index, long treeSize) {
        int inner = 64 - Long.numberOfLeadingZeros(index ^ (treeSize - 1));
        return inner + Long.bitCount(index >>> inner);
    }
}
