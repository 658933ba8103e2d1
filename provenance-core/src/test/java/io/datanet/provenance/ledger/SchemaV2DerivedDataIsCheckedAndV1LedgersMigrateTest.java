package io.datanet.provenance.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datanet.provenance.ledger.internal.Keys;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.testing.SampleRecords;
import java.nio.file.Files;
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
 * Schema version 2 of the embedded store: the lookup data that lineage walks read without parsing records
 * ({@code parent_idx}, the DataNet-use index, the lookup keys) is recomputed by {@code verify}, which names the
 * entry whose derived data was edited in the database file; a version-1 ledger is migrated in place at open and
 * keeps verifying under its old checkpoints; a ledger of an unknown newer version is refused with one line.
 *
 * <p>The ledger: 0 base (iris, wine), 1 child of 0 (iris), 2 grandchild of 1 (wine), 3 a fine-tune of 5 logged
 * before it (iris), 4 unrelated (mnist), 5 the late base (wine); checkpoint at 6.
 */
class SchemaV2DerivedDataIsCheckedAndV1LedgersMigrateTest {
    @TempDir
    Path dir;

    private final List<CanonicalRecord> records = new ArrayList<>();

    @BeforeEach
    void build() {
        CanonicalRecord base = rec("base", null, "iris", "wine");
        CanonicalRecord child = rec("child", base.idHex(), "iris");
        CanonicalRecord grandchild = rec("grandchild", child.idHex(), "wine");
        CanonicalRecord lateBase = rec("late-base", null, "wine");
        CanonicalRecord early = rec("early", lateBase.idHex(), "iris");
        CanonicalRecord other = rec("other", null, "mnist");
        records.addAll(List.of(base, child, grandchild, early, other, lateBase));
        try (Ledger ledger = Ledger.open(dir)) {
            ledger.appendAll(records.subList(0, 3));
            for (CanonicalRecord r : records.subList(3, 6)) {
                ledger.append(r);
            }
        }
    }

    private static CanonicalRecord rec(String model, String parent, String... datanets) {
        return CanonicalRecord.of(SampleRecords.record(model, "v1", parent, datanets));
    }

