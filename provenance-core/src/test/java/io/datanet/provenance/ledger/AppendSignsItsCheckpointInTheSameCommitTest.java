package io.datanet.provenance.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datanet.provenance.ProvenanceException;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.testing.SampleRecords;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store signs the checkpoint of {@link Ledger#appendAllAndCheckpoint} inside the append's own
 * transaction (what a training run's emission uses): the close then has nothing left to sign, and a checkpoint
 * that cannot be signed never costs the append.
 */
class AppendSignsItsCheckpointInTheSameCommitTest {
    @TempDir
    Path dir;

    @Test
    void theCheckpointIsStoredWithTheRecordsAndTheCloseSignsNoOther() throws Exception {
        SignedCheckpoint signed;
        try (Ledger ledger = Ledger.open(dir)) {
            ledger.appendAll(List.of(SampleRecords.canonical(0)));
            ledger.checkpoint();
            ledger.appendAllAndCheckpoint(List.of(SampleRecords.canonical(1), SampleRecords.canonical(2)));
            signed = ledger.latestCheckpoint().orElseThrow();
        }
        assertThat(signed.checkpoint().size()).isEqualTo(3);
        assertThat(storedCheckpointSizes()).containsExactly(1L, 3L);
        try (Ledger ledger = Ledger.open(dir)) {
            assertThat(ledger.latestCheckpoint().orElseThrow().note()).isEqualTo(signed.note());
            assertThat(ledger.verify(n -> { }).ok()).isTrue();
        }
    }

    @Test
    void aCheckpointThatCannotBeSignedIsUndoneAndTheAppendStillCommits() throws Exception {
        try (Ledger ledger = Ledger.open(dir)) {
            ledger.appendAllAndCheckpoint(List.of(SampleRecords.canonical(0)));
        }
        execute("UPDATE checkpoints SET note = 'not a signed note'");
        CanonicalRecord next = SampleRecords.canonical(1);
        try (Ledger ledger = Ledger.open(dir)) {
            // signing reads the newest stored checkpoint first, which no longer parses
            assertThatThrownBy(ledger::checkpoint).isInstanceOf(ProvenanceException.class);
            assertThat(ledger.appendAllAndCheckpoint(List.of(next))).extracting(LedgerEntry::index).containsExactly(1L);
        }
        assertThat(storedCheckpointSizes()).containsExactly(1L); // nothing half-signed was left behind
        try (Ledger ledger = Ledger.open(dir)) {
            assertThat(ledger.size()).isEqualTo(2);
            assertThat(ledger.get(1).orElseThrow().record().bytes()).isEqualTo(next.bytes());
        }
    }

    private List<Long> storedCheckpointSizes() throws Exception {
        List<Long> sizes = new ArrayList<>();
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.db"));
             Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT size FROM checkpoints ORDER BY size")) {
            while (rs.next()) {
                sizes.add(rs.getLong(1));
            }
        }
        return sizes;
    }

    private void execute(String sql) throws Exception {
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.db"));
             Statement st = conn.createStatement()) {
            st.executeUpdate(sql);
        }
    }
}
