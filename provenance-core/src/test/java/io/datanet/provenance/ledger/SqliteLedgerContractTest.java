package io.datanet.provenance.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.io.TempDir;

/** The ledger contract on the embedded store: a directory with one SQLite database and the key file. */
class SqliteLedgerContractTest extends LedgerContract {
    @TempDir
    Path dir;

    @Override
    protected Ledger open() {
        return Ledger.open(dir);
    }

    @Override
    protected void overwriteStoredBytes(long index, byte[] bytes) throws Exception {
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.db"));
             PreparedStatement ps = conn.prepareStatement("UPDATE records SET bytes = ? WHERE idx = ?")) {
            ps.setBytes(1, bytes);
            ps.setLong(2, index);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("no entry " + index + " to overwrite");
            }
        }
    }
}
