package io.datanet.provenance;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A SHA-256 value: a record id, a Merkle tree hash, a DataNet version or a model digest.
 *
 * <p>The text form is {@code sha256:} followed by 64 lowercase hex characters ({@link #toString()});
 * {@link #hex()} gives the bare hex used for record ids. Instances are immutable; {@link #bytes()}
 * returns a copy.
 */
public final class Digest implements Comparable<Digest> {
    /** The prefix of a digest's text form. */
    public static final String PREFIX = "sha256:";
    /** The length of a SHA-256 value in bytes. */
    public static final int LENGTH = 32;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] value;

    private Digest(byte[] value) {
        this.value = value;
    }

    /**
     * Wraps a 32-byte SHA-256 value (the array is copied).
     *
     * @throws IllegalArgumentException if the array is not 32 bytes long
     */
    public static Digest of(byte[] value) {
        if (value == null || value.length != LENGTH) {
            throw new IllegalArgumentException("a SHA-256 digest must be 32 bytes, got "
                    + (value == null ? "null" : value.length));
        }
        return new Digest(value.clone());
    }

    /** SHA-256 of the given bytes. */
    public static Digest sha256(byte[] data) {
        return new Digest(newSha256().digest(data));
    }

    /** SHA-256 of the remaining bytes of a buffer (the buffer's position is advanced to its limit). */
    public static Digest sha256(ByteBuffer data) {
        MessageDigest md = newSha256();
        md.update(data);
        return new Digest(md.digest());
    }

    /** Finishes a {@link MessageDigest} for SHA-256 into a digest. */
    public static Digest finish(MessageDigest sha256) {
        return new Digest(sha256.digest());
    }

    /** A new SHA-256 {@link MessageDigest}; every JDK has one. */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * Parses {@code sha256:<64 lowercase hex>}.
     *
     * @throws IllegalArgumentException naming the text when it is not of that form
     */
    public static Digest parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a digest (expected sha256:<64 lowercase hex>): " + text);
        }
        return parseHex(text.substring(PREFIX.length()));
    }

    /**
     * Parses 64 lowercase hex characters.
     *
     * @throws IllegalArgumentException naming the text when it is not of that form
     */
    public static Digest parseHex(String hex) {
        if (hex == null || hex.length() != 2 * LENGTH || !isLowerHex(hex)) {
            throw new IllegalArgumentException("not 64 lowercase hex characters: " + hex);
        }
        return new Digest(HEX.parseHex(hex));
    }

    /** True when every character is 0-9 or a-f. */
    public static boolean isLowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** A copy of the 32 bytes. */
    public byte[] bytes() {
        return value.clone();
    }

    /** Writes the 32 bytes into a digest being computed, without copying. */
    public void updateInto(MessageDigest md) {
        md.update(value);
    }

    /** Copies the 32 bytes into {@code dst} at {@code offset}. */
    public void copyTo(byte[] dst, int offset) {
        System.arraycopy(value, 0, dst, offset, LENGTH);
    }

    /** The byte at {@code i}. */
    public byte byteAt(int i) {
        return value[i];
    }

    /** 64 lowercase hex characters, the form used for record ids. */
    public String hex() {
        return HEX.formatHex(value);
    }

    /** The standard base64 of the 32 bytes, as in C2SP checkpoints and proofs. */
    public String base64() {
        return java.util.Base64.getEncoder().encodeToString(value);
    }

    /** {@code sha256:} followed by 64 lowercase hex characters. */
    @Override
    public String toString() {
        return PREFIX + hex();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Digest d && MessageDigest.isEqual(value, d.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public int compareTo(Digest o) {
        return Arrays.compareUnsigned(value, o.value);
    }
}
