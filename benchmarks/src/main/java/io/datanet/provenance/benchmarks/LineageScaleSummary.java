package io.datanet.provenance.benchmarks;

import java.util.Properties;

/**
 * Prints the BENCHMARKS.md table of the lineage scale harness from the figures files of one ledger size, with the
 * peak heaps of a second (smaller) size beside them to show they do not grow with the ledger.
 *
 * <p>Usage: {@code LineageScaleSummary RECORDS [SMALLER_RECORDS]}.
 */
public final class LineageScaleSummary {
    private final Properties f = new Properties();
    private final Properties small = new Properties();
    private final StringBuilder out = new StringBuilder();

    private LineageScaleSummary() {}

    public static void main(String[] args) {
        long n = Long.parseLong(args[0]);
        LineageScaleSummary s = new LineageScaleSummary();
        for (String phase : new String[] {"build", "queries", "verify", "storage"}) {
            s.f.putAll(LineageScaleLedger.figures(n, phase));
        }
        long m = args.length > 1 ? Long.parseLong(args[1]) : 0;
        if (m > 0) {
            for (String phase : new String[] {"queries", "verify"}) {
                s.small.putAll(LineageScaleLedger.figures(m, phase));
            }
        }
        System.out.print(s.table(n, m));
    }

    private String table(long n, long m) {
        String at = LineageScaleLedger.label(n);
        out.append(String.format("Ledger: %,d records (%s B mean record), built with seed %d.%n%n", n,
                f.getProperty("storage.meanRecordBytes", "?"), LineageScaleLedger.SEED));
        out.append("| figure | measured | raw limit, same run | ratio | goal | met |\n");
        out.append("| --- | ---: | ---: | ---: | --- | --- |\n");
        latency("`lineage(model)` p50, uniform model versions (" + f.getProperty("lineage.meanAncestors", "?")
                + " ancestors on average)", "lineage", "p50", Double.NaN);
        latency("`lineage(model)` p99", "lineage", "p99", 1.0);
        latency("ancestry at depth " + f.getProperty("ancestry.depth", "?") + " (`lineage` of a record with that many "
                + "ancestors) p99", "ancestry", "p99", 5.0);
        latency("`uses(DataNet)` first page of 100, DataNets drawn Zipf-like, p50", "uses.zipf", "p50", Double.NaN);
        latency("`uses(DataNet)` first page of 100, DataNets drawn Zipf-like, p99", "uses.zipf", "p99", 20.0);
        latency("`uses` first page of the most used DataNet (`dn-0000`) p99", "uses.top", "p99", 20.0);
        latency("`uses` pages 1-50 of the most used DataNet, followed by token, p99", "uses.topPages", "p99", Double.NaN);
        double storage = num(f, "storage.overheadPerRecord");
        double rawStorage = num(f, "storage.raw.overheadPerRecord");
        out.append(String.format("| storage beyond the record bytes | %.1f B/record | %.1f B/record (the records "
                + "table's own B-tree beyond its stored bytes) | %s | ≤ 100 B/record | %s |%n", storage, rawStorage,
                storage > 0 ? String.format("%.2f×", storage / rawStorage) : "", met(storage <= 100)));
        if (f.getProperty("storage.overheadBeyondStored") != null) {
            out.append(String.format("| storage beyond the stored (compressed, %s B mean) record bytes | %.1f B/record "
                    + "| | | | |%n", f.getProperty("storage.meanStoredBytes"), num(f, "storage.overheadBeyondStored")));
        }
        double verify = num(f, "verify.seconds");
        out.append(String.format("| full `verify` wall time (%s) | %.1f s | | | ≤ 120 s | %s |%n",
                "true".equals(f.getProperty("verify.ok")) ? "passed" : "FAILED", verify, met(verify <= 120)));
        heap("queries", at, m);
        heap("verify", at, m);
        return out.toString();
    }

    private void latency(String figure, String key, String pct, double goalMs) {
        double q = num(f, key + "." + pct + ".ms");
        double r = num(f, key + ".raw." + pct + ".ms");
        out.append(String.format("| %s | %.3f ms | %.3f ms (the same records read by primary key) | %.1f× | %s | %s |%n",
                figure, q, r, q / r, Double.isNaN(goalMs) ? "" : "≤ " + (goalMs == Math.rint(goalMs)
                        ? Long.toString((long) goalMs) : Double.toString(goalMs)) + " ms",
                Double.isNaN(goalMs) ? "" : met(q <= goalMs)));
    }

    private void heap(String phase, String at, long m) {
        // the live set at the end of a forced full collection as the collector reports it, when both runs have it;
        // else the heap read right after such a collection (which also counts what other threads allocated since);
        // else the heap after any collection
        String forced = phase + ".heap.liveAtForcedGc.mb";
        String full = phase + ".heap.liveAtFullGc.mb";
        boolean exact = f.getProperty(forced) != null && (m == 0 || small.getProperty(forced) != null);
        boolean sampled = f.getProperty(full) != null && (m == 0 || small.getProperty(full) != null);
        String key = exact ? forced : sampled ? full : phase + ".heap.liveAfterGc.mb";
        String what = exact ? "peak live set (a full GC every 0.5 s, as the collector reports it)"
                : sampled ? "peak live set (a full GC every 0.5 s)" : "peak live heap (after GC)";
        double big = num(f, key);
        double cap = num(f, phase + ".heap.max.mb");
        if (m > 0) {
            double s = num(small, key);
            out.append(String.format("| %s of %s, JVM capped at %.0f MB | %.1f MB at %s | %.1f MB at %s | "
                            + "%.2f× | independent of size | %s |%n", what, phase, cap, big, at,
                    s, LineageScaleLedger.label(m), big / s, met(big <= Math.max(s * 1.5, s + 8))));
        } else {
            out.append(String.format("| %s of %s, JVM capped at %.0f MB | %.1f MB at %s | | | independent of "
                    + "size | not compared |%n", what, phase, cap, big, at));
        }
    }

    private static double num(Properties p, String key) {
        String v = p.getProperty(key);
        return v == null ? Double.NaN : Double.parseDouble(v);
    }

    private static String met(boolean ok) {
        return ok ? "yes" : "**no**";
    }
}
