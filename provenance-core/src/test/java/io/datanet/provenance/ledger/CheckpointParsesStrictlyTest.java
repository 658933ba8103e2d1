package io.datanet.provenance.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.datanet.provenance.Digest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A checkpoint body has exactly one spelling; anything else is refused naming the line at fault. */
class CheckpointParsesStrictlyTest {
    private static final TlogVectors VECTORS = TlogVectors.load();
    private static final Digest ROOT = VECTORS.roots.get(33);
    private static final String ROOT64 = ROOT.base64();

    private static int badLine(String body) {
        CheckpointFormatException e = catchThrowableOfType(CheckpointFormatException.class, () -> Checkpoint.parse(body));
        assertThat(e).as("must be refused: %s", body).isNotNull();
        assertThat(e).hasMessageContaining("line " + e.lineNumber());
        return e.lineNumber();
    }

    @Test
    void theBodyIsTheSignedTextOfTheVectorNote() {
        Checkpoint checkpoint = new Checkpoint("example.org/provenance-test", 33, ROOT);
        assertThat(VECTORS.signedCheckpoint).startsWith(checkpoint.body() + "\n\u2014 ");
        assertThat(checkpoint.body()).isEqualTo("example.org/provenance-test\n33\n" + ROOT64 + "\n");
        assertThat(Checkpoint.parse(checkpoint.body())).isEqualTo(checkpoint);
    }

    @Test
    void extensionLinesAndTheEmptyTreeRoundTrip() {
        Checkpoint extended = new Checkpoint("log.example/a", 1234567890123L, ROOT, List.of("ext one", "\u00e9\u00e8"));
        assertThat(extended.body()).endsWith("\next one\n\u00e9\u00e8\n");
        assertThat(Checkpoint.parse(extended.body())).isEqualTo(extended);
        Checkpoint empty = new Checkpoint("log.example/a", 0, MerkleHash.empty());
        assertThat(Checkpoint.parse(empty.body())).isEqualTo(empty);
    }

    @Test
    void everyOtherSpellingIsRefusedNamingItsLine() {
        String origin = "example.org/provenance-test\n";
        assertThat(badLine("")).isEqualTo(1);
        assertThat(badLine(origin + "33\n" + ROOT64)).isEqualTo(3);
        assertThat(badLine("\n33\n" + ROOT64 + "\n")).isEqualTo(1);
        assertThat(badLine("exa\tmple\n33\n" + ROOT64 + "\n")).isEqualTo(1);
        assertThat(badLine(origin)).isEqualTo(2);
        assertThat(badLine(origin + "33\n")).isEqualTo(3);
        for (String size : new String[] {"033", "-1", "+1", " 33", "33 ", "3a", "", "99999999999999999999", "9223372036854775808"}) {
            assertThat(badLine(origin + size + "\n" + ROOT64 + "\n")).as("size %s", size).isEqualTo(2);
        }
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        // The last character before the padding carries two unused bits; setting one changes no byte.
        String nonCanonical = ROOT64.substring(0, 42) + alphabet.charAt(alphabet.indexOf(ROOT64.charAt(42)) ^ 1) + "=";
        assertThat(Digest.of(java.util.Base64.getDecoder().decode(nonCanonical))).isEqualTo(ROOT);
        for (String root : new String[] {ROOT64.replace("=", ""), ROOT.hex(), nonCanonical, ROOT64.substring(4), ""}) {
            assertThat(badLine(origin + "33\n" + root + "\n")).as("root %s", root).isEqualTo(3);
        }
        assertThat(badLine(origin + "33\n" + ROOT64 + "\n\n")).isEqualTo(4);
        assertThat(badLine(origin + "33\n" + ROOT64 + "\next\n\nmore\n")).isEqualTo(5);
        assertThat(Checkpoint.parse(origin + "9223372036854775807\n" + ROOT64 + "\n").size()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theConstructorRefusesCheckpointsThatCannotBeWritten() {
        assertThatThrownBy(() -> new Checkpoint("", 1, ROOT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("a\nb", 1, ROOT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("a", -1, ROOT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("a", 1, ROOT, List.of(""))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("a", 1, ROOT, List.of("x\u0000"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("a", 1, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aSignedCheckpointMustCarryItsOwnBody() {
        SignedCheckpoint signed = SignedCheckpoint.verify(VECTORS.signedCheckpoint, NoteVerifier.parse(VECTORS.verifierKey));
        Checkpoint other = new Checkpoint(signed.checkpoint().origin(), 32, VECTORS.roots.get(32));
        assertThatThrownBy(() -> new SignedCheckpoint(other, signed.note())).isInstanceOf(IllegalArgumentException.class);
        NoteSigner signer = NoteSigner.parse(VECTORS.signerKey);
        String notACheckpoint = signer.sign("example.org/provenance-test\n33\n");
        assertThatThrownBy(() -> SignedCheckpoint.verify(notACheckpoint, signer.verifier()))
                .isInstanceOf(CheckpointFormatException.class).hasMessageContaining("line 3");
    }
}
