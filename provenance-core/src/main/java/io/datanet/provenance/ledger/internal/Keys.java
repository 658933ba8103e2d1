package io.datanet.provenance.ledger.internal;

import io.datanet.provenance.Digest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The 32-bit lookup keys stored beside each record: short, so the indexes stay small. Collisions are resolved by
 * comparing full ids. One SHA-256 instance per thread is reused for the derived keys (getting a new one costs
 * about as much as hashing a short string).
 */
public final class Keys {
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Digest::newSha256);

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

    /** The key of a digest in text form ({@code sha256:<hex>}); equals {@link #of} of the parsed digest. */
    public static int ofDigestText(String digest) {
        return ofHexPrefix(digest.substring(Digest.PREFIX.length()));
    }

    /** The key of a {@code model@version} reference. */
    public static int ofModel(String modelRef) {
        return first4(sha256(modelRef.getBytes(StandardCharsets.UTF_8)));
    }

    /** The key of a DataNet id (the PostgreSQL store's; the embedded store numbers DataNets exactly instead). */
    public static int ofDataNet(String dataNetId) {
        return first4(sha256(("datanet:" + dataNetId).getBytes(StandardCharsets.UTF_8)));
    }

    /** Binds a record id to its position, so a moved or swapped entry is named by verification. */
    public static int position(long index, Digest id) {
        MessageDigest md = SHA256.get();
        md.reset();
        for (int i = 0; i < 8; i++) {
            md.update((byte) (index >>> (8 * i)));
        }
        id.updateInto(md);
        return first4(md.digest());
    }

    private static byte[] sha256(byte[] data) {
        MessageDigest md = SHA256.get();
        md.reset();
        return md.digest(data);
    }

    private static int first4(byte[] h) {
        return ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
    }
}
