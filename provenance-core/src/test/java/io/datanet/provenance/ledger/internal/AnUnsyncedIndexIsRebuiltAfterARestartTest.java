package io.datanet.provenance.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerEntry;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.testing.SampleRecords;
import java.io.RandomAccessFile;
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
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the system names its boot (Linux), {@code ledger-index.db} is written with {@code synchronous=OFF}: a
 * process crash loses none of it, but an OS crash or power loss may leave any of its pages older than the rest,
 * and both end the boot. So every transaction that writes it marks ledger.db (synced) with the boot, a close syncs
 * the file and clears the mark, and an open that finds the mark of another boot rebuilds the index from the
 * records. The restart is played by changing the boot id the ledger reads; the pages an OS crash would have lost
 * are played by deleting index rows by hand, which a trusted index would keep answering from.
 */
class AnUnsyncedIndexIsRebuiltAfterARestartTest {
    @TempDir
    Path dir;

    private final Supplier<String> realBoot = BootId.source;
    private final List<Ledger> crashed = new ArrayList<>();
    private final List<CanonicalRecord> records = new ArrayList<>();

    @BeforeEach
    void boot() {
        BootId.source = () -> "boot-1";
        for (int i = 0; i < 300; i++) {
            records.add(SampleRecords.canonical(i));
        }
    }

    @AfterEach
    void restoreBoot() {
        BootId.source = realBoot;
        for (Ledger l : crashed) {
            l.close(); // only now: their connections stood for processes that died
        }
    }

    private void restart(String boot) {
        BootId.source = () -> boot;
    }

    /** A writer that dies without closing: its handle stays open (and is closed after the test). */
    private Ledger writerThatCrashes() {
        Ledger l = Ledger.open(dir);
        crashed.add(l);
        return l;
    }

