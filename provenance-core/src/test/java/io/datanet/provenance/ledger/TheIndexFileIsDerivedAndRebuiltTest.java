package io.datanet.provenance.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.datanet.provenance.ledger.internal.Keys;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.testing.SampleRecords;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema version 3: the lookup indexes live in {@code ledger-index.db} beside {@code ledger.db} (4 KB pages, not
 * synced on commit: everything in it is derived from the records). Whatever happens to that file (deleted, left
 * behind or ahead of the records by a crash between the two files' commits, taken from another ledger, garbage,
 * edited), opening the ledger rebuilds or catches it up from the records, and {@code verify} names the entry
 * whose index rows were edited. A version-2 ledger, which kept the indexes in ledger.db, is migrated at open.
 *
 * <p>The ledger: 0 base (iris, wine), 1 child of 0 (iris), 2 grandchild of 1 (wine), 3 a fine-tune of 5 logged
 * before it (iris), 4 unrelated (mnist), 5 the late base (wine), 6 a fine-tune of a model never logged (iris).
 */
class TheIndexFileIsDerivedAndRebuiltTest {
    @TempDir
    Path dir;
    @TempDir
    Path other;

    private final List<CanonicalRecord> records = new ArrayList<>();
    private final CanonicalRecord absentParent = rec("absent", null, "iris");

    @BeforeEach
    void build() {
        CanonicalRecord base = rec("base", null, "iris", "wine");
        CanonicalRecord child = rec("child", base.idHex(), "iris");
        CanonicalRecord grandchild = rec("grandchild", child.idHex(), "wine");
        CanonicalRecord lateBase = rec("late-base", null, "wine");
        CanonicalRecord early = rec("early", lateBase.idHex(), "iris");
        CanonicalRecord unrelated = rec("unrelated", null, "mnist");
        CanonicalRecord waiting = rec("waiting", absentParent.idHex(), "iris");
        records.addAll(List.of(base, child, grandchild, early, unrelated, lateBase, waiting));
        try (Ledger ledger = Ledger.open(dir)) {
            ledger.appendAll(records.subList(0, 3));
            for (CanonicalRecord r : records.subList(3, 7)) {
                ledger.append(r);
            }
        }
    }

    private static CanonicalRecord rec(String model, String parent, String... datanets) {
        return CanonicalRecord.of(SampleRecords.record(model, "v1", parent, datanets));
    }

