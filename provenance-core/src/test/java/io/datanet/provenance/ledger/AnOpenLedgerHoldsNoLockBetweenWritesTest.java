package io.datanet.provenance.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datanet.provenance.testing.SampleRecords;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Between its writes an open ledger holds no lock on either database file, whatever the last write was (an
 * append, a bulk append that met an already-logged record and was redone, a signed checkpoint, a failed append):
 * another process can take the write lock at once, without waiting.
 */
class AnOpenLedgerHoldsNoLockBetweenWritesTest {
    @TempDir
    Path dir;

    private void assertWriteLockIsFree(String file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(file));
             Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = 0");
            st.execute("BEGIN IMMEDIATE"); // SQLITE_BUSY at once if the ledger's connection kept a transaction
            st.execute("ROLLBACK");
        }
    }

    private void assertNoLock() throws SQLException {
        assertWriteLockIsFree("ledger.db");
        assertWriteLockIsFree("ledger-index.db");
    }

    @Test
    void noLockIsHeldAfterAnyKindOfWrite() throws Exception {
        try (Ledger ledger = Ledger.open(dir)) {
            assertNoLock();
            ledger.append(SampleRecords.canonical(0));
            assertNoLock();
            ledger.appendAll(List.of(SampleRecords.canonical(1), SampleRecords.canonical(0),
                    SampleRecords.canonical(2)));
            assertNoLock();
            ledger.checkpoint();
            assertNoLock();
            assertThat(ledger.size()).isEqualTo(3);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.db"));
                 Statement st = c.createStatement()) {
                st.execute("CREATE TRIGGER refuse BEFORE INSERT ON records BEGIN SELECT RAISE(ABORT, 'refused'); END");
            }
            assertThatThrownBy(() -> ledger.append(SampleRecords.canonical(3)))
                    .isInstanceOf(LedgerException.class);
            assertNoLock();
            assertThat(ledger.size()).isEqualTo(3);
        }
    }
}
