package io.datanet.provenance.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.datanet.provenance.Digest;
import io.datanet.provenance.ledger.internal.MerkleTree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** c2sp.org/tlog-proof@v1 files: written as the spec lays them out, read back strictly, verified offline. */
class TlogProofRoundTripsAndVerifiesTest {
    private static final TlogVectors VECTORS = TlogVectors.load();
    private static final NoteVerifier VERIFIER = NoteVerifier.parse(VECTORS.verifierKey);
    private static final InMemorySubtreeReader TREE = InMemorySubtreeReader.ofRecords(VECTORS.leaves);

    private static TlogProof proofOf(int index) {
        return TlogProof.of(MerkleTree.proveInclusion(index, 33, TREE), SignedCheckpoint.verify(VECTORS.signedCheckpoint, VERIFIER));
    }

    private static int badLine(String text) {
        TlogProofFormatException e = catchThrowableOfType(TlogProofFormatException.class, () -> TlogProof.parse(text));
        assertThat(e).as("must be refused:%n%s", text).isNotNull();
        return e.lineNumber();
    }

    @Test
    void theFileIsLaidOutAsTheSpecSays() {
        String expected = "c2sp.org/tlog-proof@v1\n"
                + "index 32\n"
                + "Dm5+oy+hilvkd8KP3SgB0XJvuIRFAIgU4slamPFXT1U=\n"
                + "\n"
                + VECTORS.signedCheckpoint;
        assertThat(proofOf(32).format()).isEqualTo(expected);
        TlogProof withExtra = new TlogProof(32, "context".getBytes(StandardCharsets.UTF_8), proofOf(32).path(), VECTORS.signedCheckpoint);
        assertThat(withExtra.format()).startsWith("c2sp.org/tlog-proof@v1\nextra Y29udGV4dA==\nindex 32\n");
        assertThat(proofOf(0).format()).startsWith("c2sp.org/tlog-proof@v1\nindex 0\nl6Zbjq2RMPI2G/6ttbCj6mY3JN0T0aSFzwP+EqyIozs=\n");
    }

    @Test
    void everyEntryOfTheVectorTreeRoundTripsAndVerifies() {
        for (int i = 0; i < 33; i++) {
            TlogProof proof = proofOf(i);
            TlogProof parsed = TlogProof.parse(proof.format());
            assertThat(parsed).isEqualTo(proof);
            assertThat(parsed.format()).isEqualTo(proof.format());
            Checkpoint checkpoint = parsed.verify(VECTORS.leaves.get(i), VERIFIER);
            assertThat(checkpoint.size()).isEqualTo(33);
            int other = (i + 1) % 33;
            assertThatThrownBy(() -> parsed.verify(VECTORS.leaves.get(other), VERIFIER))
                    .isInstanceOf(ProofVerificationException.class).hasMessageContaining("entry " + i)
                    .hasMessageContaining("not included");
        }
    }

    @Test
    void extraDataRoundTripsAndIsCopied() {
        byte[] extra = {1, 2, 3, 4, 5};
        TlogProof proof = new TlogProof(5, extra, proofOf(5).path(), VECTORS.signedCheckpoint);
        extra[0] = 9;
        assertThat(proof.extra()).containsExactly(1, 2, 3, 4, 5);
        proof.extra()[1] = 9;
        TlogProof parsed = TlogProof.parse(proof.format());
        assertThat(parsed).isEqualTo(proof).hasSameHashCodeAs(proof);
        assertThat(parsed.extra()).containsExactly(1, 2, 3, 4, 5);
        parsed.verify(VECTORS.leaves.get(5), VERIFIER);
        assertThat(new TlogProof(5, new byte[0], proof.path(), VECTORS.signedCheckpoint).extra()).isNull();
    }

    @Test
    void verificationNamesWhatFailed() {
        TlogProof good = proofOf(7);
        byte[] record = VECTORS.leaves.get(7);
        assertThatThrownBy(() -> good.verify(record, NoteSigner.generate("example.org/provenance-test").verifier()))
                .isInstanceOf(NoteVerificationException.class);
        List<Digest> tampered = new ArrayList<>(good.path());
        byte[] flipped = tampered.get(2).bytes();
        flipped[31] ^= 1;
        tampered.set(2, Digest.of(flipped));
        assertThatThrownBy(() -> new TlogProof(7, null, tampered, good.signedCheckpointNote()).verify(record, VERIFIER))
                .isInstanceOf(ProofVerificationException.class).hasMessageContaining("not included");
        assertThatThrownBy(() -> new TlogProof(7, null, good.path().subList(1, good.path().size()), good.signedCheckpointNote())
                .verify(record, VERIFIER)).isInstanceOf(ProofVerificationException.class).hasMessageContaining("hashes");
        assertThatThrownBy(() -> new TlogProof(33, null, List.of(), good.signedCheckpointNote()).verify(record, VERIFIER))
                .isInstanceOf(ProofVerificationException.class).hasMessageContaining("outside");
        String changedNote = good.signedCheckpointNote().replace("\n33\n", "\n34\n");
        assertThatThrownBy(() -> new TlogProof(7, null, good.path(), changedNote).verify(record, VERIFIER))
                .isInstanceOf(NoteVerificationException.class);
        InclusionProof inSmallerTree = MerkleTree.proveInclusion(7, 20, TREE);
        assertThatThrownBy(() -> TlogProof.of(inSmallerTree, SignedCheckpoint.verify(VECTORS.signedCheckpoint, VERIFIER)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedFilesAreRefusedNamingTheirLine() {
        String good = proofOf(32).format();
        assertThat(badLine(good.replace("c2sp.org/tlog-proof@v1", "c2sp.org/tlog-proof@v2"))).isEqualTo(1);
        assertThat(badLine("")).isEqualTo(1);
        assertThat(badLine(good.replace("index 32", "index 032"))).isEqualTo(2);
        assertThat(badLine(good.replace("index 32", "index  32"))).isEqualTo(2);
        assertThat(badLine(good.replace("index 32", "idx 32"))).isEqualTo(2);
        assertThat(badLine(good.replace("index 32\n", "extra !!\nindex 32\n"))).isEqualTo(2);
        assertThat(badLine(good.replace("index 32\n", "index 32\nnot-base64\n"))).isEqualTo(3);
        assertThat(badLine(good.replace("=\n\n", "\n\n"))).isEqualTo(3);
        assertThat(badLine("c2sp.org/tlog-proof@v1\nindex 1\n")).isEqualTo(3);
        assertThat(badLine("c2sp.org/tlog-proof@v1\nindex 1\n\n")).isEqualTo(4);
        assertThat(badLine("c2sp.org/tlog-proof@v1\n")).isEqualTo(2);
    }
}