    private Connection ledgerDb() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.db"));
    }

    private Connection index() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger-index.db"));
    }

    private void indexSql(String... statements) throws SQLException {
        try (Connection c = index(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.executeUpdate(s);
            }
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = index(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void deleteIndexFile(Path ledgerDir) throws Exception {
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(ledgerDir.resolve("ledger-index.db" + suffix));
        }
    }

    /** Every lookup the index answers, checked against the expected sets. */
    private void assertLookupsAreRight(Ledger ledger) {
        for (int i = 0; i < records.size(); i++) {
            CanonicalRecord r = records.get(i);
            assertThat(ledger.find(r.id())).get().extracting(LedgerEntry::index).isEqualTo((long) i);
            assertThat(ledger.resolve(r.idHex().substring(0, 10)).index()).isEqualTo(i);
            assertThat(ledger.resolve(r.record().model().ref()).index()).isEqualTo(i);
        }
        assertThat(ledger.childIndexes(0)).containsExactly(1);
        assertThat(ledger.childIndexes(1)).containsExactly(2);
        assertThat(ledger.childIndexes(5)).as("linked when its parent arrived").containsExactly(3);
        assertThat(ledger.parentIndex(3)).isEqualTo(5);
        assertThat(ledger.children(absentParent.id())).extracting(LedgerEntry::index).containsExactly(6L);
        assertThat(ledger.usesOf("iris", -1, 10)).extracting(LedgerEntry::index).containsExactly(0L, 1L, 3L, 6L);
        assertThat(ledger.useIndexes("wine", -1, 10)).containsExactly(0L, 2L, 5L);
        assertThat(ledger.usesDataNet(4, "mnist")).isTrue();
        assertThat(ledger.superseded(4)).isFalse();
    }

    private void assertWholeAndAppendable() {
        try (Ledger ledger = Ledger.openExisting(dir)) {
            assertLookupsAreRight(ledger);
            assertThat(ledger.verify(n -> { }).ok()).isTrue();
            ledger.append(absentParent); // the waiting fine-tune finds its parent through the index
            assertThat(ledger.parentIndex(6)).isEqualTo(7);
            assertThat(ledger.childIndexes(7)).containsExactly(6);
            assertThat(ledger.children(absentParent.id())).extracting(LedgerEntry::index).containsExactly(6L);
            assertThat(ledger.verify(n -> { }).ok()).isTrue();
        }
    }

    @Test
    void theIndexesAreInTheirOwnFileAndLedgerDbHasNone() throws Exception {
        try (Connection c = ledgerDb();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' "
                     + "AND tbl_name = 'records'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("no index on records in ledger.db: an append writes one records page").isZero();
        }
        assertThat(count("SELECT COUNT(*) FROM id_keys")).isEqualTo(7);
        assertThat(count("SELECT COUNT(*) FROM model_keys")).isEqualTo(7);
        assertThat(count("SELECT COUNT(*) FROM children")).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM orphans")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM datanet_uses")).isEqualTo(8);
        assertThat(count("PRAGMA page_size")).isEqualTo(4096);
        assertThat(count("SELECT value FROM state WHERE key = 'upto'")).isEqualTo(7);
        try (Ledger ledger = Ledger.openExisting(dir)) {
            assertLookupsAreRight(ledger);
        }
        assertWholeAndAppendable();
    }

    /**
     * A durable single append adds about one 4 KB page to ledger.db's WAL: the records page (plus a new leaf and its
     * parent when the page fills, and the tile pages every 16 appends), where schema 2 added four or five 64 KB
     * pages (a page of each index).
     */
    @Test
    void aSingleAppendWritesOneRecordsPageToTheSyncedLog() throws Exception {
        try (Ledger ledger = Ledger.openExisting(dir)) {
            long before = Files.size(dir.resolve("ledger.db-wal"));
            int appends = 48;
            for (int i = 0; i < appends; i++) {
                ledger.append(rec("single-" + i, null, "iris"));
            }
            long frames = (Files.size(dir.resolve("ledger.db-wal")) - before) / (4096 + 24);
            assertThat(frames).as("4 KB WAL frames written to ledger.db by %d appends", appends)
                    .isBetween((long) appends, appends + appends / 2L);
            assertThat(ledger.resolve("single-47@v1").index()).isEqualTo(records.size() + 47);
        }
    }

    /**
     * Schema 4 stores new records compressed; a version-3 ledger's rows hold the canonical bytes as they are. It
     * becomes version 4 without a rewrite: its rows read as before, verify under its checkpoints, are found again
     * when appended again (the duplicate check compares canonical bytes, not stored forms), and only new records
     * are compressed.
     */
    @Test
    void aVersion3LedgerKeepsItsPlainRowsAndCompressesOnlyNewOnes() throws Exception {
        Checkpoint before;
        try (Ledger ledger = Ledger.openExisting(dir)) {
            before = ledger.checkpoint().checkpoint();
        }
        try (Connection c = ledgerDb();
             PreparedStatement ps = c.prepareStatement("UPDATE records SET bytes = ? WHERE idx = ?");
             Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            for (int i = 0; i < records.size(); i++) {
                ps.setBytes(1, records.get(i).bytes());
                ps.setLong(2, i);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            st.executeUpdate("UPDATE meta SET value = '3' WHERE key = 'schema'");
            c.commit();
        }
        try (Ledger ledger = Ledger.openExisting(dir)) {
            assertThat(ledger.latestCheckpoint().orElseThrow().checkpoint()).isEqualTo(before);
            assertThat(ledger.append(records.get(2)).index()).as("logged already").isEqualTo(2);
            assertThat(ledger.size()).isEqualTo(records.size());
        }
        assertWholeAndAppendable();
        try (Connection c = ledgerDb();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT idx, substr(bytes, 1, 1), "
                     + "(SELECT value FROM meta WHERE key = 'schema') FROM records ORDER BY idx")) {
            for (int i = 0; i <= records.size(); i++) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(3)).isEqualTo("4");
                assertThat(rs.getBytes(2)).as("row %d", i)
                        .containsExactly(i < records.size() ? '{' : 2);
            }
        }
    }

    @Test
    void aDeletedIndexFileIsRebuiltFromTheRecords() throws Exception {
        deleteIndexFile(dir);
        assertWholeAndAppendable();
    }

    @Test
    void anIndexLeftBehindByACrashBetweenTheTwoCommitsCatchesUp() throws Exception {
        // ledger.db committed entries 5 and 6 (and 5's link of the earlier fine-tune 3 to it), the index file's
        // commits of them never happened: 3 is still an orphan there
        indexSql("DELETE FROM id_keys WHERE idx >= 5", "DELETE FROM model_keys WHERE idx >= 5",
                "DELETE FROM children WHERE idx >= 5 OR parent >= 5", "DELETE FROM orphans WHERE idx >= 5",
                "INSERT INTO orphans VALUES (" + Keys.ofHexPrefix(records.get(5).idHex()) + ", 3)",
                "DELETE FROM datanet_uses WHERE idx >= 5", "UPDATE state SET value = '5' WHERE key = 'upto'");
        assertWholeAndAppendable();
    }

    @Test
    void anIndexAheadOfTheRecordsIsRebuilt() throws Exception {
        indexSql("INSERT INTO id_keys VALUES (12345, 9)", "INSERT INTO datanet_uses VALUES (1, 9)",
                "UPDATE state SET value = '10' WHERE key = 'upto'");
        assertWholeAndAppendable();
        assertThat(count("SELECT COUNT(*) FROM id_keys WHERE idx = 9")).isZero();
    }

    @Test
    void anotherLedgersIndexFileIsReplaced() throws Exception {
        try (Ledger ledger = Ledger.open(other)) {
            ledger.append(rec("elsewhere", null, "iris"));
        }
        deleteIndexFile(dir);
        Files.copy(other.resolve("ledger-index.db"), dir.resolve("ledger-index.db"));
        assertWholeAndAppendable();
    }

    @Test
    void anUnreadableIndexFileIsSetAsideAndRebuilt() throws Exception {
        deleteIndexFile(dir);
        byte[] garbage = "this is not an SQLite file, it only sits where the index should be"
                .repeat(100).getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("ledger-index.db"), garbage);
        assertWholeAndAppendable();
        assertThat(Files.readAllBytes(dir.resolve("ledger-index.db.unreadable"))).isEqualTo(garbage);
    }

    /** A readable first page but a malformed page behind it (the one holding {@code upto}): set aside, not blamed on ledger.db. */
    @Test
    void anIndexFileWithADamagedPageIsSetAsideAndRebuilt() throws Exception {
        long page = count("SELECT rootpage FROM sqlite_master WHERE name = 'state'");
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("ledger-index.db").toFile(), "rw")) {
            byte[] garbage = new byte[4096];
            Arrays.fill(garbage, (byte) 0x5a);
            f.seek((page - 1) * 4096);
            f.write(garbage);
        }
        assertWholeAndAppendable();
        assertThat(dir.resolve("ledger-index.db.unreadable")).exists();
    }

    @Test
    void verifyNamesTheEntryWhoseIndexRowsWereEdited() throws Exception {
        indexSql("DELETE FROM id_keys WHERE idx = 4"); // find(id of 4) would say "not logged"
        assertNamed(4, "id_keys");
    }

    @Test
    void verifyNamesAForgedOrMovedIndexRow() throws Exception {
        indexSql("UPDATE model_keys SET key = key + 1 WHERE idx = 2");
        assertNamed(2, "model_keys");
    }

    @Test
    void verifyNamesAMovedChildLink() throws Exception {
        indexSql("UPDATE children SET parent = 4 WHERE idx = 3"); // lineage would hang 3 under 4
        assertNamed(3, "children");
    }

    @Test
    void verifyNamesAForgedOrphan() throws Exception {
        indexSql("INSERT INTO orphans VALUES (77, 2)");
        assertNamed(2, "orphans");
    }

    @Test
    void verifyReportsIndexRowsForEntriesTheLogDoesNotHold() throws Exception {
        indexSql("INSERT INTO model_keys VALUES (5, 6)", "INSERT INTO model_keys VALUES (5, 40)");
        try (Ledger ledger = Ledger.openExisting(dir)) {
            VerificationReport r = ledger.verify(n -> { });
            assertThat(r.ok()).isFalse();
            assertThat(String.join("\n", r.problems())).contains("entry 6", "model_keys",
                    "1 rows for entries at or beyond 7");
        }
    }

    private void assertNamed(long entry, String table) {
        try (Ledger ledger = Ledger.openExisting(dir)) {
            VerificationReport r = ledger.verify(n -> { });
            assertThat(r.ok()).isFalse();
            assertThat(r.firstBadEntry()).hasValue(entry);
            assertThat(r.problems()).hasSize(1);
            assertThat(r.problems().get(0)).contains("entry " + entry, table, "ledger-index.db");
        }
    }

    /** Version 2 kept the indexes in ledger.db: SQLite indexes on the records, datanets and datanet_uses. */
    @Test
    void aVersion2LedgerIsMigratedAndKeepsVerifyingUnderItsCheckpoints() throws Exception {
        SignedCheckpoint before;
        try (Ledger ledger = Ledger.openExisting(dir)) {
            before = ledger.latestCheckpoint().orElseThrow();
        }
        try (Connection c = ledgerDb();
             Statement st = c.createStatement()) {
            st.execute("ATTACH DATABASE '" + dir.resolve("ledger-index.db") + "' AS ix");
            c.setAutoCommit(false);
            st.executeUpdate("CREATE TABLE main.datanets(n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE)");
            st.executeUpdate("CREATE TABLE main.datanet_uses(n INTEGER NOT NULL, idx INTEGER NOT NULL, "
                    + "PRIMARY KEY(n, idx)) WITHOUT ROWID");
            st.executeUpdate("INSERT INTO main.datanets SELECT n, id FROM ix.datanets");
            st.executeUpdate("INSERT INTO main.datanet_uses SELECT n, idx FROM ix.datanet_uses");
            st.executeUpdate("ALTER TABLE main.records ADD COLUMN modelkey INTEGER NOT NULL DEFAULT 0");
            st.executeUpdate("ALTER TABLE main.records ADD COLUMN parentkey INTEGER");
            OldLookupColumns.fill(c, "main.records", records); // version 2's lookup columns
            st.executeUpdate("CREATE INDEX main.records_idkey ON records(idkey)");
            st.executeUpdate("CREATE INDEX main.records_modelkey ON records(modelkey)");
            st.executeUpdate("CREATE INDEX main.records_children ON records(parent_idx) WHERE parent_idx IS NOT NULL");
            st.executeUpdate("CREATE INDEX main.records_orphans ON records(parentkey) "
                    + "WHERE parentkey IS NOT NULL AND parent_idx IS NULL");
            st.executeUpdate("UPDATE main.meta SET value = '2' WHERE key = 'schema'");
            c.commit();
        }
        deleteIndexFile(dir);
        try (Ledger ledger = Ledger.openExisting(dir)) {
            assertThat(ledger.latestCheckpoint()).contains(before);
            assertLookupsAreRight(ledger);
        }
        try (Connection c = ledgerDb();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT (SELECT value FROM meta WHERE key = 'schema'), "
                     + "(SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'records_%' OR name LIKE 'datanet%')")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("4");
            assertThat(rs.getInt(2)).as("the version-2 indexes left ledger.db").isZero();
        }
        try (Connection c = ledgerDb();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM pragma_table_info('records') "
                     + "WHERE name IN ('modelkey', 'parentkey')")) {
            rs.next();
            assertThat(rs.getInt(1)).as("records lost the version-2 lookup columns").isZero();
        }
        assertWholeAndAppendable();
    }
}
