package io.datanet.provenance.datanet;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datanet.provenance.Digest;
import io.datanet.provenance.canonical.CanonicalJson;
import io.datanet.provenance.ledger.MerkleHash;
import java.util.List;

/**
 * Computes a DataNet version under {@link HashingParameters#V1}: the RFC 6962 Merkle root over one leaf
 * per file, files in UTF-8 path order, each leaf the RFC 8785 bytes of
 * {@code {"contributor":..,"path":..,"sha256":..,"size":..}}.
 */
final class VersionTree {
    private VersionTree() {}

    /** The canonical leaf bytes of one file. */
    static byte[] leaf(DataNetFile file) {
        ObjectNode leaf = JsonNodeFactory.instance.objectNode();
        leaf.put("contributor", file.contributor());
        leaf.put("path", file.path());
        leaf.put("sha256", file.sha256().toString());
        leaf.put("size", file.size());
        return CanonicalJson.canonicalize(leaf, "leaf of " + file.path());
    }

    /**
     * The root over {@code files}, which must already be in UTF-8 path order and not empty.
     *
     * @throws IllegalArgumentException if {@code files} is empty
     */
    static Digest root(List<DataNetFile> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("an empty DataNet has no version");
        }
        Digest[] hashes = new Digest[files.size()];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = MerkleHash.leaf(leaf(files.get(i)));
        }
        return subtree(hashes, 0, hashes.length);
    }

    // RFC 6962 MTH(D[lo:hi]): split at the largest power of two smaller than the size. The ledger's
    // MerkleTree works from stored subtree hashes; here every leaf is in memory, so the recursion
    // (depth log2 n) is the plainest correct form.
    private static Digest subtree(Digest[] leaves, int lo, int hi) {
        int n = hi - lo;
        if (n == 1) {
            return leaves[lo];
        }
        int k = Integer.highestOneBit(n - 1);
        return MerkleHash.node(subtree(leaves, lo, lo + k), subtree(leaves, lo + k, hi));
    }
}
