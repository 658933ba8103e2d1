package io.datanet.provenance.benchmarks;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerOptions;
import io.datanet.provenance.ledger.VerificationReport;
import io.datanet.provenance.query.Lineage;
import io.datanet.provenance.query.LineageQueries;
import io.datanet.provenance.query.ModelUse;
import io.datanet.provenance.query.UsesPage;
import java.io.IOException;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.sqlite.SQLiteConfig;

/**
 * The lineage scale harness (issue 6), one phase per JVM so each phase's heap can be capped and measured:
 *
 * <ul>
 *   <li>{@code build N}: builds (or reuses, or finishes) the seeded {@code N}-record ledger (see
 *       {@link LineageLedgerGenerator}) under {@code benchmarks/target/lineage-<N>}.</li>
 *   <li>{@code plan N}: draws the query inputs from the generator's plan (uniform model versions, records with
 *       exactly 20 ancestors, DataNets by the Zipf law) into {@code lineage-<N>-plan.txt}, so the measuring JVMs
 *       hold nothing that grows with N.</li>
 *   <li>{@code queries N}: {@code lineage} of uniform model versions, ancestry at depth 20, {@code uses} first
 *       pages of 100 for Zipf-drawn DataNets and for the most used one; each query followed by its raw limit
 *       (plain JDBC reading the same records by primary key from the same file, nothing parsed); peak heap.</li>
 *   <li>{@code verify N}: wall time and peak heap of a full {@code verify}.</li>
 *   <li>{@code storage N}: file bytes beyond the record bytes, per table.</li>
 * </ul>
 *
 * Figures go to {@code lineage-<N>-<phase>.properties}; {@link LineageScaleSummary} prints the table.
 * Run everything with {@code benchmarks/scale.sh}.
 */
public final class LineageScaleBenchmark {
    static final int PAGE = 100;
    /** Scales the number of measured queries ({@code -Dlineage.sample=0.1} for a quick look). */
    static final double SAMPLE = Double.parseDouble(System.getProperty("lineage.sample", "1"));