    /** ledger.db with the index file attached: the derived tables resolve to it by their plain names. */
    private Connection jdbc() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.db"));
        try (Statement st = c.createStatement()) {
            st.execute("ATTACH DATABASE '" + dir.resolve("ledger-index.db") + "' AS ix");
        }
        return c;
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = jdbc(); Statement st = c.createStatement()) {
            st.executeUpdate(statement);
        }
    }

    private void assertWalksAreRight(Ledger ledger) {
        assertThat(ledger.parentIndex(0)).isEqualTo(-1);
        assertThat(ledger.parentIndex(1)).isZero();
        assertThat(ledger.parentIndex(2)).isEqualTo(1);
        assertThat(ledger.parentIndex(3)).as("back-filled when its parent arrived").isEqualTo(5);
        assertThat(ledger.childIndexes(0)).containsExactly(1);
        assertThat(ledger.childIndexes(5)).containsExactly(3);
        assertThat(ledger.childIndexes(4)).isEmpty();
        assertThat(ledger.usesDataNet(0, "wine")).isTrue();
        assertThat(ledger.usesDataNet(1, "wine")).isFalse();
        assertThat(ledger.usesDataNet(4, "mnist")).isTrue();
        assertThat(ledger.usesDataNet(4, "no-such-datanet")).isFalse();
        assertThat(ledger.usesOf("iris", -1, 10)).extracting(LedgerEntry::index).containsExactly(0L, 1L, 3L);
        assertThat(ledger.usesOf("wine", 0, 10)).extracting(LedgerEntry::index).containsExactly(2L, 5L);
        assertThat(ledger.children(records.get(0).id())).extracting(LedgerEntry::index).containsExactly(1L);
        assertThatThrownBy(() -> ledger.parentIndex(6)).isInstanceOf(RecordNotFoundException.class);
        assertThatThrownBy(() -> ledger.usesDataNet(6, "iris")).isInstanceOf(RecordNotFoundException.class);
        assertThatThrownBy(() -> ledger.childIndexes(-1)).isInstanceOf(RecordNotFoundException.class);
    }

    private VerificationReport verify() {
        try (Ledger ledger = Ledger.openExisting(dir)) {
            return ledger.verify(n -> { });
        }
    }

    @Test
    void theIndexesAnswerWalksAndAnIntactLedgerVerifies() throws Exception {
        try (Ledger ledger = Ledger.openExisting(dir)) {
            assertWalksAreRight(ledger);
        }
        assertThat(verify().ok()).isTrue();
        try (Connection c = jdbc(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA page_size")) {
            rs.next();
            assertThat(rs.getInt(1)).as("4 KB pages for new ledgers").isEqualTo(4096);
        }
    }

    @Test
    void aForgedParentIndexIsNamed() throws Exception {
        sql("UPDATE records SET parent_idx = 4 WHERE idx = 2");
        VerificationReport r = verify();
        assertThat(r.ok()).isFalse();
        assertThat(r.firstBadEntry()).hasValue(2);
        assertThat(r.problems().get(0)).contains("entry 2", "parent_idx says 4");
    }

    @Test
    void anEmptiedParentIndexIsNamed() throws Exception {
        sql("UPDATE records SET parent_idx = NULL WHERE idx = 3");
        VerificationReport r = verify();
        assertThat(r.firstBadEntry()).hasValue(3);
        assertThat(r.problems().get(0)).contains("entry 3", "logged at entry 5", "parent_idx is empty");
    }

    @Test
    void aParentIndexOnARecordWithoutParentIsNamed() throws Exception {
        sql("UPDATE records SET parent_idx = 0 WHERE idx = 4");
        VerificationReport r = verify();
        assertThat(r.firstBadEntry()).hasValue(4);
        assertThat(r.problems().get(0)).contains("entry 4", "has no parent");
    }

    @Test
    void aForgedDataNetUseRowIsNamed() throws Exception {
        long mnist;
        try (Connection c = jdbc(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT n FROM datanets WHERE id = 'mnist'")) {
            rs.next();
            mnist = rs.getLong(1);
        }
        sql("INSERT INTO datanet_uses(n, idx) VALUES (" + mnist + ", 1)");
        try (Ledger ledger = Ledger.openExisting(dir)) {
            assertThat(ledger.usesDataNet(1, "mnist")).as("the forgery is what the index now says").isTrue();
        }
        VerificationReport r = verify();
        assertThat(r.firstBadEntry()).hasValue(1);
        assertThat(r.problems()).anySatisfy(p -> assertThat(p).contains("entry 1", "DataNet mnist", "does not"));
    }

    @Test
    void aDeletedDataNetUseRowIsNamed() throws Exception {
        sql("DELETE FROM datanet_uses WHERE idx = 5 AND n = (SELECT n FROM datanets WHERE id = 'wine')");
        VerificationReport r = verify();
        assertThat(r.firstBadEntry()).hasValue(5);
        assertThat(r.problems().get(0)).contains("entry 5", "DataNet wine", "missing");
    }

    @Test
    void swappedDataNetNumbersAreCaught() throws Exception {
        try (Connection c = jdbc(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE datanets SET id = 'tmp' WHERE id = 'iris'");
            st.executeUpdate("UPDATE datanets SET id = 'iris' WHERE id = 'wine'");
            st.executeUpdate("UPDATE datanets SET id = 'wine' WHERE id = 'tmp'");
        }
        VerificationReport r = verify();
        assertThat(r.ok()).isFalse();
        // entry 0 used both, so its rows still match; entry 1 used iris only, whose number is now wine's
        assertThat(r.firstBadEntry()).hasValue(1);
        assertThat(r.problems().get(0)).contains("entry 1", "DataNet iris", "missing");
    }


    @Test
    void aNewerSchemaIsRefusedWithOneLineNamingTheFile() throws Exception {
        sql("UPDATE meta SET value = '5' WHERE key = 'schema'");
        assertThatThrownBy(() -> Ledger.openExisting(dir)).isInstanceOf(LedgerException.class)
                .hasMessageContaining("ledger.db").hasMessageContaining("schema version 5")
                .hasMessageContaining("newer release").hasMessageNotContaining("\n");
    }

    /**
     * Turns the ledger back into the version-1 layout (the v1 DDL, the hashed 32-bit DataNet keys, no
     * parent_idx, no datanets table), as a user's existing ./.provenance would be, then opens it.
     */
    @Test
    void aVersion1LedgerIsMigratedInPlaceAndStillVerifiesUnderItsCheckpoints() throws Exception {
        SignedCheckpoint before;
        try (Ledger ledger = Ledger.openExisting(dir)) {
            before = ledger.latestCheckpoint().orElseThrow();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.db"));
             Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.executeUpdate("CREATE TABLE records_v1(idx INTEGER PRIMARY KEY, idkey INTEGER NOT NULL, "
                    + "chk INTEGER NOT NULL, modelkey INTEGER NOT NULL, weightskey INTEGER, parentkey INTEGER, "
                    + "bytes BLOB NOT NULL)");
            st.executeUpdate("INSERT INTO records_v1 SELECT idx, idkey, chk, 0, NULL, NULL, bytes "
                    + "FROM records"); // v1's weightskey: the migration drops it, so its values do not matter
            OldLookupColumns.fill(c, "records_v1", records); // v1's lookup keys, which schema 3 no longer stores
            st.executeUpdate("DROP TABLE records");
            st.executeUpdate("ALTER TABLE records_v1 RENAME TO records");
            st.executeUpdate("CREATE INDEX records_idkey ON records(idkey)");
            st.executeUpdate("CREATE INDEX records_modelkey ON records(modelkey)");
            st.executeUpdate("CREATE INDEX records_weightskey ON records(weightskey) WHERE weightskey IS NOT NULL");
            st.executeUpdate("CREATE INDEX records_parentkey ON records(parentkey) WHERE parentkey IS NOT NULL");
            st.executeUpdate("DROP TABLE weights_filters");
            st.executeUpdate("CREATE TABLE datanet_uses(dnkey INTEGER NOT NULL, idx INTEGER NOT NULL, "
                    + "PRIMARY KEY(dnkey, idx)) WITHOUT ROWID");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO datanet_uses VALUES (?, ?)")) {
                for (int i = 0; i < records.size(); i++) {
                    for (var use : records.get(i).record().datanets()) {
                        ps.setInt(1, Keys.ofDataNet(use.id()));
                        ps.setLong(2, i);
                        ps.executeUpdate();
                    }
                }
            }
            st.executeUpdate("UPDATE meta SET value = '1' WHERE key = 'schema'");
            c.commit();
        }
        for (String file : List.of("ledger-index.db", "ledger-index.db-wal", "ledger-index.db-shm")) {
            Files.deleteIfExists(dir.resolve(file)); // version 1 had no index file
        }
        try (Ledger ledger = Ledger.openExisting(dir)) {
            assertWalksAreRight(ledger);
            assertThat(ledger.latestCheckpoint()).contains(before);
            assertThat(ledger.verify(n -> { }).ok()).isTrue();
            ledger.append(rec("after-migration", records.get(4).idHex(), "mnist"));
            assertThat(ledger.childIndexes(4)).containsExactly(6);
        }
        try (Connection c = jdbc(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT value FROM meta WHERE key = 'schema'")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("4");
        }
        assertThat(verify().ok()).isTrue();
    }
}
