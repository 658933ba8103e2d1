package io.datanet.provenance.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerException;
import io.datanet.provenance.ledger.LedgerOptions;
import io.datanet.provenance.ledger.NoteSigner;
import io.datanet.provenance.testing.SampleRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the PostgreSQL ledger's signing key lives, and what it refuses: the key is a 0600 file in the key
 * directory of whoever signs (or given in the options), never in the database; writers without it append,
 * read and verify but cannot sign; a key of another log, a new log without a key, a database holding other
 * tables and a URL that is not PostgreSQL's are refused by name.
 */
class PostgresLedgerKeepsItsKeyOutOfTheDatabaseTest {
    @RegisterExtension
    static final PostgresServer SERVER = new PostgresServer();

    @TempDir
    Path tmp;

    @Test
    void theKeyFileIsCreatedOwnerOnlyAndNoPartOfTheSignerKeyIsStored() throws Exception {
        String url = SERVER.newDatabase();
        Path keys = tmp.resolve("keys");
        try (Ledger ledger = PostgresLedger.open(url, keys, LedgerOptions.defaults())) {
            ledger.append(SampleRecords.canonical(0));
            ledger.checkpoint();
        }
        Path file = keys.resolve("log.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String signerKey = Files.readString(file, StandardCharsets.UTF_8).strip();
        String secret = signerKey.substring(signerKey.lastIndexOf('+') + 1);
        StringBuilder everything = new StringBuilder();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            for (String query : new String[] {"SELECT key || value FROM meta", "SELECT note FROM checkpoints"}) {
                try (ResultSet rs = st.executeQuery(query)) {
                    while (rs.next()) {
                        everything.append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
        assertThat(everything.toString()).contains(NoteSigner.parse(signerKey).verifierKey()).doesNotContain(secret);
    }

    @Test
    void aWriterWithoutTheKeyAppendsAndVerifiesButCannotSign() throws Exception {
        String url = SERVER.newDatabase();
        try (Ledger creator = PostgresLedger.open(url, tmp.resolve("keys"), LedgerOptions.defaults())) {
            creator.append(SampleRecords.canonical(0));
        }
        try (Ledger writer = PostgresLedger.open(url, LedgerOptions.defaults())) {
            assertThat(writer.append(SampleRecords.canonical(1)).index()).isEqualTo(1);
            assertThatThrownBy(writer::checkpoint).isInstanceOf(LedgerException.class)
                    .hasMessageContaining("without the log signing key");
            assertThat(writer.verify(p -> { }).ok()).isTrue();
            assertThat(writer.checkpoints()).hasSize(1); // the creator's, signed when it closed
        }
    }

    @Test
    void aNewLogWithoutAKeyAnotherLogsKeyAForeignDatabaseAndAForeignUrlAreRefused() throws Exception {
        String url = SERVER.newDatabase();
        assertThatThrownBy(() -> PostgresLedger.open(url, LedgerOptions.defaults())).isInstanceOf(LedgerException.class)
                .hasMessageContaining("a new ledger needs its signing key");
        try (Ledger ledger = PostgresLedger.open(url, tmp.resolve("keys"), LedgerOptions.defaults())) {
            assertThat(ledger.size()).isZero();
        }
        String other = NoteSigner.generate("example.org/other-log").signerKey();
        assertThatThrownBy(() -> PostgresLedger.open(url, LedgerOptions.defaults().withSignerKey(other)))
                .isInstanceOf(LedgerException.class).hasMessageContaining("does not belong to the ledger");

        String foreign = SERVER.newDatabase();
        try (Connection c = DriverManager.getConnection(foreign); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE customers(id int PRIMARY KEY, name text)");
        }
        assertThatThrownBy(() -> PostgresLedger.open(foreign, tmp.resolve("keys2"), LedgerOptions.defaults()))
                .isInstanceOf(LedgerException.class).hasMessageContaining("no provenance ledger");
        assertThatThrownBy(() -> PostgresLedger.open("jdbc:sqlite:/tmp/x.db", LedgerOptions.defaults()))
                .isInstanceOf(LedgerException.class).hasMessageContaining("not a PostgreSQL JDBC URL");
    }
}
