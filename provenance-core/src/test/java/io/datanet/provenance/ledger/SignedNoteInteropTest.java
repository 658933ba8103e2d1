package io.datanet.provenance.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.datanet.provenance.ledger.NoteVerificationException.Reason;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Our signed notes and keys are Go's sumdb/note, byte for byte, and our verifier refuses what Go refuses. */
class SignedNoteInteropTest {
    private static final TlogVectors VECTORS = TlogVectors.load();
    private static final String ORIGIN = "example.org/provenance-test";
    private static final NoteSigner SIGNER = NoteSigner.parse(VECTORS.signerKey);
    private static final NoteVerifier VERIFIER = NoteVerifier.parse(VECTORS.verifierKey);

    private static Checkpoint vectorCheckpoint() {
        return new Checkpoint(ORIGIN, 33, VECTORS.roots.get(33));
    }

    private static Reason reasonOf(String note, NoteVerifier verifier) {
        NoteVerificationException e = catchThrowableOfType(NoteVerificationException.class, () -> verifier.verify(note));
        assertThat(e).as("note must not verify:%n%s", note).isNotNull();
        return e.reason();
    }

    @Test
    void signerKeyRoundTripsAndDerivesTheVectorVerifierKey() {
        assertThat(SIGNER.signerKey()).isEqualTo(VECTORS.signerKey);
        assertThat(SIGNER.verifierKey()).isEqualTo(VECTORS.verifierKey);
        assertThat(SIGNER.name()).isEqualTo(ORIGIN).isEqualTo(VERIFIER.name());
        assertThat(SIGNER.keyHash()).isEqualTo(0xb4d02564).isEqualTo(VERIFIER.keyHash());
        assertThat(VERIFIER.verifierKey()).isEqualTo(VECTORS.verifierKey);
        assertThat(SIGNER.verifier().verifierKey()).isEqualTo(VECTORS.verifierKey);
    }

    @Test
    void signingTheVectorCheckpointReproducesGoByteForByte() {
        assertThat(SIGNER.sign(vectorCheckpoint().body())).isEqualTo(VECTORS.signedCheckpoint);
        assertThat(SignedCheckpoint.sign(vectorCheckpoint(), SIGNER).note()).isEqualTo(VECTORS.signedCheckpoint);
    }

    @Test
    void theVectorNoteVerifiesAndParsesToTheCheckpoint() {
        assertThat(VERIFIER.verify(VECTORS.signedCheckpoint)).isEqualTo(vectorCheckpoint().body());
        SignedCheckpoint verified = SignedCheckpoint.verify(VECTORS.signedCheckpoint, VERIFIER);
        assertThat(verified.checkpoint()).isEqualTo(vectorCheckpoint());
        assertThat(verified.note()).isEqualTo(VECTORS.signedCheckpoint);
    }

    @Test
    void theVectorNoteHasNoSignatureByAnotherKeyOfTheSameName() {
        NoteVerifier other = NoteSigner.generate(ORIGIN).verifier();
        NoteVerificationException e = catchThrowableOfType(NoteVerificationException.class,
                () -> SignedCheckpoint.verify(VECTORS.signedCheckpoint, other));
        assertThat(e.reason()).isEqualTo(Reason.NO_SIGNATURE_BY_KEY);
        assertThat(e).hasMessageContaining(other.toString()).hasMessageContaining("example.org/provenance-test+b4d02564");
    }

    @Test
    void changingAnyCharacterOfTheTextBreaksTheSignature() {
        String note = VECTORS.signedCheckpoint;
        int textLength = VERIFIER.verify(note).length();
        for (int i = 0; i < textLength; i++) {
            char c = note.charAt(i);
            String changed = note.substring(0, i) + (c == 'A' ? 'B' : 'A') + note.substring(i + 1);
            Reason reason = reasonOf(changed, VERIFIER);
            if (i < textLength - 1) {
                assertThat(reason).as("character %d", i).isEqualTo(Reason.INVALID_SIGNATURE);
            } else {
                assertThat(reason).as("the text's last newline").isEqualTo(Reason.MALFORMED_NOTE);
            }
        }
    }

