package io.datanet.provenance.ledger;

import io.datanet.provenance.ledger.NoteVerificationException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Checks C2SP signed notes against one Ed25519 verifier key, with the rules of Go's
 * {@code sumdb/note.Open}: the note is valid UTF-8 without control characters other than newline; the
 * text ends in a newline and is followed by a blank line and at most {@value #MAX_SIGNATURES} signature
 * lines {@code — <name> <base64(keyhash ‖ signature)>}; lines by other keys are ignored. Unlike Go,
 * which checks only the first, every line by this key must verify.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class NoteVerifier {
    /** The most signature lines a note may carry (as in Go), so a huge note cannot keep us busy. */
    public static final int MAX_SIGNATURES = 100;
    static final String SIGNATURE_PREFIX = "\u2014 ";
    private final String name;
    private final int keyHash;
    private final byte[] publicKey;
    private final PublicKey key;

    private NoteVerifier(String name, int keyHash, byte[] publicKey) {
        this.name = name;
        this.keyHash = keyHash;
        this.publicKey = publicKey;
        this.key = NoteKeys.decodePublicKey(publicKey);
    }

    /**
     * Reads a verifier key {@code <name>+<keyhash>+<base64(0x01 ‖ 32-byte public key)>} as Go's
     * {@code note.GenerateKey} writes it.
     *
     * @throws NoteKeyFormatException if the text is not such a key or its key hash does not match
     */
    public static NoteVerifier parse(String verifierKey) {
        Objects.requireNonNull(verifierKey, "verifierKey");
        NoteKeys.Parts parts = NoteKeys.split(verifierKey, "verifier key");
        if (NoteKeys.keyHash(parts.name(), parts.key()) != parts.keyHash()) {
            throw new NoteKeyFormatException("verifier key", "the key hash of '" + parts.name()
                    + "' does not match its key");
        }
        return new NoteVerifier(parts.name(), parts.keyHash(), parts.key());
    }

    /** The key name that this key's signature lines carry. */
    public String name() {
        return name;
    }

    /** The key id: the first 4 bytes of SHA-256(name ‖ '\n' ‖ 0x01 ‖ public key), big-endian. */
    public int keyHash() {
        return keyHash;
    }

    /** This key in verifier key format, as {@link #parse(String)} reads it. */
    public String verifierKey() {
        return NoteKeys.join(name, keyHash, publicKey);
    }

    /**
     * Verifies a signed note and returns its text (everything before the last blank line, ending in a
     * newline): the only part of the note to trust.
     *
     * @throws NoteVerificationException with reason {@link Reason#MALFORMED_NOTE},
     *     {@link Reason#NO_SIGNATURE_BY_KEY} or {@link Reason#INVALID_SIGNATURE}
     */
    public String verify(String note) {
        Objects.requireNonNull(note, "note");
        String problem = TextFormat.invalidNoteCharacter(note);
        if (problem != null) {
            throw malformed("it contains a " + problem);
        }
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw malformed("there is no blank line between the text and the signatures");
        }
        String text = note.substring(0, split + 1);
        String signatures = note.substring(split + 2);
        if (signatures.isEmpty() || !signatures.endsWith("\n")) {
            throw malformed("the signature lines must be present and end with a newline");
        }
        byte[] textBytes = text.getBytes(StandardCharsets.UTF_8);
        String[] lines = signatures.substring(0, signatures.length() - 1).split("\n", -1);
        if (lines.length > MAX_SIGNATURES) {
            throw malformed("it has " + lines.length + " signature lines, more than " + MAX_SIGNATURES);
        }
        Set<String> otherSigners = new LinkedHashSet<>();
        boolean verified = false;
        for (String line : lines) {
            if (!line.startsWith(SIGNATURE_PREFIX)) {
                throw malformed("signature line " + TextFormat.quote(line) + " does not start with an em dash and a space");
            }
            String rest = line.substring(SIGNATURE_PREFIX.length());
            int space = rest.indexOf(' ');
            String lineName = space < 0 ? rest : rest.substring(0, space);
            byte[] signature = space < 0 ? null : TextFormat.decodeBase64(rest.substring(space + 1));
            if (!TextFormat.isValidKeyName(lineName) || signature == null || signature.length < 5) {
                throw malformed("signature line " + TextFormat.quote(line) + " is not '— <key name> <base64>'");
            }
            int lineKeyHash = ByteBuffer.wrap(signature).getInt();
            if (!lineName.equals(name) || lineKeyHash != keyHash) {
                otherSigners.add(NoteKeys.id(lineName, lineKeyHash));
                continue;
            }
            byte[] ed25519 = new byte[signature.length - 4];
            System.arraycopy(signature, 4, ed25519, 0, ed25519.length);
            if (!NoteKeys.verify(key, textBytes, ed25519)) {
                throw new NoteVerificationException(Reason.INVALID_SIGNATURE,
                        "invalid signature for key " + this + ": the note text or signature was changed");
            }
            verified = true;
        }
        if (!verified) {
            throw new NoteVerificationException(Reason.NO_SIGNATURE_BY_KEY, "the note has no signature by key "
                    + this + (otherSigners.isEmpty() ? "" : "; it is signed by " + String.join(", ", otherSigners)));
        }
        return text;
    }

    private NoteVerificationException malformed(String why) {
        return new NoteVerificationException(Reason.MALFORMED_NOTE, "malformed signed note: " + why);
    }

    /** {@code <name>+<keyhash>}, as in messages. */
    @Override
    public String toString() {
        return NoteKeys.id(name, keyHash);
    }
}
