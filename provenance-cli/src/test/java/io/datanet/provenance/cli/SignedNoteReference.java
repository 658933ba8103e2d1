package io.datanet.provenance.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A second C2SP signed-note verifier (as in Go's {@code golang.org/x/mod/sumdb/note}) on the JDK's own
 * Ed25519, sharing no code with core. Pinned to Go's answers in
 * {@link ReferenceImplementationsMatchGoVectorsTest}.
 */
final class SignedNoteReference {
    /** DER prefix of an X.509 SubjectPublicKeyInfo for a raw 32-byte Ed25519 key (RFC 8410). */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private SignedNoteReference() {}

    /**
     * Verifies {@code note} under {@code verifierKey} ({@code name+hex keyhash+base64(0x01 ‖ key)}) and
     * returns the signed text.
     *
     * @throws AssertionError if the key is malformed or no valid signature by it is on the note
     */
    static String verify(String note, String verifierKey) throws Exception {
        String[] parts = verifierKey.split("\\+", 3); // the base64 key may itself hold a +
        check(parts.length == 3, "verifier key has three +-separated parts");
        String name = parts[0];
        int keyHash = (int) Long.parseLong(parts[1], 16);
        byte[] key = Base64.getDecoder().decode(parts[2]);
        check(key.length == 33 && key[0] == 1, "verifier key is 0x01 and 32 key bytes");
        byte[] expectedHash = Rfc6962Reference.sha256((name + "\n").getBytes(UTF_8), key);
        check(ByteBuffer.wrap(expectedHash).getInt() == keyHash, "key hash matches the key");
        byte[] spki = ByteBuffer.allocate(44).put(ED25519_SPKI_PREFIX).put(key, 1, 32).array();
        PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));

        int split = note.lastIndexOf("\n\n");
        check(split > 0, "a blank line separates text and signatures");
        String text = note.substring(0, split + 1);
        check(note.endsWith("\n"), "the note ends with a newline");
        boolean verified = false;
        for (String line : note.substring(split + 2, note.length() - 1).split("\n")) {
            check(line.startsWith("\u2014 "), "signature lines start with an em dash");
            String[] fields = line.substring(2).split(" ");
            byte[] sig = Base64.getDecoder().decode(fields[1]);
            if (!fields[0].equals(name) || ByteBuffer.wrap(sig).getInt() != keyHash) {
                continue;
            }
            Signature ed = Signature.getInstance("Ed25519");
            ed.initVerify(publicKey);
            ed.update(text.getBytes(UTF_8));
            check(ed.verify(Arrays.copyOfRange(sig, 4, sig.length)), "the signature by " + name + " verifies");
            verified = true;
        }
        check(verified, "the note carries a signature by " + name);
        return text;
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError("signed note check failed: " + what);
        }
    }
}
