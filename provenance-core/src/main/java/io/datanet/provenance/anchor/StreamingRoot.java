package io.datanet.provenance.anchor;

import io.datanet.provenance.Digest;
import io.datanet.provenance.ledger.MerkleHash;

/**
 * The RFC 6962 root of a growing list of leaves in constant memory: the right edge of the tree, at most
 * one complete subtree hash per level.
 */
final class StreamingRoot {
    private final Digest[] byLevel = new Digest[64];
    private long size;

    /** Adds the next record's bytes as a leaf. */
    void add(byte[] recordBytes) {
        Digest h = MerkleHash.leaf(recordBytes);
        int level = 0;
        while (((size >>> level) & 1) == 1) {
            h = MerkleHash.node(byLevel[level], h);
            byLevel[level] = null;
            level++;
        }
        byLevel[level] = h;
        size++;
    }

    /** The root of the leaves added so far. */
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
