package io.datanet.provenance.postgres;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerContract;
import io.datanet.provenance.ledger.LedgerOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The ledger contract, unchanged, on PostgreSQL: each test gets a new database on a real server. */
class PostgresLedgerContractTest extends LedgerContract {
    @RegisterExtension
    static final PostgresServer SERVER = new PostgresServer();

    @TempDir
    Path keys;

    private String url;

    @BeforeEach
    void newDatabase() throws Exception {
        url = SERVER.newDatabase();
    }

    @Override
    protected Ledger open() {
        return PostgresLedger.open(url, keys, LedgerOptions.defaults());
    }

    @Override
    protected void overwriteStoredBytes(long index, byte[] bytes) throws Exception {
        try (Connection conn = DriverManager.getConnection(url);
             PreparedStatement ps = conn.prepareStatement("UPDATE records SET bytes = ? WHERE idx = ?")) {
            ps.setBytes(1, bytes);
            ps.setLong(2, index);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("no entry " + index + " to overwrite");
            }
        }
    }
}
