package io.datanet.provenance.postgres.internal;

import io.datanet.provenance.ledger.LedgerException;
import io.datanet.provenance.ledger.LedgerOptions;
import io.datanet.provenance.ledger.NoteSigner;
import io.datanet.provenance.ledger.internal.LogKeyFile;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * The tables of a PostgreSQL ledger and its identity (origin and verifier key), created by the first opener.
 * {@code records}, {@code tiles} and {@code checkpoints} have the embedded store's columns, so core's tree and
 * verifier read them unchanged; {@code log_head} is the one row the sequencer moves; {@code pending} holds
 * staged records until they are sequenced; DataNet ids get exact small keys from {@code datanets}.
 */
final class Schema {
    static final int VERSION = 1;
    /** The advisory lock held by the sequencer (and by schema creation): "provenan" in ASCII. */
    static final long SEQUENCER_LOCK = 0x70726f76656e616eL;

    private static final String[] TABLES = {
        "CREATE TABLE IF NOT EXISTS meta(key text PRIMARY KEY, value text NOT NULL)",
        "CREATE TABLE IF NOT EXISTS log_head(id int PRIMARY KEY CHECK (id = 1), size bigint NOT NULL)",
        "INSERT INTO log_head(id, size) VALUES (1, 0) ON CONFLICT (id) DO NOTHING",
        "CREATE TABLE IF NOT EXISTS records(idx bigint PRIMARY KEY, idkey int NOT NULL, chk int NOT NULL, "
                + "modelkey int NOT NULL, weightskey int, parentkey int, parent_idx bigint, bytes bytea NOT NULL)",
        "CREATE INDEX IF NOT EXISTS records_idkey ON records(idkey)",
        "CREATE INDEX IF NOT EXISTS records_modelkey ON records(modelkey)",
        "CREATE INDEX IF NOT EXISTS records_weightskey ON records(weightskey) WHERE weightskey IS NOT NULL",
        "CREATE INDEX IF NOT EXISTS records_parentkey ON records(parentkey) WHERE parentkey IS NOT NULL",
        "CREATE INDEX IF NOT EXISTS records_parent_idx ON records(parent_idx) WHERE parent_idx IS NOT NULL",
        "CREATE TABLE IF NOT EXISTS datanets(dnkey serial PRIMARY KEY, name text UNIQUE NOT NULL)",
        "CREATE TABLE IF NOT EXISTS datanet_uses(dnkey int NOT NULL, idx bigint NOT NULL, PRIMARY KEY(dnkey, idx))",
        "CREATE TABLE IF NOT EXISTS tiles(level int NOT NULL, n bigint NOT NULL, hashes bytea NOT NULL, "
                + "PRIMARY KEY(level, n))",
        "CREATE TABLE IF NOT EXISTS checkpoints(size bigint PRIMARY KEY, note text NOT NULL)",
        "CREATE TABLE IF NOT EXISTS pending(seq bigserial PRIMARY KEY, id bytea UNIQUE NOT NULL, bytes bytea NOT NULL)",
    };

    private Schema() {}

    /** The log's identity, once it exists. */
    record Identity(String origin, String verifierKey) {}

    /**
     * Creates the tables and the identity if this database has none yet (under the sequencer lock, so
     * concurrent first openers agree), and returns the identity. Runs in its own transaction.
     */
    static Identity initialize(Connection conn, String location, LedgerOptions options, Path keyDirectory)
            throws SQLException {
        conn.setAutoCommit(false);
        try (Statement st = conn.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(" + SEQUENCER_LOCK + ")");
            if (hasForeignTables(conn)) {
                throw new LedgerException(location, "the database holds other tables but no provenance ledger; "
                        + "use an empty database or schema");
            }
            for (String ddl : TABLES) {
                st.execute(ddl);
            }
            String version = meta(conn, "schema");
            if (version != null && !version.equals(Integer.toString(VERSION))) {
                throw new LedgerException(location, "unsupported ledger schema version " + version);
            }
            String origin = meta(conn, "origin");
            String vkey = meta(conn, "verifierKey");
            if (origin == null) {
                NoteSigner signer = newLogSigner(location, options, keyDirectory);
                origin = signer.name();
                vkey = signer.verifierKey();
                putMeta(conn, "schema", Integer.toString(VERSION));
                putMeta(conn, "origin", origin);
                putMeta(conn, "verifierKey", vkey);
            }
            conn.commit();
            return new Identity(origin, vkey);
        } catch (SQLException | RuntimeException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(true);
        }
    }

    /** True when the current schema has tables but no {@code meta} table (someone else's database). */
    private static boolean hasForeignTables(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), count(*) FILTER (WHERE table_name = 'meta') "
                     + "FROM information_schema.tables WHERE table_schema = current_schema()")) {
            rs.next();
            return rs.getLong(1) > 0 && rs.getLong(2) == 0;
        }
    }

    private static NoteSigner newLogSigner(String location, LedgerOptions options, Path keyDirectory) {
        if (options.signerKey() != null) {
            return NoteSigner.parse(options.signerKey());
        }
        if (keyDirectory == null) {
            throw new LedgerException(location, "a new ledger needs its signing key: open it with a key directory "
                    + "(its log.key is generated there, mode 0600) or LedgerOptions.withSignerKey");
        }
        String origin = options.origin() != null ? options.origin()
                : "provenance.datanet.io/log/" + HexFormat.of().formatHex(random(8));
        return LogKeyFile.readOrCreate(keyDirectory, origin);
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private static String meta(Connection conn, String key) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void putMeta(Connection conn, String key, String value) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO meta(key, value) VALUES (?, ?) "
                + "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }
}
