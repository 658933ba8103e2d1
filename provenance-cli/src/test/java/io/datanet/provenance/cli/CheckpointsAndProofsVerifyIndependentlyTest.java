package io.datanet.provenance.cli;

import static io.datanet.provenance.cli.CliRunner.on;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.datanet.provenance.ledger.NoteVerifier;
import io.datanet.provenance.ledger.SignedCheckpoint;
import io.datanet.provenance.ledger.TlogProof;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.testing.SampleRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the CLI hands an auditor checks out without our code: the checkpoint from {@code checkpoint}
 * verifies with the key from {@code key} (under core's verifier and under the JDK-Ed25519 reference), its
 * root is RFC 6962's root over the records in log order (computed here from SHA-256), and every proof in a
 * {@code bundle}, and from {@code proof}, verifies under the RFC 9162 §2.1.3.2 reference against the
 * bundle's checkpoint. The references are pinned to Go's answers in
 * {@link ReferenceImplementationsMatchGoVectorsTest}.
 */
class CheckpointsAndProofsVerifyIndependentlyTest {
    @TempDir
    Path tmp;

    /** A parsed {@code c2sp.org/tlog-proof@v1} file, read here without core. */
    record ProofFile(long index, List<byte[]> path, String note) {
        static ProofFile parse(String text) {
            String[] lines = text.split("\n", -1);
            assertThat(lines[0]).isEqualTo("c2sp.org/tlog-proof@v1");
            int at = 1;
            if (lines[at].startsWith("extra ")) {
                at++;
            }
            assertThat(lines[at]).startsWith("index ");
            long index = Long.parseLong(lines[at].substring("index ".length()));
            List<byte[]> path = new ArrayList<>();
            for (at++; !lines[at].isEmpty(); at++) {
                path.add(Base64.getDecoder().decode(lines[at]));
            }
            return new ProofFile(index, path, String.join("\n", List.of(lines).subList(at + 1, lines.length)));
        }
    }

    @Test
    void checkpointVerifiesWithTheKeyAndItsRootIsRfc6962sRootOverTheLog() throws Exception {
        int n = 37;
        Path dir = Ledgers.withRecords(tmp.resolve("ledger"), n - 1, 10);
        Path file = tmp.resolve("last.json");
        Files.write(file, SampleRecords.canonical(n - 1).bytes());
        assertThat(on(dir, "append", file.toString()).exitCode()).isZero(); // one record through the CLI too

        String key = on(dir, "key").out().strip();
        CliRunner.Result cp = on(dir, "checkpoint");
        assertThat(cp.exitCode()).isZero();
        String note = cp.out();

        String text = SignedNoteReference.verify(note, key);
        SignedCheckpoint core = SignedCheckpoint.verify(note, NoteVerifier.parse(key));
        assertThat(core.checkpoint().body()).isEqualTo(text);

        String[] lines = text.split("\n");
        assertThat(lines).hasSize(3);
        assertThat(key).startsWith(lines[0] + "+");
        assertThat(Long.parseLong(lines[1])).isEqualTo(n);
        List<byte[]> logged = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            logged.add(on(dir, "show", "model-" + (i % 97) + "@v" + i, "--raw").stdout());
        }
        assertThat(logged).usingElementComparator(java.util.Arrays::compare).containsExactlyElementsOf(
                Ledgers.sampleBytes(n));
        assertThat(lines[2]).isEqualTo(Base64.getEncoder().encodeToString(Rfc6962Reference.root(logged)));
    }

    @Test
    void aCheckpointSignedWithAnotherKeyDoesNotVerifyWithThisOne() throws Exception {
        Path a = Ledgers.withRecords(tmp.resolve("a"), 3, 3);
        Path b = Ledgers.withRecords(tmp.resolve("b"), 3, 3);
        String noteOfB = on(b, "checkpoint").out();
        String keyOfA = on(a, "key").out().strip();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SignedNoteReference.verify(noteOfB, keyOfA))
                .isInstanceOf(AssertionError.class);
    }

    @ParameterizedTest(name = "{0} records")
    @ValueSource(ints = {1, 2, 3, 7, 16, 17, 33, 100})
    void everyProofInABundleVerifiesAgainstTheBundlesCheckpoint(int n) throws Exception {
        Path dir = Ledgers.withRecords(tmp.resolve("ledger"), n, 5);
        Path bundle = tmp.resolve("bundle");
        CliRunner.Result r = on(dir, "bundle", bundle.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();

        String key = Files.readString(bundle.resolve("verifier.key"), UTF_8).strip();
        String note = Files.readString(bundle.resolve("checkpoint"), UTF_8);
        String[] text = SignedNoteReference.verify(note, key).split("\n");
        long size = Long.parseLong(text[1]);
        byte[] root = Base64.getDecoder().decode(text[2]);
        assertThat(size).isEqualTo(n);
        assertThat(root).isEqualTo(Rfc6962Reference.root(Ledgers.sampleBytes(n)));

        for (int i = 0; i < n; i++) {
            byte[] record = Files.readAllBytes(bundle.resolve("records/" + i + ".json"));
            assertThat(record).isEqualTo(SampleRecords.canonical(i).bytes());
            String proofText = Files.readString(bundle.resolve("proofs/" + i + ".tlog-proof"), UTF_8);
            ProofFile proof = ProofFile.parse(proofText);
            assertThat(proof.index()).isEqualTo(i);
            assertThat(proof.note()).as("every proof carries the bundle's checkpoint").isEqualTo(note);
            byte[] leaf = Rfc6962Reference.leafHash(record);
            assertThat(Rfc6962Reference.verifyInclusion(i, size, leaf, proof.path(), root)).as("proof %d", i).isTrue();
            assertThat(Rfc6962Reference.verifyInclusion(i, size, Rfc6962Reference.leafHash(
                    SampleRecords.canonical(i + 1).bytes()), proof.path(), root)).as("a different record").isFalse();
            TlogProof.parse(proofText).verify(record, NoteVerifier.parse(key)); // and under core's own reader
        }
    }

    @Test
    void theProofCommandVerifiesIndependentlyForEveryRecord() throws Exception {
        int n = 13;
        Path dir = Ledgers.withRecords(tmp.resolve("ledger"), n, 13);
        String key = on(dir, "key").out().strip();
        for (int i = 0; i < n; i++) {
            CanonicalRecord record = SampleRecords.canonical(i);
            CliRunner.Result r = on(dir, "proof", record.idHex().substring(0, 12));
            assertThat(r.exitCode()).isZero();
            ProofFile proof = ProofFile.parse(r.out());
            String[] text = SignedNoteReference.verify(proof.note(), key).split("\n");
            assertThat(Rfc6962Reference.verifyInclusion(proof.index(), Long.parseLong(text[1]),
                    Rfc6962Reference.leafHash(record.bytes()), proof.path(), Base64.getDecoder().decode(text[2])))
                    .isTrue();
        }
    }
}
