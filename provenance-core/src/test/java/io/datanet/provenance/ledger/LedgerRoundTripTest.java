package io.datanet.provenance.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datanet.provenance.testing.SampleRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only the embedded store does: its directory, its database file and its key file. The behaviour every
 * store shares is in {@link LedgerContract}, run on this store by {@link SqliteLedgerContractTest}.
 */
class LedgerRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void aForeignSqliteFileIsRefusedAndLeftAlone() throws Exception {
        Path db = dir.resolve("ledger.db");
        try (var conn = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             var st = conn.createStatement()) {
            st.executeUpdate("CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT)");
        }
        byte[] before = Files.readAllBytes(db);
        assertThatThrownBy(() -> Ledger.open(dir)).isInstanceOf(LedgerException.class)
                .hasMessageContaining("not a provenance ledger").hasMessageContaining("ledger.db");
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
    }

    @Test
    void openExistingRefusesADirectoryWithoutALedgerAndCreatesNothing() {
        Path empty = dir.resolve("typo");
        assertThatThrownBy(() -> Ledger.openExisting(empty)).isInstanceOf(LedgerException.class)
                .hasMessageContaining("no ledger here");
        assertThat(Files.exists(empty)).isFalse();
    }

    @Test
    void theLogKeyIsGeneratedOnFirstUseBesideTheDatabaseReadableOnlyByItsOwner() throws Exception {
        try (Ledger ledger = Ledger.open(dir)) {
            ledger.append(SampleRecords.canonical(0));
        }
        Path key = dir.resolve("log.key");
        assertThat(Files.exists(key)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }
}
