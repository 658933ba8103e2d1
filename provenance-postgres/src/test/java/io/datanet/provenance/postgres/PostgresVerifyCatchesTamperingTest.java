package io.datanet.provenance.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerEntry;
import io.datanet.provenance.ledger.LedgerOptions;
import io.datanet.provenance.ledger.VerificationReport;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.testing.SampleRecords;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What verify catches in the data only this store keeps, each by tampering with the database behind the
 * ledger's back: a fine-tune's parent link pointed elsewhere, a log head moved past the records, a record deleted.
 */
class PostgresVerifyCatchesTamperingTest {
    @RegisterExtension
    static final PostgresServer SERVER = new PostgresServer();

    @TempDir
    Path keys;

    private String ledgerWithAFineTune() throws Exception {
        String url = SERVER.newDatabase();
        try (Ledger ledger = PostgresLedger.open(url, keys, LedgerOptions.defaults())) {
            LedgerEntry base = ledger.append(CanonicalRecord.of(SampleRecords.record("base", "1", null, "iris")));
            ledger.append(CanonicalRecord.of(SampleRecords.record("other", "1", null, "wine")));
            ledger.append(CanonicalRecord.of(SampleRecords.record("tuned", "1", base.id(), "wine")));
            assertThat(ledger.verify(p -> { }).ok()).isTrue();
        }
        return url;
    }

    private VerificationReport tamperAndVerify(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            assertThat(st.executeUpdate(sql)).isEqualTo(1);
        }
        try (Ledger ledger = PostgresLedger.open(url, keys, LedgerOptions.defaults())) {
            return ledger.verify(p -> { });
        }
    }

    @Test
    void aParentLinkPointedAtAnotherRecordIsNamed() throws Exception {
        VerificationReport report = tamperAndVerify(ledgerWithAFineTune(),
                "UPDATE records SET parent_idx = 1 WHERE idx = 2");
        assertThat(report.ok()).isFalse();
        assertThat(report.firstBadEntry()).hasValue(2);
        assertThat(report.problems()).anyMatch(p -> p.contains("entry 2: its stored parent link"));
    }

    @Test
    void aLogHeadMovedPastTheRecordsIsReported() throws Exception {
        VerificationReport report = tamperAndVerify(ledgerWithAFineTune(), "UPDATE log_head SET size = 5");
        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).anyMatch(p -> p.contains("the log head says 5 records but 3"));
    }

    @Test
    void aDeletedRecordIsNamed() throws Exception {
        VerificationReport report = tamperAndVerify(ledgerWithAFineTune(), "DELETE FROM records WHERE idx = 1");
        assertThat(report.ok()).isFalse();
        assertThat(report.firstBadEntry()).hasValue(1);
        assertThat(report.summary()).contains("entry 1 is missing");
    }
}
