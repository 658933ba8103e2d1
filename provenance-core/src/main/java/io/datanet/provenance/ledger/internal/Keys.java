package io.datanet.provenance.ledger.internal;

import io.datanet.provenance.Digest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The 32-bit lookup keys stored beside each record: short, so the indexes stay small. Collisions are resolved by comparing full ids. */
public final class Keys {
    private Keys() {}

    /** The key of a digest: its first four bytes, big-endian. */
    public static int of(Digest d) {
        return ((d.byteAt(0) & 0xff) << 24) | ((d.byteAt(1) & 0xff) << 16) | ((d.byteAt(2) & 0xff) << 8)
                | (d.byteAt(3) & 0xff);
    }

    /** The key of every id starting with these (at least 8) hex characters. */
    public static int ofHexPrefix(String hex8) {
        return (int) Long.parseLong(hex8.substring(0, 8), 16);
    }

    /** The key of a {@code model@version} reference. */
    public static int ofModel(String modelRef) {
        return of(Digest.sha256(modelRef.getBytes(StandardCharsets.UTF_8)));
    }

    /** The key of a DataNet id. */
    public static int ofDataNet(String dataNetId) {
        return of(Digest.sha256(("datanet:" + dataNetId).getBytes(StandardCharsets.UTF_8)));
    }

    /** Binds a record id to its position, so a moved or swapped entry is named by verification. */
    public static int position(long index, Digest id) {
        MessageDigest md = Digest.newSha256();
        for (int i = 0; i < 8; i++) {
            md.update((byte) (index >>> (8 * i)));
        }
        id.updateInto(md);
        return of(Digest.finish(md));
    }
}