    @Test
    void changingTheSignatureIsNeverAccepted() {
        String note = VECTORS.signedCheckpoint;
        int start = note.lastIndexOf(' ') + 1;
        for (int i = start; i < note.length() - 1; i++) {
            char c = note.charAt(i);
            String changed = note.substring(0, i) + (c == 'A' ? 'B' : 'A') + note.substring(i + 1);
            reasonOf(changed, VERIFIER);
        }
    }

    @Test
    void signaturesByOtherKeysAreIgnored() {
        NoteSigner witness = NoteSigner.generate("witness.example/w1");
        String witnessLine = witness.sign(vectorCheckpoint().body()).substring(vectorCheckpoint().body().length() + 1);
        String cosigned = VECTORS.signedCheckpoint + witnessLine;
        assertThat(VERIFIER.verify(cosigned)).isEqualTo(vectorCheckpoint().body());
        assertThat(witness.verifier().verify(cosigned)).isEqualTo(vectorCheckpoint().body());
        String witnessFirst = vectorCheckpoint().body() + "\n" + witnessLine
                + VECTORS.signedCheckpoint.substring(vectorCheckpoint().body().length() + 1);
        assertThat(SignedCheckpoint.verify(witnessFirst, VERIFIER).checkpoint()).isEqualTo(vectorCheckpoint());
    }

    @Test
    void aSecondLineByTheKeyMustVerifyToo() {
        String sigLine = VECTORS.signedCheckpoint.substring(vectorCheckpoint().body().length() + 1);
        byte[] raw = Base64.getDecoder().decode(sigLine.substring(sigLine.lastIndexOf(' ') + 1).strip());
        raw[10] ^= 1;
        String badLine = "\u2014 " + ORIGIN + " " + Base64.getEncoder().encodeToString(raw) + "\n";
        assertThat(reasonOf(VECTORS.signedCheckpoint + badLine, VERIFIER)).isEqualTo(Reason.INVALID_SIGNATURE);
        assertThat(VERIFIER.verify(VECTORS.signedCheckpoint + sigLine)).isEqualTo(vectorCheckpoint().body());
    }

    @Test
    void malformedNotesAreRefusedAsMalformed() {
        String note = VECTORS.signedCheckpoint;
        String body = vectorCheckpoint().body();
        String sigLine = note.substring(body.length() + 1);
        String[] malformed = {
            note.substring(0, note.length() - 1),                       // no final newline
            body + sigLine,                                             // no blank line
            body + "\n",                                                // no signature lines
            "\t" + note,                                                // control character
            note.replace(ORIGIN + "\n", ORIGIN + "\r\n"),               // carriage return
            body + "\n" + sigLine.replace("\u2014", "-"),               // not an em dash
            body + "\n" + sigLine.replace("\u2014 ", "\u2014"),         // no space after the dash
            body + "\n" + sigLine.replace(" " + ORIGIN + " ", " " + ORIGIN + "  "), // base64 with a space
            body + "\n" + sigLine.replace("=\n", "\n"),                 // unpadded base64
            body + "\n" + "\u2014 " + ORIGIN + " AAAA\n",               // shorter than a key hash and a byte
            body + "\n" + sigLine.replace(ORIGIN, "example.org/a+b"),   // '+' in a key name
            "\ud800" + note,                                            // not UTF-8
            body + "\n" + sigLine.repeat(NoteVerifier.MAX_SIGNATURES + 1),
        };
        for (String bad : malformed) {
            assertThat(reasonOf(bad, VERIFIER)).as("%s", bad).isEqualTo(Reason.MALFORMED_NOTE);
        }
        assertThat(VERIFIER.verify(body + "\n" + sigLine.repeat(NoteVerifier.MAX_SIGNATURES))).isEqualTo(body);
    }

