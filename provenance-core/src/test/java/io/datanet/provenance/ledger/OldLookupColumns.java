package io.datanet.provenance.ledger;

import io.datanet.provenance.ledger.internal.Keys;
import io.datanet.provenance.record.CanonicalRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Fills the {@code modelkey} and {@code parentkey} columns that schema 1 and 2 kept in the records table (schema 3
 * computes the index rows from the bytes instead), and stores the bytes as they are (schema 4 stores them
 * compressed), for tests that turn a ledger back into an old layout.
 */
final class OldLookupColumns {
    private OldLookupColumns() {}

    /** Sets the three columns of every row of {@code table}, entry {@code i} being {@code records.get(i)}. */
    static void fill(Connection c, String table, List<CanonicalRecord> records) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE " + table + " SET modelkey = ?, parentkey = ?, bytes = ? WHERE idx = ?")) {
            for (int i = 0; i < records.size(); i++) {
                var model = records.get(i).record().model();
                ps.setInt(1, Keys.ofModel(model.ref()));
                if (model.parent() == null) {
                    ps.setNull(2, Types.INTEGER);
                } else {
                    ps.setInt(2, Keys.ofHexPrefix(model.parent()));
                }
                ps.setBytes(3, records.get(i).bytes());
                ps.setLong(4, i);
                ps.executeUpdate();
            }
        }
    }
}
