package io.datanet.provenance.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * An Ed25519 key that signs C2SP signed notes exactly as Go's {@code golang.org/x/mod/sumdb/note}
 * does: the same signer and verifier key strings, the same key hash, the same signature lines. Ed25519
 * is deterministic, so a text signed twice gives the same note.
 *
 * <p>{@link #signerKey()} is the secret: store it with care (the ledger keeps it in a mode 0600 file).
 * {@link #toString()} shows only the name and key hash. Instances are immutable and thread-safe.
 */
public final class NoteSigner {
    private static final String PRIVATE_PREFIX = "PRIVATE+KEY+";
    private final String name;
    private final int keyHash;
    private final byte[] seed;
    private final byte[] publicKey;
    private final PrivateKey privateKey;

    private volatile PublicKey verifyingKey; // decoded once, to remember this signer's own signatures as valid

    private NoteSigner(String name, byte[] seed) {
        this.name = name;
        this.seed = seed;
        this.publicKey = NoteKeys.publicKey(seed);
        this.keyHash = NoteKeys.keyHash(name, publicKey);
        this.privateKey = NoteKeys.privateKey(seed);
    }

    /**
     * A new key with a seed from {@link SecureRandom}.
     *
     * @param name the key name, usually the log's origin: non-empty, without spaces or {@code +}
     * @throws IllegalArgumentException if the name is not a valid key name
     */
    public static NoteSigner generate(String name) {
        if (!TextFormat.isValidKeyName(name)) {
            throw new IllegalArgumentException("a note key name must be non-empty, without spaces or '+': "
                    + TextFormat.quote(String.valueOf(name)));
        }
        byte[] seed = new byte[NoteKeys.KEY_LENGTH];
        new SecureRandom().nextBytes(seed);
        return new NoteSigner(name, seed);
    }

    /**
     * Reads a signer key {@code PRIVATE+KEY+<name>+<keyhash>+<base64(0x01 ‖ seed)>} as Go's
     * {@code note.GenerateKey} writes it.
     *
     * @throws NoteKeyFormatException if the text is not such a key or its key hash does not match; the
     *                                message never quotes the key
     */
    public static NoteSigner parse(String signerKey) {
        Objects.requireNonNull(signerKey, "signerKey");
        if (!signerKey.startsWith(PRIVATE_PREFIX)) {
            throw new NoteKeyFormatException("signer key", "a signer key starts with " + PRIVATE_PREFIX);
        }
        NoteKeys.Parts parts = NoteKeys.split(signerKey.substring(PRIVATE_PREFIX.length()), "signer key");
        NoteSigner signer = new NoteSigner(parts.name(), parts.key());
        if (signer.keyHash != parts.keyHash()) {
            throw new NoteKeyFormatException("signer key", "the key hash of '" + parts.name()
                    + "' does not match its key");
        }
        return signer;
    }

    /** The key name that appears in signature lines. */
    public String name() {
        return name;
    }

    /** The key id: the first 4 bytes of SHA-256(name ‖ '\n' ‖ 0x01 ‖ public key), big-endian. */
    public int keyHash() {
        return keyHash;
    }

    /** The secret signer key, {@code PRIVATE+KEY+<name>+<keyhash>+<base64(0x01 ‖ seed)>}. Never log it. */
    public String signerKey() {
        return PRIVATE_PREFIX + NoteKeys.join(name, keyHash, seed);
    }

    /** The public verifier key, {@code <name>+<keyhash>+<base64(0x01 ‖ public key)>}. */
    public String verifierKey() {
        return NoteKeys.join(name, keyHash, publicKey);
    }

    /** The verifier of this key's signatures. */
    public NoteVerifier verifier() {
        return NoteVerifier.parse(verifierKey());
    }

    /**
     * Signs {@code text} and returns the signed note: the text, a blank line and one signature line
     * {@code — <name> <base64(keyhash ‖ signature)>}. The signature covers the UTF-8 bytes of the text.
     *
     * @throws IllegalArgumentException if the text is empty, does not end in a newline, or holds a
     *                                  control character other than newline or an unpaired surrogate
     */
    public String sign(String text) {
        Objects.requireNonNull(text, "text");
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("a note text must end with a newline");
        }
        String problem = TextFormat.invalidNoteCharacter(text);
        if (problem != null) {
            throw new IllegalArgumentException("a note text must not contain a " + problem);
        }
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        byte[] signature = NoteKeys.sign(privateKey, message);
        NoteKeys.rememberSigned(verifyingKey(), message, signature); // re-verifying our own checkpoint is free
        byte[] keyHashAndSignature = ByteBuffer.allocate(4 + signature.length).putInt(keyHash).put(signature).array();
        return text + "\n" + NoteVerifier.SIGNATURE_PREFIX + name + " " + TextFormat.base64(keyHashAndSignature) + "\n";
    }

    private PublicKey verifyingKey() {
        PublicKey key = verifyingKey;
        if (key == null) {
            key = NoteKeys.decodePublicKey(publicKey);
            verifyingKey = key;
        }
        return key;
    }

    /** The key name and hash only; never the secret. */
    @Override
    public String toString() {
        return "NoteSigner[" + NoteKeys.id(name, keyHash) + "]";
    }
}
