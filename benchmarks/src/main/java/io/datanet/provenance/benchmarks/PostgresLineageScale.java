package io.datanet.provenance.benchmarks;

import io.datanet.provenance.benchmarks.LineageScaleBenchmark.HeapPeak;
import io.datanet.provenance.benchmarks.LineageScaleBenchmark.Latencies;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerOptions;
import io.datanet.provenance.ledger.VerificationReport;
import io.datanet.provenance.postgres.PostgresLedger;
import io.datanet.provenance.query.Lineage;
import io.datanet.provenance.query.LineageQueries;
import io.datanet.provenance.query.ModelUse;
import io.datanet.provenance.query.UsesPage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lineage scale harness on the PostgreSQL store (issue 6): the same seeded ledger
 * ({@link LineageLedgerGenerator}, seed {@value LineageScaleLedger#SEED}) and the same query plan
 * ({@code LineageScaleBenchmark plan N}) as the embedded store's harness, so the figures sit side by side. One
 * phase per JVM, against a server started by {@code benchmarks/postgres-scale.sh}:
 *
 * <ul>
 *   <li>{@code build URL N}: appends the ledger (one writer, {@code appendAll} batches of 10,000), resuming.</li>
 *   <li>{@code queries URL N}: lineage, ancestry at the deepest depth, {@code uses} first pages (Zipf-drawn
 *       DataNets and the most used one), each with its raw limit: plain JDBC reading the same records' bytes by
 *       primary key from the same server, nothing parsed; peak heap.</li>
 *   <li>{@code verify URL N}: wall time and peak heap of a full {@code verify}.</li>
 *   <li>{@code storage URL N}: database bytes beyond the record bytes, per table.</li>
 * </ul>
 * Figures go to {@code lineage-pg-<N>-<phase>.properties} beside the embedded store's.
 */
public final class PostgresLineageScale {
    private PostgresLineageScale() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: PostgresLineageScale build|queries|verify|storage JDBC_URL RECORDS");
            System.exit(2);
        }
        String url = args[1];
        long n = Long.parseLong(args[2]);
        switch (args[0]) {
            case "build" -> build(url, n);
            case "queries" -> queries(url, n);
            case "verify" -> verify(url, n);
            case "storage" -> storage(url, n);
            default -> throw new IllegalArgumentException("unknown phase " + args[0]);
        }
    }

    private static String phase(String phase) {
        return "pg-" + phase;
    }

    private static Ledger open(String url) {
        return PostgresLedger.open(url, WorkDirectory.base().resolve("lineage-pg-key"),
                LedgerOptions.defaults().withCheckpointOnClose(false));
    }

    static void build(String url, long records) {
        try (Ledger ledger = open(url)) {
            long start = ledger.size();
            if (start >= records) {
                System.out.printf("reusing the %,d-record PostgreSQL ledger%n", ledger.size());
                return;
            }
            System.out.printf("building a %,d-record lineage ledger on PostgreSQL (from %,d)%n", records, start);
            long t0 = System.nanoTime();
            long[] last = {t0, start};
            new LineageLedgerGenerator(LineageScaleLedger.SEED).appendTo(ledger, records, k -> {
                long now = System.nanoTime();
                if (now - last[0] > 30e9 || k == records) {
                    System.out.printf("  %,d records, %.0f s, %,.0f records/s lately%n", k, (now - t0) / 1e9,
                            (k - last[1]) / ((now - last[0]) / 1e9));
                    last[0] = now;
                    last[1] = k;
                }
            });
            ledger.checkpoint();
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, String> out = new LinkedHashMap<>();
            out.put("build.records", Long.toString(records - start));
            out.put("build.seconds", String.format("%.0f", seconds));
            out.put("build.recordsPerSecond", String.format("%.0f", (records - start) / seconds));
            LineageScaleLedger.store(records, phase("build"), out);
            out.forEach((k, v) -> System.out.println(k + " = " + v));
        }
    }

    static void queries(String url, long n) throws Exception {
        List<String> uniform = new ArrayList<>();
        List<String> deep = new ArrayList<>();
        List<String> zipf = new ArrayList<>();
        for (String line : Files.readAllLines(LineageScaleBenchmark.planFile(n), StandardCharsets.UTF_8)) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "uniform" -> uniform.add(f[1]);
                case "deep" -> deep.add(f[1]);
                default -> zipf.add(f[1]);
            }
        }
        HeapPeak heap = new HeapPeak(false);
        Map<String, String> out = new LinkedHashMap<>();
        try (Ledger ledger = open(url); Raw raw = new Raw(url)) {
            if (ledger.size() < n) {
                throw new IllegalStateException("the ledger holds " + ledger.size() + " records, not " + n);
            }
            LineageQueries q = LineageQueries.on(ledger);
            String top = LineageLedgerGenerator.dataNetId(0);
            for (int k = 0; k < 2_000; k++) { // warm-up on other draws than the measured ones
                q.lineage(uniform.get((k * 7 + 3) % uniform.size()));
            }
            for (int k = 0; k < 100; k++) {
                q.uses(zipf.get((k * 13 + 5) % zipf.size()), Optional.empty(), null, LineageScaleBenchmark.PAGE);
            }
            heap.start();
            Latencies lineage = new Latencies("lineage");
            for (String ref : uniform.subList(0, Math.min(uniform.size(), 10_000))) {
                long t = System.nanoTime();
                Lineage l = q.lineage(ref);
                long query = System.nanoTime() - t;
                lineage.add(query, raw.read(l.chain().stream().mapToLong(x -> x.index()).toArray()));
            }
            out.putAll(lineage.figures());
            Latencies ancestry = new Latencies("ancestry");
            int depth = 0;
            for (String ref : deep) {
                long t = System.nanoTime();
                Lineage l = q.lineage(ref);
                long query = System.nanoTime() - t;
                ancestry.add(query, raw.read(l.chain().stream().mapToLong(x -> x.index()).toArray()));
                depth = Math.max(depth, l.chain().size() - 1);
            }
            out.putAll(ancestry.figures());
            out.put("ancestry.depth", Integer.toString(depth));
            Latencies usesZipf = new Latencies("uses.zipf");
            for (String dn : zipf) {
                long t = System.nanoTime();
                UsesPage page = q.uses(dn, Optional.empty(), null, LineageScaleBenchmark.PAGE);
                long query = System.nanoTime() - t;
                usesZipf.add(query, raw.read(page.uses().stream().mapToLong(ModelUse::index).toArray()));
            }
            out.putAll(usesZipf.figures());
            Latencies usesTop = new Latencies("uses.top");
            for (int k = 0; k < 300; k++) {
                long t = System.nanoTime();
                UsesPage page = q.uses(top, Optional.empty(), null, LineageScaleBenchmark.PAGE);
                long query = System.nanoTime() - t;
                usesTop.add(query, raw.read(page.uses().stream().mapToLong(ModelUse::index).toArray()));
            }
            out.putAll(usesTop.figures());
            out.put("records", Long.toString(ledger.size()));
        }
        heap.stop();
        out.putAll(heap.figures("queries"));
        LineageScaleLedger.store(n, phase("queries"), out);
        out.forEach((k, v) -> System.out.println(k + " = " + v));
    }

    static void verify(String url, long n) {
        HeapPeak heap = new HeapPeak(true);
        Map<String, String> out = new LinkedHashMap<>();
        try (Ledger ledger = open(url)) {
            heap.start();
            long t = System.nanoTime();
            VerificationReport report = ledger.verify(i -> { });
            double seconds = (System.nanoTime() - t) / 1e9;
            heap.stop();
            out.put("verify.seconds", String.format("%.1f", seconds));
            out.put("verify.ok", Boolean.toString(report.ok()));
            out.put("verify.report", report.toString().replace('\n', ' '));
            out.put("records", Long.toString(ledger.size()));
        }
        out.putAll(heap.figures("verify"));
        LineageScaleLedger.store(n, phase("verify"), out);
        out.forEach((k, v) -> System.out.println(k + " = " + v));
    }

    /** Bytes of every table with its indexes and TOAST (after VACUUM), beyond the record bytes themselves. */
    static void storage(String url, long n) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("VACUUM ANALYZE");
            long recordBytes;
            long records;
            try (ResultSet rs = st.executeQuery("SELECT count(*), sum(octet_length(bytes)) FROM records")) {
                rs.next();
                records = rs.getLong(1);
                recordBytes = rs.getLong(2);
            }
            long total = 0;
            try (ResultSet rs = st.executeQuery("SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c "
                    + "JOIN pg_namespace s ON s.oid = c.relnamespace WHERE c.relkind = 'r' "
                    + "AND s.nspname = current_schema() ORDER BY 2 DESC")) {
                while (rs.next()) {
                    total += rs.getLong(2);
                    out.put("table." + rs.getString(1) + ".bytesPerRecord",
                            String.format("%.1f", rs.getLong(2) / (double) records));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT pg_database_size(current_database())")) {
                rs.next();
                out.put("database.bytes", Long.toString(rs.getLong(1)));
            }
            out.put("records", Long.toString(records));
            out.put("recordBytes", Long.toString(recordBytes));
            out.put("tables.bytes", Long.toString(total));
            out.put("beyondRecords.bytesPerRecord", String.format("%.1f", (total - recordBytes) / (double) records));
        }
        LineageScaleLedger.store(n, phase("storage"), out);
        out.forEach((k, v) -> System.out.println(k + " = " + v));
    }

    /** The raw limit: the same records' bytes by primary key over plain JDBC, nothing parsed. */
    static final class Raw implements AutoCloseable {
        private final Connection conn;
        private final PreparedStatement read;

        Raw(String url) throws SQLException {
            conn = DriverManager.getConnection(url);
            read = conn.prepareStatement("SELECT bytes FROM records WHERE idx = ?");
        }

        long read(long[] indexes) throws SQLException {
            long t = System.nanoTime();
            long bytes = 0;
            for (long i : indexes) {
                read.setLong(1, i);
                try (ResultSet rs = read.executeQuery()) {
                    if (rs.next()) {
                        bytes += rs.getBytes(1).length;
                    }
                }
            }
            long nanos = System.nanoTime() - t;
            if (bytes < 0) {
                throw new IllegalStateException();
            }
            return nanos;
        }

        @Override
        public void close() throws SQLException {
            read.close();
            conn.close();
        }
    }
}
