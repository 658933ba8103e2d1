package io.datanet.provenance.postgres;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerException;
import io.datanet.provenance.ledger.LedgerOptions;
import io.datanet.provenance.postgres.internal.PostgresStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The ledger on PostgreSQL, for a team: trainers on many machines append to one log. It is the same
 * {@link Ledger} as the embedded store (the same records, tree, checkpoints, proofs and {@code verify}), kept in
 * one database (or schema) instead of one file.
 *
 * <p>Any number of processes may append at once. Each stages its records and one of them at a time, the
 * holder of a PostgreSQL advisory lock, sequences everything staged: it gives leaf indexes with no gaps, extends
 * the tree and commits, so one transaction logs the records of many writers (group commit) and the log cannot
 * fork. An append is durable (committed with its index) when it returns.
 *
 * <p>The log's signing key never goes into the database. A ledger opened with a key (from
 * {@link LedgerOptions#withSignerKey} or the {@code log.key} file in a key directory, mode 0600) signs
 * checkpoints; one opened without it appends, reads and verifies but cannot sign. Creating a new log needs a
 * key (the verifier key is stored in the database at creation). Instances are thread-safe; each holds one
 * connection.
 */
public final class PostgresLedger {
    private PostgresLedger() {}

    /**
     * Opens (creating on first use) the ledger in the database at {@code jdbcUrl}
     * ({@code jdbc:postgresql://host:port/db?user=…}), signing with {@link LedgerOptions#signerKey()} if given.
     *
     * @throws LedgerException naming the database when it cannot be reached, holds another schema, or a new
     *                         log would have no signing key
     */
    public static Ledger open(String jdbcUrl, LedgerOptions options) {
        return open(connect(jdbcUrl), null, options);
    }

    /**
     * Opens the ledger at {@code jdbcUrl}, signing with the key file {@code log.key} in {@code keyDirectory}
     * (generated, mode 0600, when a new log is created there) unless {@code options} give a signer key.
     *
     * @throws LedgerException naming the database or key file when either cannot be used
     */
    public static Ledger open(String jdbcUrl, Path keyDirectory, LedgerOptions options) {
        return open(connect(jdbcUrl), Objects.requireNonNull(keyDirectory, "keyDirectory"), options);
    }

    /** As {@link #open(String, LedgerOptions)}, with one connection taken from {@code dataSource}. */
    public static Ledger open(DataSource dataSource, LedgerOptions options) {
        return open(connect(dataSource), null, options);
    }

    /** As {@link #open(String, Path, LedgerOptions)}, with one connection taken from {@code dataSource}. */
    public static Ledger open(DataSource dataSource, Path keyDirectory, LedgerOptions options) {
        return open(connect(dataSource), Objects.requireNonNull(keyDirectory, "keyDirectory"), options);
    }

    private static Ledger open(Connection conn, Path keyDirectory, LedgerOptions options) {
        return PostgresStore.open(conn, keyDirectory, Objects.requireNonNull(options, "options"));
    }

    private static Connection connect(String jdbcUrl) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new LedgerException(PostgresStore.describeUrl(jdbcUrl), "not a PostgreSQL JDBC URL "
                    + "(expected jdbc:postgresql://host:port/database)");
        }
        try {
            return DriverManager.getConnection(jdbcUrl);
        } catch (SQLException e) {
            throw new LedgerException(PostgresStore.describeUrl(jdbcUrl), "cannot connect: " + e.getMessage(), e);
        }
    }

    private static Connection connect(DataSource dataSource) {
        try {
            return Objects.requireNonNull(dataSource, "dataSource").getConnection();
        } catch (SQLException e) {
            throw new LedgerException(dataSource.toString(), "cannot connect: " + e.getMessage(), e);
        }
    }
}
