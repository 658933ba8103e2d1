package io.datanet.provenance.benchmarks;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerOptions;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The cached lineage ledgers of the scale harness: {@code benchmarks/target/lineage-<N>} (e.g. {@code lineage-10m}),
 * built once by {@link LineageLedgerGenerator} with seed {@value #SEED} and reused (an interrupted build resumes);
 * and the figures files the harness phases write beside them.
 */
final class LineageScaleLedger {
    static final long SEED = 20261125L;

    private LineageScaleLedger() {}

    /** A short label for a record count: 1000000 → 1m, 100000 → 100k. */
    static String label(long records) {
        if (records % 1_000_000 == 0) {
            return records / 1_000_000 + "m";
        }
        return records % 1_000 == 0 ? records / 1_000 + "k" : Long.toString(records);
    }

    static Path directory(long records) {
        return WorkDirectory.base().resolve("lineage-" + label(records));
    }

    /** Builds or finishes the ledger of {@code records} records; returns it closed. */
    static Path build(long records) {
        Path dir = directory(records);
        LineageLedgerGenerator generator = new LineageLedgerGenerator(SEED);
        try (Ledger ledger = Ledger.open(dir, LedgerOptions.defaults().withCheckpointOnClose(false))) {
            long start = ledger.size();
            if (start >= records) {
                System.out.printf("reusing the %,d-record ledger in %s%n", ledger.size(), dir);
                return dir;
            }
            System.out.printf("building a %,d-record lineage ledger in %s (from %,d)%n", records, dir, start);
            long t0 = System.nanoTime();
            long[] lastReport = {t0, start};
            generator.appendTo(ledger, records, n -> {
                long now = System.nanoTime();
                if (now - lastReport[0] > 30e9 || n == records) {
                    System.out.printf("  %,d records, %.0f s, %,.0f records/s lately%n", n, (now - t0) / 1e9,
                            (n - lastReport[1]) / ((now - lastReport[0]) / 1e9));
                    lastReport[0] = now;
                    lastReport[1] = n;
                }
            });
            ledger.checkpoint();
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("built %,d records in %.0f s (%,.0f records/s)%n", records - start, seconds,
                    (records - start) / seconds);
            Properties p = figures(records, "build");
            p.setProperty("build.records", Long.toString(records - start));
            p.setProperty("build.seconds", String.format("%.0f", seconds));
            p.setProperty("build.recordsPerSecond", String.format("%.0f", (records - start) / seconds));
            store(records, "build", p);
        }
        return dir;
    }

    static Path figuresFile(long records, String phase) {
        return WorkDirectory.base().resolve("lineage-" + label(records) + "-" + phase + ".properties");
    }

    static Properties figures(long records, String phase) {
        Properties p = new Properties();
        Path file = figuresFile(records, phase);
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return p;
    }

    static void store(long records, String phase, Map<?, ?> figures) {
        Properties p = new Properties();
        p.putAll(figures);
        try (Writer w = Files.newBufferedWriter(figuresFile(records, phase), StandardCharsets.UTF_8)) {
            p.store(w, phase + " at " + records + " records");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
