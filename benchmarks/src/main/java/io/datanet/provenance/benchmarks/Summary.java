package io.datanet.provenance.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Prints the BENCHMARKS.md table from a JMH JSON result file and {@code storage.properties}: each figure, its
 * raw limit from the same run, the ratio, the goal and whether it is met.
 *
 * <p>Usage: {@code Summary JMH_JSON STORAGE_PROPERTIES}.
 */
public final class Summary {
    private final Map<String, JsonNode> results = new HashMap<>();
    private final StringBuilder out = new StringBuilder();

    private Summary() {}

    public static void main(String[] args) throws IOException {
        Summary s = new Summary();
        for (JsonNode r : new ObjectMapper().readTree(Path.of(args[0]).toFile())) {
            String name = r.get("benchmark").asText();
            s.results.put(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1), r);
        }
        Properties storage = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[1]), StandardCharsets.UTF_8)) {
            storage.load(in);
        }
        System.out.print(s.table(storage));
    }

    private String table(Properties storage) {
        out.append("| figure | ledger | raw limit, same run | ratio | goal | met |\n");
        out.append("| --- | ---: | ---: | ---: | --- | --- |\n");
        rate("(a) durable single appends, ~1.2 KB records", "DurableAppendBenchmark.ledgerAppend",
                "DurableAppendBenchmark.rawSqliteInsertCommit", "records/s", "commits/s", 3_000, true);
        rate("(a) durable appends from 4 threads at once (group commit)", "DurableAppendBenchmark.ledgerAppendFromThreads",
                "DurableAppendBenchmark.rawSqliteInsertCommit", "records/s", "commits/s", 3_000, true);
        rate("(b) bulk appends, appendAll of 10,000", "BulkAppendBenchmark.ledgerAppendAll",
                "BulkAppendBenchmark.rawSqliteBatchInsert", "records/s", "rows/s", 100_000, true);
        rate("(c) leaf hashing, 1 KB, one core", "LeafHashBenchmark.ledgerLeafHash", "LeafHashBenchmark.rawSha256",
                "hashes/s", "SHA-256/s", 500_000, false);
        latency("(d) inclusion proof generation at 1M", "ProofBenchmark.proveInclusion",
                "ProofBenchmark.rawReadOneRecord", "one record read");
        latency("(d) consistency proof generation at 1M", "ProofBenchmark.proveConsistency",
                "ProofBenchmark.rawReadOneRecord", "one record read");
        latency("(d) inclusion proof verification at 1M", "ProofBenchmark.verifyInclusion",
                "ProofBenchmark.rawTwentyNodeHashes", "20 node hashes");
        latency("(d) consistency proof verification at 1M", "ProofBenchmark.verifyConsistency",
                "ProofBenchmark.rawTwentyNodeHashes", "20 node hashes");
        double ledger = Double.parseDouble(storage.getProperty("ledger.overheadPerRecord"));
        double raw = Double.parseDouble(storage.getProperty("raw.overheadPerRecord"));
        out.append(String.format("| (e) storage beyond record bytes at %,d records | %.1f B/record | %.1f B/record "
                        + "(plain table) | %.2f× | ≤ 100 B/record | %s |%n",
                Long.parseLong(storage.getProperty("records")), ledger, raw, ledger / raw, met(ledger <= 100)));
        if (storage.getProperty("ledger.overheadBeyondStoredPerRecord") != null) {
            long records = Long.parseLong(storage.getProperty("records"));
            out.append(String.format("| (e') the same beyond the stored (compressed) record bytes, %.1f B/record stored "
                            + "| %s B/record | | | | |%n",
                    Long.parseLong(storage.getProperty("ledger.storedRecordBytes")) / (double) records,
                    storage.getProperty("ledger.overheadBeyondStoredPerRecord")));
        }
        return out.toString();
    }

    private void rate(String figure, String ledgerName, String rawName, String unit, String rawUnit, double goal,
                      boolean halfOfRaw) {
        if (!ran(ledgerName, rawName)) {
            return;
        }
        double ledger = perSecond(ledgerName);
        double raw = perSecond(rawName);
        double ratio = ledger / raw;
        boolean met = ledger >= goal && (!halfOfRaw || ratio >= 0.5);
        out.append(String.format("| %s | %,.0f %s ± %.0f%% | %,.0f %s | %.0f%% | ≥ %,.0f/s%s | %s |%n", figure, ledger,
                unit, errorPercent(ledgerName), raw, rawUnit, 100 * ratio, goal, halfOfRaw ? " and ≥ 50%" : "", met(met)));
    }

    private void latency(String figure, String ledgerName, String rawName, String rawWhat) {
        if (!ran(ledgerName, rawName)) {
            return;
        }
        double ledger = micros(ledgerName);
        double raw = micros(rawName);
        out.append(String.format("| %s | %.1f µs ± %.0f%% | %.1f µs (%s) | %.1f× | < 100 µs | %s |%n", figure, ledger,
                errorPercent(ledgerName), raw, rawWhat, ledger / raw, met(ledger < 100)));
    }

    /** Whether this run measured both benchmarks of a row (a run given a JMH regexp measures some rows only). */
    private boolean ran(String ledgerName, String rawName) {
        return results.get(ledgerName) != null && results.get(rawName) != null;
    }

    private static String met(boolean met) {
        return met ? "yes" : "**no**";
    }

    private JsonNode metric(String name) {
        JsonNode r = results.get(name);
        if (r == null) {
            throw new IllegalArgumentException("no result for " + name + " in the JMH file");
        }
        return r.get("primaryMetric");
    }

    private double errorPercent(String name) {
        JsonNode m = metric(name);
        double error = m.get("scoreError").asDouble();
        return Double.isNaN(error) ? 0 : 100 * error / m.get("score").asDouble();
    }

    /** Operations per second, from a throughput or a time-per-operation score. */
    private double perSecond(String name) {
        JsonNode m = metric(name);
        String unit = m.get("scoreUnit").asText();
        double score = m.get("score").asDouble();
        return switch (unit) {
            case "ops/s" -> score;
            case "us/op" -> 1e6 / score;
            case "ms/op" -> 1e3 / score;
            default -> throw new IllegalArgumentException(name + ": unexpected unit " + unit);
        };
    }

    private double micros(String name) {
        JsonNode m = metric(name);
        String unit = m.get("scoreUnit").asText();
        double score = m.get("score").asDouble();
        return switch (unit) {
            case "us/op" -> score;
            case "ns/op" -> score / 1e3;
            case "ops/s" -> 1e6 / score;
            default -> throw new IllegalArgumentException(name + ": unexpected unit " + unit);
        };
    }
}
