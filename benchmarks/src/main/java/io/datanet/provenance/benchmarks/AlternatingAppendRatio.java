package io.datanet.provenance.benchmarks;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerOptions;
import io.datanet.provenance.record.CanonicalRecord;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * (a) measured in alternating blocks: {@value #BLOCK} durable single appends to a fresh ledger, then
 * {@value #BLOCK} raw single-row commits (the same raw limit as {@link DurableAppendBenchmark}: one 1 KB blob per
 * {@code BEGIN IMMEDIATE .. COMMIT} with the ledger's pragmas), repeated. Each round's ratio compares two blocks
 * taken within about a second of each other. JMH's benchmarks run one after the other, so its ratio for (a)
 * compares figures taken a minute apart, and this virtual machine's commit rate moves by a fifth within a minute
 * and by 30-40 % within a quarter of an hour (BENCHMARKS.md); alternating takes that drift out of the ratio.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.datanet.provenance.benchmarks.AlternatingAppendRatio
 * [rounds]} (12 by default, after one warm-up round).
 */
public final class AlternatingAppendRatio {
    static final int BLOCK = 500;

    private AlternatingAppendRatio() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        List<CanonicalRecord> records = BenchmarkRecords.range(0, (rounds + 1) * BLOCK);
        Path ledgerDir = WorkDirectory.fresh("alternating-ledger-");
        Path rawDir = WorkDirectory.fresh("alternating-raw-");
        byte[] blob = new byte[1024];
        new Random(1).nextBytes(blob);
        double[] ratios = new double[rounds];
        long ledgerNanos = 0;
        long rawNanos = 0;
        try (Ledger ledger = Ledger.open(ledgerDir, LedgerOptions.defaults().withCheckpointOnClose(false))) {
            RawSqlite raw = RawSqlite.open(rawDir.resolve("raw.db"));
            try {
                int next = 0;
                for (int i = 0; i < BLOCK; i++) { // warm-up round
                    ledger.append(records.get(next++));
                    raw.insertOne(blob);
                }
                for (int round = 0; round < rounds; round++) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < BLOCK; i++) {
                        ledger.append(records.get(next++));
                    }
                    long t1 = System.nanoTime();
                    for (int i = 0; i < BLOCK; i++) {
                        raw.insertOne(blob);
                    }
                    long t2 = System.nanoTime();
                    ratios[round] = (double) (t2 - t1) / (t1 - t0);
                    ledgerNanos += t1 - t0;
                    rawNanos += t2 - t1;
                }
            } finally {
                raw.close();
            }
        } finally {
            WorkDirectory.delete(ledgerDir);
            WorkDirectory.delete(rawDir);
        }
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        long n = (long) rounds * BLOCK;
        StringBuilder each = new StringBuilder();
        for (double r : ratios) {
            each.append(each.length() == 0 ? "" : " ").append(Math.round(100 * r)).append('%');
        }
        System.out.printf(Locale.ROOT, "(a) alternating blocks of %d: ledger %,.0f appends/s, raw %,.0f commits/s, "
                        + "ratio %.0f%% overall, %.0f%% median round (rounds: %s)%n", BLOCK, n / (ledgerNanos / 1e9),
                n / (rawNanos / 1e9), 100.0 * rawNanos / ledgerNanos, 100 * sorted[rounds / 2], each);
    }
}
