package io.datanet.provenance.ledger;

import io.datanet.provenance.Digest;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ed25519 keys as Go's {@code sumdb/note} writes them ({@code name+keyhash+base64(0x01 ‖ key)}), on the
 * JDK's own Ed25519 implementation. Keys are 32 bytes: the RFC 8032 seed (private) or encoded point
 * (public).
 */
final class NoteKeys {
    /** The signed-note signature type of Ed25519. */
    static final byte ALG_ED25519 = 0x01;
    static final int KEY_LENGTH = 32;
    static final int SIGNATURE_LENGTH = 64;
    private static final String ED25519 = "Ed25519";

    /** The parts of a key string after any {@code PRIVATE+KEY+} prefix. */
    record Parts(String name, int keyHash, byte[] key) {}

    private NoteKeys() {}

    /**
     * Splits {@code name+hash8+base64(0x01‖key)} into its parts. Messages never quote the text, which
     * may be a secret.
     *
     * @throws NoteKeyFormatException naming what is wrong
     */
    static Parts split(String text, String what) {
        String[] parts = text.split("\\+", 3);
        if (parts.length != 3) {
            throw new NoteKeyFormatException(what, "expected name+keyhash+key");
        }
        String name = parts[0];
        if (!TextFormat.isValidKeyName(name)) {
            throw new NoteKeyFormatException(what, "the key name must be non-empty, without spaces or '+'");
        }
        if (!parts[1].matches("[0-9a-fA-F]{8}")) {
            throw new NoteKeyFormatException(what, "the key hash of '" + name + "' must be 8 hex digits");
        }
        byte[] key = TextFormat.decodeBase64(parts[2]);
        if (key == null || key.length == 0 || key[0] != ALG_ED25519 || key.length != 1 + KEY_LENGTH) {
            throw new NoteKeyFormatException(what, "the key of '" + name
                    + "' must be the base64 of 0x01 (Ed25519) followed by 32 bytes");
        }
        byte[] raw = new byte[KEY_LENGTH];
        System.arraycopy(key, 1, raw, 0, KEY_LENGTH);
        return new Parts(name, (int) Long.parseLong(parts[1], 16), raw);
    }

    /** {@code name+hash8+base64(0x01‖key)}, the inverse of {@link #split}. */
    static String join(String name, int keyHash, byte[] key) {
        byte[] typed = new byte[1 + KEY_LENGTH];
        typed[0] = ALG_ED25519;
        System.arraycopy(key, 0, typed, 1, KEY_LENGTH);
        return id(name, keyHash) + "+" + TextFormat.base64(typed);
    }

    /** {@code name+hash8}, how messages and {@code toString} name a key. */
    static String id(String name, int keyHash) {
        return name + "+" + String.format("%08x", keyHash);
    }

