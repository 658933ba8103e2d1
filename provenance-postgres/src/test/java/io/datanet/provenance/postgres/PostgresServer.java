package io.datanet.provenance.postgres;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real, throw-away PostgreSQL server for one test class: Debian's package ({@code .ci/setup-postgres.sh}
 * installs it), a fresh cluster from {@code initdb} in a temporary directory, listening on 127.0.0.1 only at a
 * free port, stopped and deleted after the class. {@code initdb} and the server refuse to run as root, so as
 * root (CI) both run as the {@code postgres} user through {@code runuser}, with the directory given to it.
 * Register with {@code @RegisterExtension static final PostgresServer SERVER = new PostgresServer();}.
 */
public final class PostgresServer implements BeforeAllCallback, AfterAllCallback {
    private static final String USER = "provenance";
    private final AtomicInteger databases = new AtomicInteger();
    private Path dir;
    private Path data;
    private Path bin;
    private int port;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        bin = findBinaries();
        dir = Files.createTempDirectory("provenance-pg-");
        data = dir.resolve("data");
        if (isRoot()) {
            run(List.of("chown", "postgres:postgres", dir.toString()), false);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--auth=trust",
                "-E", "UTF8", "--no-locale", "--no-sync"), true);
        port = freePort();
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", "60", "-o", "-c listen_addresses=127.0.0.1 -p " + port + " -k " + dir
                        + " -c max_connections=60 -c shared_buffers=64MB", "start"), true);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (data != null && Files.exists(data.resolve("postmaster.pid"))) {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"), true);
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A JDBC URL of a new, empty database on this server. */
    public String newDatabase() throws SQLException {
        String name = "ledger_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    /** The JDBC URL of database {@code name}. */
    public String url(String name) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=" + USER;
    }

    private static Path findBinaries() throws IOException {
        String given = System.getenv("PROVENANCE_PG_BIN");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                var newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString().replaceAll("\\D", "0"))));
                if (newest.isPresent()) {
                    return newest.get().resolve("bin");
                }
            }
        }
        throw new IllegalStateException("no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb): run "
                + ".ci/setup-postgres.sh (bin/test does), or set PROVENANCE_PG_BIN");
    }

    private static boolean isRoot() throws IOException {
        return "root".equals(System.getProperty("user.name"))
                || Files.readString(Path.of("/proc/self/status"), StandardCharsets.UTF_8).contains("\nUid:\t0\t");
    }

    private void run(List<String> command, boolean asServerUser) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asServerUser && isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Path log = Files.createTempFile("provenance-pg-cmd", ".log");
        try {
            Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                String serverLog = Files.exists(dir.resolve("server.log"))
                        ? Files.readString(dir.resolve("server.log")) : "";
                throw new IllegalStateException(String.join(" ", full) + " failed:\n" + Files.readString(log)
                        + serverLog);
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
