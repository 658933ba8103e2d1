package io.datanet.provenance.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.testing.SampleRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verification reads records in batches, hashes and scans them on worker threads, and checks DataNet uses a group of
 * entries at a time: a ledger of several thousand records (many batches and groups) with one entry tampered deep
 * inside is still named exactly, the first problem is about it, and progress is reported in order.
 *
 * <p>Every third record is a fine-tune of the record before it; records use one or two of three DataNets.
 */
class VerifyNamesTamperingDeepInAPipelinedPassTest {
    private static final int RECORDS = 5000;
    private static final String[] DATANETS = {"iris", "wine", "mnist"};

    @TempDir
    Path dir;

    @BeforeEach
    void build() {
        List<CanonicalRecord> records = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            String parent = i % 3 == 1 ? records.get(i - 1).idHex() : null;
            String[] uses = i % 2 == 0 ? new String[] {DATANETS[i % 3]}
                    : new String[] {DATANETS[i % 3], DATANETS[(i + 1) % 3]};
            records.add(CanonicalRecord.of(SampleRecords.record("model-" + i, "v1", parent, uses)));
        }
        try (Ledger ledger = Ledger.open(dir)) {
            ledger.appendAll(records);
            ledger.checkpoint();
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.db"));
             Statement st = c.createStatement()) {
            st.execute("ATTACH DATABASE '" + dir.resolve("ledger-index.db") + "' AS ix"); // the DataNet-use rows
            st.executeUpdate(statement);
        }
    }

    private VerificationReport verify(List<Long> progress) {
        try (Ledger ledger = Ledger.openExisting(dir)) {
            return ledger.verify(progress::add);
        }
    }

    @Test
    void anIntactLedgerVerifiesAndProgressCountsUpInOrder() {
        List<Long> progress = new ArrayList<>();
        VerificationReport r = verify(progress);
        assertThat(r.ok()).isTrue();
        assertThat(r.entries()).isEqualTo(RECORDS);
        assertThat(progress).isSorted().contains(4096L).last().isEqualTo((long) RECORDS);
    }

    @Test
    void aDeletedDataNetUseDeepInsideIsNamed() throws Exception {
        sql("DELETE FROM datanet_uses WHERE idx = 4321 AND n = (SELECT n FROM datanets WHERE id = 'wine')");
        VerificationReport r = verify(new ArrayList<>());
        assertThat(r.firstBadEntry()).hasValue(4321);
        assertThat(r.problems().get(0)).contains("entry 4321", "DataNet wine", "missing from the DataNet-use index");
    }

    @Test
    void aForgedParentIndexDeepInsideIsNamed() throws Exception {
        sql("UPDATE records SET parent_idx = 2998 WHERE idx = 3001");
        VerificationReport r = verify(new ArrayList<>());
        assertThat(r.firstBadEntry()).hasValue(3001);
        assertThat(r.problems().get(0)).contains("entry 3001", "parent_idx says 2998");
    }

    @Test
    void anEmptiedParentIndexDeepInsideIsNamed() throws Exception {
        sql("UPDATE records SET parent_idx = NULL WHERE idx = 4000");
        VerificationReport r = verify(new ArrayList<>());
        assertThat(r.firstBadEntry()).hasValue(4000);
        assertThat(r.problems().get(0)).contains("entry 4000", "logged at entry 3999", "parent_idx is empty");
    }

    @Test
    void alteredBytesDeepInsideAreNamed() throws Exception {
        byte[] canonical;
        try (Ledger ledger = Ledger.openExisting(dir)) {
            canonical = ledger.get(4500).orElseThrow().record().bytes();
        }
        setBytes(4500, new String(canonical, StandardCharsets.UTF_8).replace("model-4500", "model-4501")
                .getBytes(StandardCharsets.UTF_8)); // stored as they are, a form every version reads
        VerificationReport r = verify(new ArrayList<>());
        assertThat(r.firstBadEntry()).hasValue(4500);
        assertThat(r.problems().get(0)).contains("entry 4500", "record bytes were altered");
    }

    @Test
    void aFlippedByteInACompressedRowIsNamed() throws Exception {
        byte[] stored = storedBytes(4200);
        assertThat(stored[0]).as("stored compressed").isEqualTo((byte) 2);
        stored[stored.length / 2] ^= 0x10;
        setBytes(4200, stored);
        VerificationReport r = verify(new ArrayList<>());
        assertThat(r.firstBadEntry()).hasValue(4200);
        assertThat(r.problems().get(0)).contains("entry 4200", "record bytes were altered");
    }

    private byte[] storedBytes(long idx) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.db"));
             PreparedStatement ps = c.prepareStatement("SELECT bytes FROM records WHERE idx = ?")) {
            ps.setLong(1, idx);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getBytes(1);
            }
        }
    }

    private void setBytes(long idx, byte[] bytes) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.db"));
             PreparedStatement ps = c.prepareStatement("UPDATE records SET bytes = ? WHERE idx = ?")) {
            ps.setBytes(1, bytes);
            ps.setLong(2, idx);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void aDeletedEntryDeepInsideIsNamedAndEndsThePass() throws Exception {
        sql("DELETE FROM records WHERE idx = 3333");
        List<Long> progress = new ArrayList<>();
        VerificationReport r = verify(progress);
        assertThat(r.firstBadEntry()).hasValue(3333);
        assertThat(r.entries()).isEqualTo(3333);
        assertThat(r.problems()).anySatisfy(p -> assertThat(p).contains("entry 3333 is missing"));
        assertThat(progress).last().isEqualTo(3333L);
    }
}
