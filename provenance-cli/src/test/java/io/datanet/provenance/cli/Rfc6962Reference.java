package io.datanet.provenance.cli;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * A second, deliberately naive RFC 6962 / RFC 9162 implementation on plain byte arrays, sharing no code
 * with core: the tree hash by the RFC's recursive definition and the inclusion-proof verifier by the
 * algorithm of RFC 9162 §2.1.3.2. It is pinned to Go's sumdb answers in
 * {@link ReferenceImplementationsMatchGoVectorsTest}.
 */
final class Rfc6962Reference {
    private Rfc6962Reference() {}

    static byte[] leafHash(byte[] entry) {
        return sha256(new byte[] {0x00}, entry);
    }

    static byte[] nodeHash(byte[] left, byte[] right) {
        return sha256(new byte[] {0x01}, left, right);
    }

    /** MTH(D[n]) of RFC 6962 §2.1: split at the largest power of two smaller than n. */
    static byte[] root(List<byte[]> entries) {
        int n = entries.size();
        if (n == 0) {
            return sha256();
        }
        if (n == 1) {
            return leafHash(entries.get(0));
        }
        int k = Integer.highestOneBit(n - 1);
        return nodeHash(root(entries.subList(0, k)), root(entries.subList(k, n)));
    }

    /** RFC 9162 §2.1.3.2, step by step. */
    static boolean verifyInclusion(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> path, byte[] root) {
        if (leafIndex >= treeSize) {
            return false;
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                md.update(part);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
