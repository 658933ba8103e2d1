package io.datanet.provenance.postgres.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lets core's tree code ({@code StoredTree}, {@code LogVerifier}), written in SQLite's SQL, run on a
 * PostgreSQL connection: the one SQLite-only statement it issues, {@code INSERT OR REPLACE} into a table with a
 * known primary key, becomes PostgreSQL's {@code INSERT … ON CONFLICT … DO UPDATE}; everything else it says is
 * standard SQL and passes unchanged. Any other SQLite-only insert is refused loudly rather than guessed at, so a
 * change to the shared code shows up in the contract tests, not as a wrong tree.
 */
final class SqliteSqlTranslation {
    private static final Pattern UPSERT = Pattern.compile(
            "\\s*INSERT\\s+OR\\s+REPLACE\\s+INTO\\s+(\\w+)\\s*\\(([^)]*)\\)\\s*(VALUES\\s*\\(.*\\))\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern SQLITE_ONLY = Pattern.compile("\\s*INSERT\\s+OR\\s+", Pattern.CASE_INSENSITIVE);
    /** The primary key of each table core's shared code upserts into. */
    private static final Map<String, List<String>> KEYS = Map.of("tiles", List.of("level", "n"));

    private SqliteSqlTranslation() {}

    /** {@code sql} in PostgreSQL's dialect. */
    static String translate(String sql) {
        Matcher m = UPSERT.matcher(sql);
        if (m.matches()) {
            String table = m.group(1).toLowerCase(java.util.Locale.ROOT);
            List<String> key = KEYS.get(table);
            if (key != null) {
                StringBuilder set = new StringBuilder();
                for (String column : m.group(2).split(",")) {
                    String c = column.strip();
                    if (!key.contains(c)) {
                        set.append(set.length() == 0 ? "" : ", ").append(c).append(" = EXCLUDED.").append(c);
                    }
                }
                return "INSERT INTO " + m.group(1) + "(" + m.group(2) + ") " + m.group(3) + " ON CONFLICT (" + String.join(", ", key)
                        + ") DO UPDATE SET " + set;
            }
        }
        if (SQLITE_ONLY.matcher(sql).lookingAt()) {
            throw new UnsupportedOperationException("no PostgreSQL translation for: " + sql);
        }
        return sql;
    }

    /** A view of {@code conn} (same session and transaction) whose prepared statements are translated. */
    static Connection wrap(Connection conn) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql) {
                args = args.clone();
                args[0] = translate(sql);
            }
            try {
                return method.invoke(conn, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(SqliteSqlTranslation.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
    }
}
