package io.datanet.provenance.postgres.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Part of {@code verify} only this store needs: a fine-tune's stored {@code parent_idx} (which lineage walks
 * follow without parsing) must point at a record whose id key is the one the fine-tune names. One SQL pass, no
 * record parsed.
 */
final class ParentCheck {
    private ParentCheck() {}

    /** Adds a problem per wrong link (at most 10 named) and returns the first child at fault, or -1. */
    static long firstWrongParent(Connection conn, String location, List<String> problems) throws SQLException {
        long first = -1;
        int named = 0;
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT c.idx, c.parent_idx FROM records c LEFT JOIN records p "
                     + "ON p.idx = c.parent_idx WHERE c.parent_idx IS NOT NULL "
                     + "AND (c.parentkey IS NULL OR p.idx IS NULL OR p.idkey <> c.parentkey) ORDER BY c.idx")) {
            while (rs.next()) {
                if (first < 0) {
                    first = rs.getLong(1);
                }
                if (named++ < 10) {
                    problems.add("entry " + rs.getLong(1) + ": its stored parent link (entry " + rs.getLong(2)
                            + ") is not the record it names as its fine-tune parent, in " + location);
                }
            }
        }
        return first;
    }
}
