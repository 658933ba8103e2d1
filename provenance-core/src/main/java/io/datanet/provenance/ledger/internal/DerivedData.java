package io.datanet.provenance.ledger.internal;

import io.datanet.provenance.Digest;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A store's data derived from the records (lookup keys, parent links, DataNet uses), checked by {@link LogVerifier}
 * in its single pass over the records.
 */
interface DerivedData {
    /** Where problems go: naming an entry, or not. */
    interface Problems {
        void entry(long idx, String text);

        void other(String text);
    }

    /** Extra columns of {@code records} the pass reads for {@link #check}, as {@code ", a, b"}. */
    String columns();

    /**
     * Checks the derived data of entry {@code idx}, whose bytes are intact (they hash to {@code id} and sit at their
     * position); the extra columns are at {@code row} from column {@code column} on.
     */
    void check(long idx, Digest id, byte[] bytes, ResultSet row, int column, Problems problems) throws SQLException;

    /** Entry {@code idx} failed the hash or position check (already named): its derived data is not checked. */
    void unchecked(long idx);

    /** After the last of {@code count} entries: checks what needs the whole pass (rows no record accounts for). */
    void finish(long count, Problems problems) throws SQLException;
}