    /** The key id: the first 4 bytes, big-endian, of SHA-256(name ‖ '\n' ‖ 0x01 ‖ publicKey). */
    static int keyHash(String name, byte[] publicKey) {
        MessageDigest sha256 = Digest.newSha256();
        sha256.update(name.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) '\n');
        sha256.update(ALG_ED25519);
        sha256.update(publicKey);
        return ByteBuffer.wrap(sha256.digest()).getInt();
    }

    static PrivateKey privateKey(byte[] seed) {
        try {
            return KeyFactory.getInstance(ED25519)
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot load an Ed25519 private key", e);
        }
    }

    /**
     * The RFC 8032 public key of a seed. The JDK cannot derive it directly, so its key pair generator is
     * fed the seed as its only "random" bytes.
     */
    static byte[] publicKey(byte[] seed) {
        String memoKey = memoKey(seed);
        byte[] known = recall(memoKey);
        if (known != null) {
            return known;
        }
        byte[] derived = derivePublicKey(seed);
        remember(memoKey, derived);
        return derived.clone();
    }

    private static byte[] derivePublicKey(byte[] seed) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ED25519);
            generator.initialize(NamedParameterSpec.ED25519, new FixedSeed(seed));
            EdECPoint point = ((EdECPublicKey) generator.generateKeyPair().getPublic()).getPoint();
            byte[] bigEndianY = point.getY().toByteArray();
            byte[] encoded = new byte[KEY_LENGTH];
            for (int i = 0; i < KEY_LENGTH && i < bigEndianY.length; i++) {
                encoded[i] = bigEndianY[bigEndianY.length - 1 - i];
            }
            if (point.isXOdd()) {
                encoded[KEY_LENGTH - 1] |= (byte) 0x80;
            }
            return encoded;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot derive an Ed25519 public key", e);
        }
    }

    /**
     * Loads an RFC 8032 encoded public key: y little-endian, the top bit the sign of x.
     *
     * @return the key, or {@code null} when the JDK refuses the encoding
     */
    static PublicKey decodePublicKey(byte[] encoded) {
        byte[] bigEndianY = new byte[KEY_LENGTH];
        for (int i = 0; i < KEY_LENGTH; i++) {
            bigEndianY[i] = encoded[KEY_LENGTH - 1 - i];
        }
        boolean xOdd = (bigEndianY[0] & 0x80) != 0;
        bigEndianY[0] &= 0x7f;
        EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, bigEndianY));
        try {
            return KeyFactory.getInstance(ED25519).generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature signature = Signature.getInstance(ED25519);
            signature.initSign(key);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot sign with Ed25519", e);
        }
    }

    /** True when {@code signature} is a valid Ed25519 signature of {@code message}; false for any malformed input. */
    static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        if (key == null || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        String memoKey = memoKey(key.getEncoded(), message, signature);
        if (recall(memoKey) != null) {
            return true;
        }
        try {
            Signature verifier = Signature.getInstance(ED25519);
            verifier.initVerify(key);
            verifier.update(message);
            boolean valid = verifier.verify(signature);
            if (valid) {
                remember(memoKey, VALID);
            }
            return valid;
        } catch (SignatureException | InvalidKeyException e) {
            return false; // a public key that is not a curve point
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot verify Ed25519", e);
        }
    }

    /** A "random" source that yields one given seed, for {@link #publicKey(byte[])}. */
    private static final class FixedSeed extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        FixedSeed(byte[] seed) {
            this.seed = seed;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("the Ed25519 key generator asked for " + bytes.length + " bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }

    /*
     * Ed25519 in the JDK is pure Java and takes milliseconds per operation on a small machine, while a training
     * run opens the embedded ledger at least twice (parent lookup, emission) and every open derives the log's
     * public key and every checkpoint re-verifies the previous one. Both are pure functions, so their results
     * are remembered, process-wide, in a small LRU keyed by a SHA-256 of their inputs: a seed itself is never a
     * key, and only valid signatures are remembered (an invalid one is recomputed, and refused, every time).
     */
    private static final int MEMO_SIZE = 64;
    private static final byte[] VALID = new byte[0];
    private static final Map<String, byte[]> MEMO = new LinkedHashMap<>(MEMO_SIZE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > MEMO_SIZE;
        }
    };

    /** Remembers a signature this process has just made with the key pair of {@code key} as valid. */
    static void rememberSigned(PublicKey key, byte[] message, byte[] signature) {
        if (key != null) {
            remember(memoKey(key.getEncoded(), message, signature), VALID);
        }
    }

    private static String memoKey(byte[]... parts) {
        MessageDigest sha256 = Digest.newSha256();
        for (byte[] part : parts) {
            sha256.update(ByteBuffer.allocate(4).putInt(part.length).array());
            sha256.update(part);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static byte[] recall(String memoKey) {
        synchronized (MEMO) {
            byte[] value = MEMO.get(memoKey);
            return value == null ? null : value.clone();
        }
    }

    private static void remember(String memoKey, byte[] value) {
        synchronized (MEMO) {
            MEMO.put(memoKey, value.clone());
        }
    }
}
