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

    /** Copies the extra columns of the current row, from column {@code column} on, for {@link #check}. */
    Object read(ResultSet row, int column) throws SQLException;

    /**
     * What {@link #check} needs from an entry's bytes alone; runs on a worker thread, ahead of the checks and only for
     * entries whose bytes are intact. Must not use the connection, and must not throw: a failure is for {@code check}
     * to report.
     */
    Object prepare(byte[] bytes);

    /**
     * Checks the derived data of entry {@code idx}, whose bytes are intact (they hash to {@code id} and sit at their
     * position); {@code row} is what {@link #read} copied and {@code prepared} what {@link #prepare} gave.
     */
    void check(long idx, Digest id, Object row, Object prepared, Problems problems) throws SQLException;

    /**
     * Entry {@code idx} failed the hash or position check (already named): its derived data is not checked. Its bytes
     * hash to {@code id}.
     */
    void unchecked(long idx, Digest id);

    /** After the last of {@code count} entries: checks what needs the whole pass (rows no record accounts for). */
    void finish(long count, Problems problems) throws SQLException;

    /** Releases what the checks hold open (also when the pass ends early with an exception); idempotent. */
    void close();
}
