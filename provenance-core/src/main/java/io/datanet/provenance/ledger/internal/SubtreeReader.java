package io.datanet.provenance.ledger.internal;

import io.datanet.provenance.Digest;

/**
 * Reads the hash of a complete subtree of the log, as a ledger store keeps them (one per tile entry).
 * {@link MerkleTree} builds roots and proofs from O(log n) of these reads.
 */
@FunctionalInterface
public interface SubtreeReader {
    /**
     * The RFC 6962 hash of the complete subtree of {@code 2^level} leaves covering leaves
     * {@code [index * 2^level, (index + 1) * 2^level)}; at level 0 that is the leaf hash of entry
     * {@code index}. Callers only ask for subtrees that lie wholly inside the tree they work on.
     */
    Digest subtree(int level, long index);
}
