package io.datanet.provenance.cli;

import static io.datanet.provenance.cli.CliRunner.on;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datanet.provenance.ledger.Checkpoint;
import io.datanet.provenance.ledger.NoteSigner;
import io.datanet.provenance.ledger.NoteVerifier;
import io.datanet.provenance.ledger.SignedCheckpoint;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.testing.LedgerForgery;
import io.datanet.provenance.testing.SampleRecords;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Someone with write access to {@code ledger.db} edits it with plain SQL, bypassing our code; then
 * {@code provenance verify} exits 1 and its one stderr line names the entry (or checkpoint) at fault.
 * The ledger holds 40 records with signed checkpoints at sizes 10, 20, 30 and 40, and is closed before
 * each edit.
 */
class VerifyCatchesTamperingInTheDatabaseFileTest {
    private static final int N = 40;

    @TempDir
    Path tmp;
    Path dir;

    @BeforeEach
    void ledger() {
        dir = Ledgers.withRecords(tmp.resolve("ledger"), N, 10);
        assertThat(on(dir, "verify").out()).isEqualTo("ok: 40 entries, 4 checkpoints\n");
    }

    /** Runs verify and checks it failed with one stderr line holding {@code named}; returns the --json report. */
    private JsonNode assertVerifyFails(String... named) throws Exception {
        CliRunner.Result r = on(dir, "verify");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.errLines()).as(r.toString()).hasSize(1);
        assertThat(r.errLine()).startsWith("provenance: verification failed: ").contains(named);
        assertThat(r.out()).startsWith("FAILED: ");
        CliRunner.Result json = on(dir, "verify", "--json");
        assertThat(json.exitCode()).isEqualTo(1);
        JsonNode doc = new ObjectMapper().readTree(json.stdout());
        assertThat(doc.get("ok").asBoolean()).isFalse();
        assertThat(doc.get("problems").get(0).asText()).isEqualTo(r.errLine().substring(
                "provenance: verification failed: ".length()));
        return doc;
    }

    private byte[] bytesAt(Connection c, long idx) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT bytes FROM records WHERE idx = ?")) {
            ps.setLong(1, idx);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getBytes(1);
            }
        }
    }

    @Test
    void flippingOneByteOfARecordNamesThatEntry() throws Exception {
        try (Connection c = Ledgers.jdbc(dir)) {
            byte[] bytes = bytesAt(c, 17);
            bytes[bytes.length / 2] ^= 0x01;
            try (PreparedStatement ps = c.prepareStatement("UPDATE records SET bytes = ? WHERE idx = 17")) {
                ps.setBytes(1, bytes);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
        }
        JsonNode report = assertVerifyFails("entry 17", "altered");
        assertThat(report.get("firstBadEntry").asLong()).isEqualTo(17);
    }

    @Test
    void swappingTwoRecordsNamesTheFirstOfThem() throws Exception {
        try (Connection c = Ledgers.jdbc(dir)) {
            c.setAutoCommit(false);
            Object[][] rows = new Object[2][];
            long[] idx = {3, 9};
            for (int i = 0; i < 2; i++) {
                try (PreparedStatement ps = c.prepareStatement("SELECT bytes, idkey, chk FROM records WHERE idx = ?")) {
                    ps.setLong(1, idx[i]);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        rows[i] = new Object[] {rs.getBytes(1), rs.getInt(2), rs.getInt(3)};
                    }
                }
            }
            for (int i = 0; i < 2; i++) {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE records SET bytes = ?, idkey = ?, chk = ? WHERE idx = ?")) {
                    Object[] other = rows[1 - i];
                    ps.setBytes(1, (byte[]) other[0]);
                    ps.setInt(2, (int) other[1]);
                    ps.setInt(3, (int) other[2]);
                    ps.setLong(4, idx[i]);
                    ps.executeUpdate();
                }
            }
            c.commit();
        }
        JsonNode report = assertVerifyFails("entry 3", "not at the position it was appended at");
        assertThat(report.get("firstBadEntry").asLong()).isEqualTo(3);
        assertThat(report.get("problems").toString()).contains("entry 9");
    }

    @Test
    void deletingOneRecordNamesTheMissingEntry() throws Exception {
        try (Connection c = Ledgers.jdbc(dir)) {
            assertThat(c.createStatement().executeUpdate("DELETE FROM records WHERE idx = 25")).isEqualTo(1);
        }
        JsonNode report = assertVerifyFails("entry 25 is missing");
        assertThat(report.get("firstBadEntry").asLong()).isEqualTo(25);
    }

    @Test
    void truncatingTheLogNamesTheCheckpointThatCoversTheLostEntries() throws Exception {
        try (Connection c = Ledgers.jdbc(dir)) {
            assertThat(c.createStatement().executeUpdate("DELETE FROM records WHERE idx >= 33")).isEqualTo(7);
        }
        JsonNode report = assertVerifyFails("truncated", "checkpoint at size 40", "holds 33");
        assertThat(report.get("firstBadEntry").asLong()).isEqualTo(33);
    }

    @Test
    void truncatingOnlyTheLastRecordIsCaughtToo() throws Exception {
        try (Connection c = Ledgers.jdbc(dir)) {
            assertThat(c.createStatement().executeUpdate("DELETE FROM records WHERE idx = 39")).isEqualTo(1);
        }
        assertVerifyFails("truncated", "checkpoint at size 40");
    }

    @Test
    void aCheckpointReplacedByOneSignedWithAnotherKeyIsNamed() throws Exception {
        replaceCheckpointWithForgery(20);
        JsonNode report = assertVerifyFails("checkpoint at size 20", "not validly signed");
        assertThat(report.get("firstBadEntry").isNull()).as("no entry is at fault").isTrue();
    }

    @Test
    void aForgedLatestCheckpointMakesProofAndBundleFailVerificationRatherThanHandOutProofs() throws Exception {
        replaceCheckpointWithForgery(40);
        CliRunner.Result proof = on(dir, "proof", "model-1@v1");
        assertThat(proof.exitCode()).as(proof.toString()).isEqualTo(1);
        assertThat(proof.errLines()).hasSize(1);
        assertThat(proof.out()).isEmpty();
        Path bundle = tmp.resolve("bundle");
        CliRunner.Result b = on(dir, "bundle", bundle.toString());
        assertThat(b.exitCode()).as(b.toString()).isEqualTo(1);
        assertThat(b.errLines()).hasSize(1);
        assertThat(bundle).doesNotExist();
    }

    private void replaceCheckpointWithForgery(long size) throws Exception {
        try (Connection c = Ledgers.jdbc(dir)) {
            String note;
            try (PreparedStatement ps = c.prepareStatement("SELECT note FROM checkpoints WHERE size = ?")) {
                ps.setLong(1, size);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    note = rs.getString(1);
                }
            }
            Checkpoint real = Checkpoint.parse(note.substring(0, note.indexOf("\n\n") + 1));
            NoteSigner impostor = NoteSigner.generate(real.origin()); // same origin, another key
            String forged = SignedCheckpoint.sign(real, impostor).note();
            SignedCheckpoint.verify(forged, NoteVerifier.parse(impostor.verifierKey())); // a well-formed note
            try (PreparedStatement ps = c.prepareStatement("UPDATE checkpoints SET note = ? WHERE size = ?")) {
                ps.setString(1, forged);
                ps.setLong(2, size);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
        }
    }

    /**
     * The attacker also rewrites the lookup columns the way the ledger computes them and deletes the index file
     * (ledger-index.db), which the ledger then rebuilds from the rows, so every row and index looks
     * self-consistent; the stored tree hashes over entries 0..15 and the signed root at size 20 still give the
     * rewrite away (they can name the span, not the entry).
     */
    @Test
    void aConsistentlyRewrittenRecordIsCaughtByTheSignedRoot() throws Exception {
        // no parent and entry 12's two DataNets; 40 entries complete no block of weights filters
        CanonicalRecord rewrite = SampleRecords.canonical(1000);
        byte[] replacement = rewrite.bytes();
        byte[] id = Rfc6962Reference.sha256(replacement);
        long idx = 12;
        byte[] indexLe = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(idx).array();
        try (Connection c = Ledgers.jdbc(dir);
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE records SET bytes = ?, idkey = ?, chk = ? WHERE idx = ?")) {
            ps.setBytes(1, replacement);
            ps.setInt(2, ByteBuffer.wrap(id).getInt());
            ps.setInt(3, ByteBuffer.wrap(Rfc6962Reference.sha256(indexLe, id)).getInt());
            ps.setLong(4, idx);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        for (String suffix : new String[] {"", "-wal", "-shm"}) { // the lookup indexes are rebuilt from the rows
            java.nio.file.Files.deleteIfExists(dir.resolve("ledger-index.db" + suffix));
        }
        assertThat(on(dir, "show", java.util.HexFormat.of().formatHex(id), "--raw").stdout()).as("the rewrite is readable")
                .isEqualTo(replacement);
        JsonNode report = assertVerifyFails("entries 0..15", "differ");
        assertThat(report.get("problems").toString()).contains("checkpoint at size 20: its root does not match")
                .as("the lookup columns were made consistent").doesNotContain("entry 12");
    }

    @Test
    void aHistoryRewrittenWithTheLogKeyInBytesNoWriterProducesIsCaughtOnlyByDeep() throws Exception {
        // Whoever holds log.key can rebuild the tree and re-sign every checkpoint (the chain anchors of the EVM
        // module are the witness against that). What such a rewrite cannot hide from --deep: record bytes that
        // are not the canonical form our writers always produce, here one extra space after the first brace.
        String canonical = SampleRecords.canonical(23).json();
        byte[] forged = ("{ " + canonical.substring(1)).getBytes(StandardCharsets.UTF_8);
        LedgerForgery.replaceRecord(dir, 23, CanonicalRecord.ofStoredBytes(forged, "forged"));

        CliRunner.Result fast = on(dir, "verify");
        assertThat(fast.exitCode()).as(fast.toString()).isZero();
        CliRunner.Result deep = on(dir, "verify", "--deep");
        assertThat(deep.exitCode()).as(deep.toString()).isEqualTo(1);
        assertThat(deep.errLines()).as(deep.toString()).hasSize(1);
        assertThat(deep.errLine()).contains("entry 23", "not the canonical form");
        JsonNode doc = new ObjectMapper().readTree(on(dir, "verify", "--deep", "--json").stdout());
        assertThat(doc.get("deep").asBoolean()).isTrue();
        assertThat(doc.get("firstBadEntry").asLong()).isEqualTo(23);
    }
}
