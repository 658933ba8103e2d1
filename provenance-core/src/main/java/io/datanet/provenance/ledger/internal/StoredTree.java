package io.datanet.provenance.ledger.internal;

import io.datanet.provenance.Digest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The embedded store's tree tiles ({@link TreeStore}: every fourth tree level in tiles of 16 hashes) over any
 * JDBC connection whose {@code records(idx, bytes)} and {@code tiles(level, n, hashes)} tables have the
 * embedded store's shape, so another store (PostgreSQL) keeps, reads and verifies its tree with the same
 * code. The SQL is SQLite's: a connection to another database must translate its one upsert
 * ({@code INSERT OR REPLACE INTO tiles}). Not thread-safe.
 */
public final class StoredTree implements SubtreeReader {
    private final TreeStore store;

    /** The tree stored through {@code conn}; {@code location} names the store in errors. */
    public StoredTree(Connection conn, String location) {
        this.store = new TreeStore(conn, location);
    }

    @Override
    public Digest subtree(int level, long index) {
        return store.subtree(level, index);
    }

    /**
     * Stores the subtree hashes completed by appending leaves {@code [first, first + leafHashes.size())}; must
     * run inside the transaction that appends those records.
     */
    public void afterAppend(long first, List<Digest> leafHashes) throws SQLException {
        store.afterAppend(first, leafHashes);
    }

    /** Forgets cached hashes, after a rolled-back write. */
    public void invalidate() {
        store.invalidate();
    }
}
