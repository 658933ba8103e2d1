package io.datanet.provenance.ledger.internal;

import io.datanet.provenance.Digest;
import io.datanet.provenance.ledger.ConsistencyProof;
import io.datanet.provenance.ledger.InclusionProof;
import io.datanet.provenance.ledger.MerkleHash;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * RFC 6962 tree hashes and proofs computed from stored complete-subtree hashes. Every method walks the
 * RFC's split (the largest power of two smaller than the range) iteratively, reads O(log n) subtrees
 * and works for any size that fits in a long.
 */
public final class MerkleTree {
    /** A complete subtree of {@code 2^level} leaves starting at leaf {@code index * 2^level}. */
    public record SubtreeId(int level, long index) {}

    private MerkleTree() {}

    /**
     * The root of the tree of the first {@code size} leaves; {@link MerkleHash#empty()} for size 0.
     *
     * @throws IllegalArgumentException if {@code size} is negative
     */
    public static Digest root(long size, SubtreeReader reader) {
        return rangeHash(0, size, reader);
    }

    /**
     * The RFC 6962 hash MTH(D[lo:hi]) of leaves {@code [lo, hi)}, read as its maximal aligned complete
     * subtrees (the binary digits of {@code hi - lo}, largest first) and folded from the right. Such a
     * range is a node of every tree that contains it: {@code lo} must be a multiple of the largest power
     * of two not above {@code hi - lo}. An empty range hashes to {@link MerkleHash#empty()}.
     *
     * @throws IllegalArgumentException if the range is negative, reversed or not aligned that way
     */
    public static Digest rangeHash(long lo, long hi, SubtreeReader reader) {
        if (lo < 0 || hi < lo) {
            throw new IllegalArgumentException("not a range of leaves: [" + lo + ", " + hi + ")");
        }
        if (lo == hi) {
            return MerkleHash.empty();
        }
        long n = hi - lo;
        if (lo % Long.highestOneBit(n) != 0) {
            throw new IllegalArgumentException("leaves [" + lo + ", " + hi + ") are not a subtree: " + lo
                    + " is not a multiple of " + Long.highestOneBit(n));
        }
        Digest hash = null;
        long end = hi;
        for (long rest = n; rest != 0; rest &= rest - 1) {
            long k = Long.lowestOneBit(rest);
            end -= k;
            int level = Long.numberOfTrailingZeros(k);
            Digest subtree = read(reader, level, end >>> level);
            hash = hash == null ? subtree : MerkleHash.node(subtree, hash);
        }
        return hash;
    }

    /**
     * The inclusion proof of leaf {@code index} in the tree of {@code size} leaves (RFC 6962 PATH).
     *
     * @throws IllegalArgumentException if {@code index} is not in {@code [0, size)}
     */
    public static InclusionProof proveInclusion(long index, long size, SubtreeReader reader) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf index " + index + " is not in a tree of size " + size);
        }
        List<Digest> rootFirst = new ArrayList<>();
        long lo = 0;
        long hi = size;
        while (hi - lo > 1) {
            long mid = lo + Long.highestOneBit(hi - lo - 1);
            if (index < mid) {
                rootFirst.add(rangeHash(mid, hi, reader));
                hi = mid;
            } else {
                rootFirst.add(rangeHash(lo, mid, reader));
                lo = mid;
            }
        }
        Collections.reverse(rootFirst);
        return new InclusionProof(index, size, rootFirst);
    }

    /**
     * The consistency proof from the tree of {@code oldSize} leaves to the tree of {@code newSize}
     * leaves (RFC 6962 PROOF); empty when the sizes are equal.
     *
     * @throws IllegalArgumentException unless {@code 0 < oldSize <= newSize}
     */
    public static ConsistencyProof proveConsistency(long oldSize, long newSize, SubtreeReader reader) {
        if (oldSize <= 0 || oldSize > newSize) {
            throw new IllegalArgumentException("a consistency proof needs 0 < old size <= new size, got "
                    + oldSize + " and " + newSize);
        }
        List<Digest> rootFirst = new ArrayList<>();
        long lo = 0;
        long hi = newSize;
        boolean oldTreeIsSubtree = true; // the RFC's flag b: the old tree is [lo, hi) itself, known to the verifier
        while (oldSize < hi) {
            long mid = lo + Long.highestOneBit(hi - lo - 1);
            if (oldSize <= mid) {
                rootFirst.add(rangeHash(mid, hi, reader));
                hi = mid;
            } else {
                rootFirst.add(rangeHash(lo, mid, reader));
                lo = mid;
                oldTreeIsSubtree = false;
            }
        }
        if (!oldTreeIsSubtree) {
            rootFirst.add(rangeHash(lo, hi, reader));
        }
        Collections.reverse(rootFirst);
        return new ConsistencyProof(oldSize, newSize, rootFirst);
    }

    /**
     * The subtrees that become complete when leaf {@code leafIndex} is appended (the tree grows to
     * {@code leafIndex + 1} leaves): the leaf itself at level 0, then one per trailing one bit of
     * {@code leafIndex}, lowest level first, so each can be hashed from two already stored children.
     *
     * @throws IllegalArgumentException if {@code leafIndex} is negative or {@code Long.MAX_VALUE}
     */
    public static List<SubtreeId> completedSubtrees(long leafIndex) {
        if (leafIndex < 0 || leafIndex == Long.MAX_VALUE) {
            throw new IllegalArgumentException("not a leaf index: " + leafIndex);
        }
        long size = leafIndex + 1;
        int levels = Long.numberOfTrailingZeros(size);
        List<SubtreeId> completed = new ArrayList<>(levels + 1);
        for (int level = 0; level <= levels; level++) {
            completed.add(new SubtreeId(level, (size >>> level) - 1));
        }
        return completed;
    }

    private static Digest read(SubtreeReader reader, int level, long index) {
        Digest hash = reader.subtree(level, index);
        if (hash == null) {
            throw new IllegalStateException("no stored hash for the subtree at level " + level + ", index " + index);
        }
        return hash;
    }
}