    @Test
    void generatedKeysSignAnyValidTextDeterministically() {
        NoteSigner signer = NoteSigner.generate("example.com/log42");
        NoteSigner reloaded = NoteSigner.parse(signer.signerKey());
        assertThat(reloaded.verifierKey()).isEqualTo(signer.verifierKey());
        String text = "Ognuno sta solo sul cuor della terra\n\ned \u00e8 subito sera. \ud83c\udf05\n";
        String note = signer.sign(text);
        assertThat(reloaded.sign(text)).isEqualTo(note);
        assertThat(NoteVerifier.parse(signer.verifierKey()).verify(note)).isEqualTo(text);
        assertThat(reasonOf(note, NoteVerifier.parse(VECTORS.verifierKey))).isEqualTo(Reason.NO_SIGNATURE_BY_KEY);

        assertThatThrownBy(() -> signer.sign("no newline")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.sign("tab\there\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoteSigner.generate("has space")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoteSigner.generate("a+b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSecretKeyNeverAppearsInToStringOrErrors() {
        String secret = VECTORS.signerKey.substring(VECTORS.signerKey.lastIndexOf('+') + 1);
        assertThat(SIGNER.toString()).doesNotContain(secret).contains("b4d02564");
        String wrongHash = VECTORS.signerKey.replace("+b4d02564+", "+b4d02565+");
        String[] badKeys = {wrongHash, VECTORS.signerKey.replace("PRIVATE+KEY+", "PRIVATE+"),
            VECTORS.signerKey + "+extra", VECTORS.signerKey.replace("+Ab", "+Ac")};
        for (String bad : badKeys) {
            assertThatThrownBy(() -> NoteSigner.parse(bad)).isInstanceOf(NoteKeyFormatException.class)
                    .message().doesNotContain(secret).doesNotContain(secret.substring(2, 20));
        }
        assertThatThrownBy(() -> NoteSigner.parse(wrongHash)).hasMessageContaining("does not match");
    }

    @Test
    void verifierKeysAreCheckedLikeGo() {
        String key = VECTORS.verifierKey;
        String encoded = key.substring(key.lastIndexOf('+') + 1);
        byte[] typed = Base64.getDecoder().decode(encoded);
        typed[0] = 0x02;
        String[] bad = {
            key.replace("+b4d02564+", "+b4d02565+"),                    // hash does not match
            key.replace("+b4d02564+", "+b4d0256+"),                     // 7 hex digits
            key.replace("+b4d02564+", "+b4d0256g+"),                    // not hex
            key.replace(encoded, Base64.getEncoder().encodeToString(typed)), // not Ed25519
            key.replace(encoded, Base64.getEncoder().encodeToString(Arrays.copyOf(typed, 20))),
            key.replace(ORIGIN, "example.org/provenance test"),
            key.substring(key.indexOf('+') + 1),
            "",
        };
        for (String b : bad) {
            assertThatThrownBy(() -> NoteVerifier.parse(b)).as(b).isInstanceOf(NoteKeyFormatException.class);
        }
        assertThat(NoteVerifier.parse(key.replace("+b4d02564+", "+B4D02564+")).keyHash()).isEqualTo(0xb4d02564);
    }

    @Test
    void aPublicKeyThatIsNoCurvePointRejectsSignaturesQuietly() {
        byte[] notAPoint = new byte[32];
        Arrays.fill(notAPoint, (byte) 0xff);
        int hash = NoteKeys.keyHash("bogus", notAPoint);
        NoteVerifier bogus = NoteVerifier.parse(NoteKeys.join("bogus", hash, notAPoint));
        byte[] line = new byte[68];
        for (int i = 0; i < 4; i++) {
            line[i] = (byte) (hash >>> (24 - 8 * i));
        }
        String note = "text\n\n\u2014 bogus " + Base64.getEncoder().encodeToString(line) + "\n";
        assertThat(reasonOf(note, bogus)).isEqualTo(Reason.INVALID_SIGNATURE);
    }
}
