package io.datanet.provenance.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Public-key derivation and signature checks are remembered process-wide (Ed25519 in the JDK costs milliseconds,
 * and a training run opens its ledger several times). Remembering must change no answer: a key parsed again is
 * the same key, and a signature that was once valid does not make a tampered note, another text or another
 * key's note pass.
 */
class RememberedKeysAndSignaturesChangeNoAnswerTest {

    @Test
    void aKeyParsedAgainIsTheSameKeyAndDifferentSeedsStayDifferent() {
        NoteSigner a = NoteSigner.generate("log.example/a");
        NoteSigner again = NoteSigner.parse(a.signerKey());
        assertThat(again.verifierKey()).isEqualTo(a.verifierKey());
        assertThat(NoteSigner.parse(a.signerKey()).keyHash()).isEqualTo(a.keyHash());
        NoteSigner b = NoteSigner.generate("log.example/a");
        assertThat(NoteSigner.parse(b.signerKey()).verifierKey()).isEqualTo(b.verifierKey())
                .isNotEqualTo(a.verifierKey());
    }

    @Test
    void onceValidSignaturesDoNotLetATamperedNotePass() {
        NoteSigner signer = NoteSigner.generate("log.example/b");
        NoteVerifier verifier = NoteVerifier.parse(signer.verifierKey());
        String note = signer.sign("log.example/b\n7\nAAAA\n");
        for (int i = 0; i < 3; i++) { // the signer's own note is remembered as valid; verifying it stays true
            assertThat(verifier.verify(note)).isEqualTo("log.example/b\n7\nAAAA\n");
        }
        String otherText = note.replace("\n7\n", "\n8\n");
        assertThatThrownBy(() -> verifier.verify(otherText)).isInstanceOf(NoteVerificationException.class)
                .extracting(e -> ((NoteVerificationException) e).reason())
                .isEqualTo(NoteVerificationException.Reason.INVALID_SIGNATURE);
        String line = note.substring(note.lastIndexOf("— "));
        String b64 = line.substring(line.lastIndexOf(' ') + 1, line.length() - 1);
        byte[] sig = Base64.getDecoder().decode(b64);
        sig[sig.length - 1] ^= 1;
        String flipped = note.replace(b64, Base64.getEncoder().encodeToString(sig));
        assertThatThrownBy(() -> verifier.verify(flipped)).isInstanceOf(NoteVerificationException.class);
        NoteSigner impostor = NoteSigner.generate("log.example/b");
        String forged = impostor.sign("log.example/b\n7\nAAAA\n");
        assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(NoteVerificationException.class);
        assertThat(verifier.verify(note)).as("the genuine note still verifies").isEqualTo("log.example/b\n7\nAAAA\n");
    }
}