    private String mark() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.db"));
             PreparedStatement ps = c.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            ps.setString(1, SqliteLedger.INDEX_UNSYNCED);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** What an OS crash may do to pages that were never synced: the index loses rows its {@code upto} covers. */
    private void losePages() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(IndexFile.FILE));
             Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM id_keys WHERE idx % 3 = 0");
            st.executeUpdate("DELETE FROM model_keys WHERE idx % 3 = 0");
        }
    }

    private void assertEveryRecordIsFound(Ledger ledger) {
        for (int i = 0; i < records.size(); i++) {
            assertThat(ledger.find(records.get(i).id())).as("entry %d", i).get()
                    .extracting(LedgerEntry::index).isEqualTo((long) i);
            assertThat(ledger.resolve(records.get(i).record().model().ref()).index()).isEqualTo(i);
        }
    }

    @Test
    void anAppendMarksTheIndexWithItsBootAndACloseSyncsItAndClearsTheMark() throws Exception {
        try (Ledger ledger = Ledger.open(dir)) {
            assertThat(mark()).as("a new ledger's open indexed nothing unsynced yet").isIn(null, "boot-1");
            ledger.appendAll(records.subList(0, 100));
            assertThat(mark()).isEqualTo("boot-1");
            ledger.append(records.get(100));
            assertThat(mark()).isEqualTo("boot-1");
        }
        assertThat(mark()).as("cleared by the close, after syncing the index file").isNull();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(IndexFile.FILE));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM state WHERE key = 'synced'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the synced commit that gives the close's checkpoint a frame to copy").isOne();
        }
        try (Ledger ledger = Ledger.openExisting(dir)) {
            assertThat(ledger.find(records.get(7).id())).isPresent();
        }
        assertThat(mark()).as("a handle that only read leaves no mark").isNull();
    }

    @Test
    void anIndexLeftUnsyncedByACrashIsRebuiltWhenTheMachineHasRestarted() throws Exception {
        writerThatCrashes().appendAll(records);
        losePages();
        try (Ledger ledger = Ledger.openExisting(dir)) {
            assertThat(ledger.find(records.get(3).id()))
                    .as("same boot: the index is trusted as written (these rows were removed by hand)").isEmpty();
        }
        losePages();
        restart("boot-2");
        try (Ledger ledger = Ledger.openExisting(dir)) {
            assertEveryRecordIsFound(ledger);
            assertThat(ledger.verify(n -> { }).ok()).isTrue();
            assertThat(mark()).as("the rebuild was written in this boot").isEqualTo("boot-2");
        }
        assertThat(mark()).isNull();
    }

    @Test
    void anIndexSyncedByACleanCloseIsTrustedAfterARestart() throws Exception {
        try (Ledger ledger = Ledger.open(dir)) {
            ledger.appendAll(records);
        }
        losePages(); // not what a restart does to a synced file: here it shows the index was not rebuilt
        restart("boot-2");
        try (Ledger ledger = Ledger.openExisting(dir)) {
            assertThat(ledger.find(records.get(3).id())).as("trusted: not rebuilt at open").isEmpty();
            assertThat(ledger.find(records.get(4).id())).isPresent();
            assertThat(ledger.verify(n -> { }).problems()).as("verify still names what differs")
                    .anySatisfy(p -> assertThat(p).contains("entry 3"));
        }
    }

    /**
     * One handle's close syncs the index and clears the mark while another handle keeps writing: that handle's
     * next write marks it again, so its crash is still caught after a restart.
     */
    @Test
    void aWriteAfterAnotherHandlesCloseMarksTheIndexAgain() throws Exception {
        Ledger survivor = writerThatCrashes();
        try (Ledger other = Ledger.openExisting(dir)) {
            other.appendAll(records.subList(0, 100));
            survivor.appendAll(records.subList(100, 200));
        }
        assertThat(mark()).as("everything written so far was synced by the close").isNull();
        survivor.appendAll(records.subList(200, 300));
        assertThat(mark()).isEqualTo("boot-1");
        losePages();
        restart("boot-2");
        try (Ledger ledger = Ledger.openExisting(dir)) {
            assertEveryRecordIsFound(ledger);
        }
    }

    /** Where the boot is not known the index is synced at its checkpoints, and a mark left by a Linux boot is honoured. */
    @Test
    void withoutABootIdTheIndexIsSyncedAndAForeignMarkIsRebuilt() throws Exception {
        writerThatCrashes().appendAll(records.subList(0, 200));
        losePages();
        restart(null);
        try (Ledger ledger = Ledger.openExisting(dir)) {
            assertThat(mark()).isNull();
            ledger.appendAll(records.subList(200, 300));
            assertThat(mark()).as("written at synchronous=NORMAL: nothing to mark").isNull();
            assertEveryRecordIsFound(ledger);
        }
    }

    /**
     * A restart can leave the unsynced file damaged beyond emptying in place (here every page but the schema's is
     * garbage): it is set aside and rebuilt.
     */
    @Test
    void anIndexDamagedByTheRestartIsSetAsideAndRebuilt() throws Exception {
        writerThatCrashes().appendAll(records);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(IndexFile.FILE));
             Statement st = c.createStatement()) {
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        Path index = dir.resolve(IndexFile.FILE);
        try (RandomAccessFile f = new RandomAccessFile(index.toFile(), "rw")) {
            byte[] garbage = new byte[IndexFile.PAGE_SIZE];
            Arrays.fill(garbage, (byte) 0x5a);
            for (long page = 1; page < f.length() / IndexFile.PAGE_SIZE; page++) {
                f.seek(page * IndexFile.PAGE_SIZE);
                f.write(garbage);
            }
        }
        restart("boot-2");
        try (Ledger ledger = Ledger.openExisting(dir)) {
            assertEveryRecordIsFound(ledger);
            assertThat(ledger.verify(n -> { }).ok()).isTrue();
        }
        assertThat(Files.exists(dir.resolve(IndexFile.FILE + ".unreadable"))).isTrue();
    }
}
