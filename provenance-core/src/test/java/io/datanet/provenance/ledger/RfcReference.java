package io.datanet.provenance.ledger;

import io.datanet.provenance.Digest;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6962 §2.1 transcribed literally, recursion and all: MTH, PATH and PROOF over a list of leaf
 * hashes. Slow but obviously right; the reference our iterative prover is held to.
 */
final class RfcReference {
    private RfcReference() {}

    /** MTH(D[lo:hi]). */
    static Digest mth(List<Digest> leaves, int lo, int hi) {
        int n = hi - lo;
        if (n == 0) {
            return MerkleHash.empty();
        }
        if (n == 1) {
            return leaves.get(lo);
        }
        int k = largestPowerOfTwoBelow(n);
        return MerkleHash.node(mth(leaves, lo, lo + k), mth(leaves, lo + k, hi));
    }

    /** PATH(m, D[lo:hi]), with m relative to lo. */
    static List<Digest> path(int m, List<Digest> leaves, int lo, int hi) {
        int n = hi - lo;
        if (n == 1) {
            return new ArrayList<>();
        }
        int k = largestPowerOfTwoBelow(n);
        List<Digest> path;
        if (m < k) {
            path = path(m, leaves, lo, lo + k);
            path.add(mth(leaves, lo + k, hi));
        } else {
            path = path(m - k, leaves, lo + k, hi);
            path.add(mth(leaves, lo, lo + k));
        }
        return path;
    }

    /** PROOF(m, D[0:n]). */
    static List<Digest> proof(int m, List<Digest> leaves, int n) {
        return subproof(m, leaves, 0, n, true);
    }

    private static List<Digest> subproof(int m, List<Digest> leaves, int lo, int hi, boolean b) {
        int n = hi - lo;
        if (m == n) {
            List<Digest> proof = new ArrayList<>();
            if (!b) {
                proof.add(mth(leaves, lo, hi));
            }
            return proof;
        }
        int k = largestPowerOfTwoBelow(n);
        List<Digest> proof;
        if (m <= k) {
            proof = subproof(m, leaves, lo, lo + k, b);
            proof.add(mth(leaves, lo + k, hi));
        } else {
            proof = subproof(m - k, leaves, lo + k, hi, false);
            proof.add(mth(leaves, lo, lo + k));
        }
        return proof;
    }

    private static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }
}
