package io.datanet.provenance.evm;

import io.datanet.provenance.Digest;
import io.datanet.provenance.anchor.Anchor;
import io.datanet.provenance.anchor.AnchorReceipt;
import io.datanet.provenance.anchor.AnchorRequest;
import io.datanet.provenance.anchor.AnchorScheduler;
import io.datanet.provenance.anchor.LogId;
import io.datanet.provenance.anchor.RecordFact;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerEntry;
import io.datanet.provenance.ledger.MerkleHash;
import io.datanet.provenance.testing.SampleRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gas per record from receipts on anvil, and the time from append to anchored. Not part of the build:
 * {@code mvn -pl provenance-evm -am verify -Devm.excludedGroups= -Dgroups=benchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * writes {@code provenance-evm/target/gas-benchmark.md}.
 */
@Tag("benchmark")
class GasPerRecordBenchmark {
    @TempDir
    Path work;
    private final StringBuilder report = new StringBuilder();

    /** The RFC 6962 root of a growing list of leaves. */
    private static final class Roots {
        private final Digest[] byLevel = new Digest[64];
        private long size;

        void add(byte[] bytes) {
            Digest h = MerkleHash.leaf(bytes);
            int level = 0;
            while (((size >>> level) & 1) == 1) {
                h = MerkleHash.node(byLevel[level], h);
                byLevel[level++] = null;
            }
            byLevel[level] = h;
            size++;
        }

        Digest root() {
            Digest h = null;
            for (int level = 0; level < 64; level++) {
                if (((size >>> level) & 1) == 1) {
                    h = h == null ? byLevel[level] : MerkleHash.node(byLevel[level], h);
                }
            }
            return h;
        }
    }

    private static long gas(AnvilNode anvil, String tx) throws Exception {
        return Long.decode(anvil.rpc("eth_getTransactionReceipt", tx).get("gasUsed").asText());
    }

    private void line(String s) {
        report.append(s).append('\n');
        System.out.println(s);
    }

    @Test
    void gasPerRecordAndAppendToAnchoredTime() throws Exception {
        try (AnvilNode anvil = AnvilNode.start(work.resolve("anvil"))) {
            EvmKey key = EvmKey.ofPrivateKey(anvil.fundedKey());
            String registry = Web3jAnchorSink.deployRegistry(anvil.url(), key);
            try (Web3jAnchorSink sink = Web3jAnchorSink.builder(anvil.url(), registry).key(key)
                    .pollInterval(Duration.ofMillis(20)).build()) {
                rootMode(anvil, sink);
            }
            try (Web3jAnchorSink sink = Web3jAnchorSink.builder(anvil.url(), registry).key(key)
                    .pollInterval(Duration.ofMillis(20)).publishRecordFacts(true).build()) {
                eventsMode(anvil, sink);
                appendToAnchored(sink, 1, 40);
                appendToAnchored(sink, 100, 10);
            }
        }
        Files.writeString(Path.of("target", "gas-benchmark.md"), report.toString(), StandardCharsets.UTF_8);
    }

    /** One log growing by N records between anchors: each anchor is a steady-state one (the log exists). */
    private void rootMode(AnvilNode anvil, Web3jAnchorSink sink) throws Exception {
        LogId log = LogId.ofVerifierKey("benchmark/root+00000000+AQ");
        Roots roots = new Roots();
        roots.add(SampleRecords.canonical(0).bytes());
        long first = gas(anvil, sink.publish(AnchorRequest.of(new Anchor(log, 1, roots.root()))).transaction());
        line("| root mode, first anchor of a log (creates its head slot) | 1 | " + first + " | " + first + " |");
        long size = 1;
        for (long n : new long[] {1, 100, 1_000, 10_000, 1_000_000}) {
            for (long i = size; i < size + n; i++) {
                roots.add(SampleRecords.canonical(i).bytes());
            }
            size += n;
            AnchorReceipt r = sink.publish(AnchorRequest.of(new Anchor(log, size, roots.root())));
            long g = gas(anvil, r.transaction());
            line(String.format("| root mode, one anchor per %,d records | %,d | %,d | %s |", n, n, g,
                    perRecord(g, n)));
        }
    }

    private static String perRecord(long gas, long n) {
        return n >= 1000 ? String.format("%.3f", (double) gas / n) : String.format("%,d", gas / n);
    }

    /** Events mode: the facts of each record (id, model version, two DataNets) published with the anchor. */
    private void eventsMode(AnvilNode anvil, Web3jAnchorSink sink) throws Exception {
        LogId log = LogId.ofVerifierKey("benchmark/events+00000000+AQ");
        Roots roots = new Roots();
        long size = 0;
        for (int n : new int[] {1, 1, 100, 500}) {
            List<RecordFact> facts = new ArrayList<>();
            for (long i = size; i < size + n; i++) {
                var record = SampleRecords.canonical(i);
                roots.add(record.bytes());
                facts.add(RecordFact.of(new LedgerEntry(i, record)));
            }
            size += n;
            long g = gas(anvil, sink.publish(new AnchorRequest(new Anchor(log, size, roots.root()), facts)).transaction());
            line(String.format("| events mode%s, %,d records per anchor (2 DataNets each) | %,d | %,d | %,d |",
                    size == 1 ? " (first anchor)" : "", n, n, g, g / n));
        }
    }

    /** Wall time from an append returning to its anchor confirmed on anvil (instant blocks), through the scheduler. */
    private void appendToAnchored(Web3jAnchorSink sink, int every, int samples) throws Exception {
        Path dir = work.resolve("ledger-" + every);
        long[] millis = new long[samples];
        try (Ledger ledger = Ledger.open(dir);
             AnchorScheduler anchors = AnchorScheduler.builder(dir, sink).ledger(ledger).everyRecords(every)
                     .pollInterval(Duration.ofMillis(10)).start()) {
            long next = 0;
            for (int s = 0; s < samples; s++) {
                for (int i = 0; i < every - 1; i++) {
                    ledger.append(SampleRecords.canonical(next++));
                }
                long t = System.nanoTime();
                ledger.append(SampleRecords.canonical(next++));
                if (!anchors.awaitAnchored(next, Duration.ofSeconds(60))) {
                    throw new AssertionError("not anchored: " + anchors.lastError());
                }
                millis[s] = (System.nanoTime() - t) / 1_000_000;
            }
        }
        Arrays.sort(millis);
        line(String.format("append-to-anchored, events mode, anchor every %d record%s: median %d ms, p90 %d ms, max %d ms "
                + "(%d samples)", every, every == 1 ? "" : "s", millis[samples / 2], millis[samples * 9 / 10],
                millis[samples - 1], samples));
    }
}