    private LineageScaleBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: LineageScaleBenchmark build|plan|queries|verify|storage RECORDS");
            System.exit(2);
        }
        long n = Long.parseLong(args[1]);
        switch (args[0]) {
            case "build" -> LineageScaleLedger.build(n);
            case "plan" -> plan(n);
            case "queries" -> queries(n);
            case "verify" -> verify(n);
            case "storage" -> LineageScaleStorage.measure(n);
            default -> throw new IllegalArgumentException("unknown phase " + args[0]);
        }
    }

    static Path planFile(long n) {
        return WorkDirectory.base().resolve("lineage-" + LineageScaleLedger.label(n) + "-plan.txt");
    }

    /** Draws query inputs: 20,000 uniform records, up to 2,000 of the deepest, 2,000 Zipf DataNets. */
    static void plan(long n) throws IOException {
        LineageLedgerGenerator g = new LineageLedgerGenerator(LineageScaleLedger.SEED);
        g.plan(n);
        SplittableRandom r = new SplittableRandom(7);
        List<String> lines = new ArrayList<>();
        for (int k = 0; k < 20_000; k++) {
            long i = r.nextLong(n);
            lines.add("uniform " + g.modelRef(i) + " " + g.depth(i));
        }
        int deepest = 0;
        for (long i = 0; i < n; i++) {
            deepest = Math.max(deepest, g.depth(i));
        }
        List<Long> deep = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            if (g.depth(i) == deepest) {
                deep.add(i);
            }
        }
        for (int k = 0; k < 2_000; k++) {
            long i = deep.get(r.nextInt(deep.size()));
            lines.add("deep " + g.modelRef(i) + " " + deepest);
        }
        for (int k = 0; k < 2_000; k++) {
            lines.add("zipf " + LineageLedgerGenerator.dataNetId(g.zipfRank(r)));
        }
        Files.write(planFile(n), lines, StandardCharsets.UTF_8);
        System.out.printf("planned queries for %,d records: %d records at the deepest depth %d%n", n, deep.size(),
                deepest);
    }

    static void queries(long n) throws Exception {
        List<String> uniform = new ArrayList<>();
        List<String> deep = new ArrayList<>();
        List<String> zipf = new ArrayList<>();
        int deepest = 0;
        List<String> lines = Files.readAllLines(planFile(n), StandardCharsets.UTF_8);
        for (int k = 0; k < lines.size(); k++) {
            if (SAMPLE < 1 && k % (int) Math.round(1 / SAMPLE) != 0) {
                continue;
            }
            String[] f = lines.get(k).split(" ");
            switch (f[0]) {
                case "uniform" -> uniform.add(f[1]);
                case "deep" -> {
                    deep.add(f[1]);
                    deepest = Integer.parseInt(f[2]);
                }
                default -> zipf.add(f[1]);
            }
        }
        Path dir = LineageScaleLedger.directory(n);
        HeapPeak heap = new HeapPeak(false); // forced collections would land inside the timed queries
        Map<String, String> out = new LinkedHashMap<>();
        try (Ledger ledger = Ledger.open(dir, LedgerOptions.defaults().withCheckpointOnClose(false));
             Raw raw = new Raw(dir.resolve("ledger.db"))) {
            if (ledger.size() < n) {
                throw new IllegalStateException("the ledger holds " + ledger.size() + " records, not " + n);
            }
            LineageQueries q = LineageQueries.on(ledger);
            String top = LineageLedgerGenerator.dataNetId(0);
            // warm-up: JIT and the page cache's hot paths, on other draws than the measured ones
            for (int k = 0; k < 3_000 * SAMPLE; k++) {
                q.lineage(uniform.get((k * 7 + 3) % uniform.size()));
            }
            for (int k = 0; k < 200 * SAMPLE; k++) {
                q.uses(zipf.get((k * 13 + 5) % zipf.size()), Optional.empty(), null, PAGE);
            }
            heap.start();
            Latencies lineage = new Latencies("lineage");
            long depthSum = 0;
            for (String ref : uniform) {
                long t = System.nanoTime();
                Lineage l = q.lineage(ref);
                long query = System.nanoTime() - t;
                lineage.add(query, raw.read(l.chain().stream().mapToLong(x -> x.index()).toArray()));
                depthSum += l.chain().size() - 1;
            }
            out.putAll(lineage.figures());
            out.put("lineage.meanAncestors", String.format("%.2f", depthSum / (double) uniform.size()));
            Latencies ancestry = new Latencies("ancestry");
            int wrongDepth = 0;
            for (String ref : deep) {
                long t = System.nanoTime();
                Lineage l = q.lineage(ref);
                long query = System.nanoTime() - t;
                ancestry.add(query, raw.read(l.chain().stream().mapToLong(x -> x.index()).toArray()));
                wrongDepth += l.chain().size() - 1 == deepest ? 0 : 1;
            }
            out.putAll(ancestry.figures());
            out.put("ancestry.depth", Integer.toString(deepest));
            out.put("ancestry.otherDepth", Integer.toString(wrongDepth));
            Latencies usesZipf = new Latencies("uses.zipf");
            long answers = 0;
            for (String dn : zipf) {
                long t = System.nanoTime();
                UsesPage page = q.uses(dn, Optional.empty(), null, PAGE);
                long query = System.nanoTime() - t;
                usesZipf.add(query, raw.read(page.uses().stream().mapToLong(ModelUse::index).toArray()));
                answers += page.uses().size();
            }
            out.putAll(usesZipf.figures());
            out.put("uses.zipf.meanAnswers", String.format("%.1f", answers / (double) zipf.size()));
            Latencies usesTop = new Latencies("uses.top");
            for (int k = 0; k < 500 * SAMPLE; k++) {
                long t = System.nanoTime();
                UsesPage page = q.uses(top, Optional.empty(), null, PAGE);
                long query = System.nanoTime() - t;
                usesTop.add(query, raw.read(page.uses().stream().mapToLong(ModelUse::index).toArray()));
            }
            out.putAll(usesTop.figures());
            // the most used DataNet paged deep: the 50th page, reached by following tokens (each page timed)
            Latencies usesDeepPages = new Latencies("uses.topPages");
            String token = null;
            for (int k = 0; k < 50; k++) {
                long t = System.nanoTime();
                UsesPage page = q.uses(top, Optional.empty(), token, PAGE);
                long query = System.nanoTime() - t;
                usesDeepPages.add(query, raw.read(page.uses().stream().mapToLong(ModelUse::index).toArray()));
                token = page.nextPageToken();
                if (token == null) {
                    break;
                }
            }
            out.putAll(usesDeepPages.figures());
            out.put("records", Long.toString(ledger.size()));
        }
        heap.stop();
        out.putAll(heap.figures("queries"));
        LineageScaleLedger.store(n, "queries", out);
        out.forEach((k, v) -> System.out.println(k + " = " + v));
    }

    static void verify(long n) {
        Path dir = LineageScaleLedger.directory(n);
        HeapPeak heap = new HeapPeak(true);
        Map<String, String> out = new LinkedHashMap<>();
        try (Ledger ledger = Ledger.openExisting(dir)) {
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
        LineageScaleLedger.store(n, "verify", out);
        out.forEach((k, v) -> System.out.println(k + " = " + v));
    }

    /** Query latencies with the raw limit of each query, both in nanoseconds. */
    static final class Latencies {
        private final String name;
        private long[] query = new long[1024];
        private long[] raw = new long[1024];
        private int n;

        Latencies(String name) {
            this.name = name;
        }

        void add(long queryNanos, long rawNanos) {
            if (n == query.length) {
                query = Arrays.copyOf(query, n * 2);
                raw = Arrays.copyOf(raw, n * 2);
            }
            query[n] = queryNanos;
            raw[n++] = rawNanos;
        }

        Map<String, String> figures() {
            long[] q = Arrays.copyOf(query, n);
            long[] r = Arrays.copyOf(raw, n);
            Arrays.sort(q);
            Arrays.sort(r);
            Map<String, String> out = new LinkedHashMap<>();
            out.put(name + ".count", Integer.toString(n));
            out.put(name + ".p50.ms", ms(q[n / 2]));
            out.put(name + ".p99.ms", ms(q[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)]));
            out.put(name + ".max.ms", ms(q[n - 1]));
            out.put(name + ".raw.p50.ms", ms(r[n / 2]));
            out.put(name + ".raw.p99.ms", ms(r[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)]));
            return out;
        }

        private static String ms(long nanos) {
            return String.format("%.3f", nanos / 1e6);
        }
    }

    /** The raw limit: plain JDBC reading records by primary key from the ledger's own file, nothing parsed. */
    static final class Raw implements AutoCloseable {
        private final Connection conn;
        private final PreparedStatement read;

        Raw(Path db) throws SQLException {
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            conn = DriverManager.getConnection("jdbc:sqlite:" + db, config.toProperties());
            read = conn.prepareStatement("SELECT bytes FROM records WHERE idx = ?");
        }

        /** Nanoseconds to read these records' bytes. */
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

    /**
     * The heap's peak, three ways: the live set, taken by a full collection every {@value #FULL_GC_MILLIS} ms and
     * read right after it (what was reachable then, and nothing else: the figure compared across sizes; only when
     * asked, since the pauses fall into what is timed — verify's single wall time, not the query latencies); the heap
     * right after every collection, young ones included (which also counts garbage already promoted to the old
     * generation, so it grows with a run's length); and the used heap sampled every 5 ms (garbage included, so
     * bounded by the cap rather than by what the work needs). The forced collections are part of the timed work.
     */
    static final class HeapPeak {
        private volatile boolean running;
        private static final long FULL_GC_MILLIS = 500;
        private volatile long sampledMax;
        private volatile long fullGcMax;
        private Thread fullGcSampler;
        private final boolean forceFullGcs;

        HeapPeak(boolean forceFullGcs) {
            this.forceFullGcs = forceFullGcs;
        }
        private final AtomicLong liveMax = new AtomicLong();
        /** The heap after each forced full collection, as the collector reports it at the collection's end. */
        private final AtomicLong forcedLiveMax = new AtomicLong();
        private final List<Runnable> unregister = new ArrayList<>();
        private Thread sampler;

        void start() {
            System.gc();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    NotificationListener listener = (notification, handback) -> {
                        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                                    (CompositeData) notification.getUserData());
                            long live = 0;
                            for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                                if (heapPools().contains(e.getKey())) {
                                    live += e.getValue().getUsed();
                                }
                            }
                            liveMax.accumulateAndGet(live, Math::max);
                            if ("System.gc()".equals(info.getGcCause())) { // the forced full collections
                                forcedLiveMax.accumulateAndGet(live, Math::max);
                            }
                        }
                    };
                    emitter.addNotificationListener(listener, null, null);
                    unregister.add(() -> {
                        try {
                            emitter.removeNotificationListener(listener);
                        } catch (javax.management.ListenerNotFoundException ignored) {
                            // already gone
                        }
                    });
                }
            }
            running = true;
            sampler = new Thread(() -> {
                while (running) {
                    sampledMax = Math.max(sampledMax, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            if (!forceFullGcs) {
                return;
            }
            fullGcSampler = new Thread(() -> {
                while (running) {
                    try {
                        Thread.sleep(FULL_GC_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                    System.gc();
                    // the used heap read after the collection returns also counts what the working threads
                    // allocated since it ended; kept beside the collector's own figure (forcedLiveMax)
                    fullGcMax = Math.max(fullGcMax, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                }
            });
            fullGcSampler.setDaemon(true);
            fullGcSampler.start();
        }

        void stop() {
            running = false;
            try {
                if (fullGcSampler != null) {
                    fullGcSampler.interrupt();
                    fullGcSampler.join();
                }
                sampler.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            unregister.forEach(Runnable::run);
        }

        private static List<String> heapPools() {
            return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .map(MemoryPoolMXBean::getName).toList();
        }

        Map<String, String> figures(String prefix) {
            Map<String, String> out = new LinkedHashMap<>();
            out.put(prefix + ".heap.max.mb", String.format("%.1f", Runtime.getRuntime().maxMemory() / 1048576.0));
            if (forceFullGcs) {
                out.put(prefix + ".heap.liveAtFullGc.mb", String.format("%.1f", fullGcMax / 1048576.0));
                out.put(prefix + ".heap.liveAtForcedGc.mb", String.format("%.1f", forcedLiveMax.get() / 1048576.0));
            }
            out.put(prefix + ".heap.liveAfterGc.mb", String.format("%.1f", liveMax.get() / 1048576.0));
            out.put(prefix + ".heap.sampledPeak.mb", String.format("%.1f", sampledMax / 1048576.0));
            return out;
        }
    }
}
