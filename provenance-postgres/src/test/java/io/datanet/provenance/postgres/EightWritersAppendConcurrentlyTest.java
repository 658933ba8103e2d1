package io.datanet.provenance.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.datanet.provenance.Digest;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerEntry;
import io.datanet.provenance.ledger.LedgerOptions;
import io.datanet.provenance.ledger.MerkleHash;
import io.datanet.provenance.ledger.NoteVerifier;
import io.datanet.provenance.ledger.SignedCheckpoint;
import io.datanet.provenance.ledger.VerificationReport;
import io.datanet.provenance.testing.SampleRecords;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight writer JVMs ({@link PostgresWriterProcess}) append to one PostgreSQL ledger at the same moment: each its
 * own records in batches of 1 to 50, every writer also the same shared records in its own order (dedupe under
 * contention), writer 0 signing checkpoints as it goes, and writer 7 killed with SIGKILL part-way. Afterwards:
 * no acknowledged record is lost, each is at its acknowledged index, no record is logged twice and none that no
 * writer appended, indexes are exactly 0..size-1, the root recomputed here from the logged bytes equals the
 * ledger's root and a checkpoint signed afterwards, nothing is left staged, and verify passes.
 * Sizes: {@code -Dprovenance.test.perWriter} (default 1,000) and {@code .shared} (default 100); rerun a failure
 * with the printed {@code -Dprovenance.test.seed}.
 */
class EightWritersAppendConcurrentlyTest {
    @RegisterExtension
    static final PostgresServer SERVER = new PostgresServer();

    private static final int WRITERS = 8;
    private static final int KILLED = 7;
    private static final long SHARED_FIRST = 90_000_000L;

    @TempDir
    Path tmp;

    private record Ack(long index, String idHex) {}

    @Test
    void eightWritersLoseNothingAndShareOneGaplessVerifiableTree() throws Exception {
        long seed = Long.getLong("provenance.test.seed", System.nanoTime());
        try {
            run(new Random(seed));
        } catch (Throwable e) {
            throw new AssertionError("8-writer test failed with seed " + seed + " (rerun with -Dprovenance.test.seed="
                    + seed + "): " + e.getMessage(), e);
        }
    }

    private void run(Random random) throws Exception {
        int perWriter = Integer.getInteger("provenance.test.perWriter", 1000);
        int shared = Integer.getInteger("provenance.test.shared", 100);
        String url = SERVER.newDatabase();
        Path keys = tmp.resolve("keys");
        String verifierKey;
        try (Ledger ledger = PostgresLedger.open(url, keys, LedgerOptions.defaults())) {
            verifierKey = ledger.verifierKey(); // the schema and the key exist before the writers race
        }
        List<Process> writers = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        try {
            for (int w = 0; w < WRITERS; w++) {
                List<String> args = new ArrayList<>(List.of(url, Long.toString(first(w)), Integer.toString(perWriter),
                        Long.toString(SHARED_FIRST), Integer.toString(shared), Long.toString(random.nextLong())));
                if (w == 0) {
                    args.addAll(List.of(keys.toString(), "5"));
                }
                Path out = tmp.resolve("writer-" + w + ".out");
                outputs.add(out);
                writers.add(start(args, out, tmp.resolve("writer-" + w + ".err")));
            }
            for (int w = 0; w < WRITERS; w++) {
                awaitLines(writers.get(w), outputs.get(w), "OPEN", 1, 120);
            }
            for (Process p : writers) {
                try (OutputStream in = p.getOutputStream()) {
                    in.write("GO\n".getBytes(StandardCharsets.UTF_8));
                }
            }
            awaitLines(writers.get(KILLED), outputs.get(KILLED), "ACK", 20, 300);
            writers.get(KILLED).destroyForcibly(); // SIGKILL, mid-way through its appends
            assertThat(writers.get(KILLED).waitFor(30, TimeUnit.SECONDS)).isTrue();
            for (int w = 0; w < WRITERS; w++) {
                if (w == KILLED) {
                    continue;
                }
                assertThat(writers.get(w).waitFor(600, TimeUnit.SECONDS)).as("writer %d finished", w).isTrue();
                assertThat(writers.get(w).exitValue()).as("writer %d exit status; stderr:%n%s", w,
                        Files.readString(tmp.resolve("writer-" + w + ".err"))).isZero();
                assertThat(lines(outputs.get(w))).as("writer %d", w).contains("DONE");
            }
        } finally {
            writers.forEach(Process::destroyForcibly);
        }
        assertThat(lines(outputs.get(KILLED))).as("writer %d was killed before it finished", KILLED)
                .doesNotContain("DONE");

        Map<String, Long> acked = new HashMap<>();
        for (Path out : outputs) {
            for (String line : lines(out)) {
                if (line.startsWith("ACK ")) {
                    String[] f = line.split(" ");
                    Ack ack = new Ack(Long.parseLong(f[1]), f[2]);
                    Long before = acked.putIfAbsent(ack.idHex(), ack.index());
                    assertThat(before == null || before == ack.index())
                            .as("record %s acknowledged at two indexes %s and %s", ack.idHex(), before, ack.index()).isTrue();
                }
            }
        }
        Set<String> appendable = new HashSet<>();
        for (int w = 0; w < WRITERS; w++) {
            for (long s = first(w); s < first(w) + perWriter; s++) {
                appendable.add(SampleRecords.canonical(s).idHex());
            }
        }
        for (long s = SHARED_FIRST; s < SHARED_FIRST + shared; s++) {
            appendable.add(SampleRecords.canonical(s).idHex());
        }

        try (Ledger ledger = PostgresLedger.open(url, keys, LedgerOptions.defaults())) {
            LedgerEntry last = ledger.append(SampleRecords.canonical(SHARED_FIRST - 1)); // sequences anything left staged
            long size = ledger.size();
            assertThat(last.index()).isEqualTo(size - 1);
            int survivors = WRITERS - 1;
            assertThat(size - 1).as("every survivor's records and the shared ones are logged once")
                    .isGreaterThanOrEqualTo((long) survivors * perWriter + shared)
                    .isLessThanOrEqualTo((long) WRITERS * perWriter + shared);
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*), min(idx), max(idx), "
                         + "(SELECT count(*) FROM pending) FROM records")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(size);
                assertThat(rs.getLong(2)).isZero();
                assertThat(rs.getLong(3)).isEqualTo(size - 1);
                assertThat(rs.getLong(4)).as("records left staged").isZero();
            }
            List<Digest> leaves = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            long[] expectedIndex = {0};
            ledger.scan(0, size, e -> {
                assertThat(e.index()).isEqualTo(expectedIndex[0]++);
                assertThat(seen.add(e.id())).as("entry %d is logged twice", e.index()).isTrue();
                assertThat(appendable.contains(e.id()) || e.index() == size - 1)
                        .as("entry %d is a record no writer appended", e.index()).isTrue();
                leaves.add(MerkleHash.leaf(e.record().bytes()));
            });
            assertThat(expectedIndex[0]).isEqualTo(size);
            for (Map.Entry<String, Long> ack : acked.entrySet()) {
                assertThat(ledger.get(ack.getValue())).as("acknowledged entry %d", ack.getValue())
                        .map(LedgerEntry::id).contains(ack.getKey());
            }
            for (int w = 0; w < WRITERS; w++) {
                if (w != KILLED) {
                    for (long s = first(w); s < first(w) + perWriter; s++) {
                        assertThat(seen).contains(SampleRecords.canonical(s).idHex());
                    }
                }
            }
            Digest root = mth(leaves, 0, leaves.size());
            assertThat(ledger.root(size)).isEqualTo(root);
            SignedCheckpoint cp = ledger.checkpoint();
            assertThat(cp.checkpoint().size()).isEqualTo(size);
            assertThat(cp.checkpoint().root()).isEqualTo(root);
            assertThat(SignedCheckpoint.verify(cp.note(), NoteVerifier.parse(verifierKey))).isEqualTo(cp);
            assertThat(ledger.checkpoints()).as("writer 0 signed checkpoints while the others appended").hasSizeGreaterThan(1);
            VerificationReport report = ledger.verify(p -> { });
            assertThat(report.problems()).isEmpty();
            assertThat(report.entries()).isEqualTo(size);
        }
    }

    private static long first(int writer) {
        return 1_000_000L * (writer + 1);
    }

    /** RFC 6962 MTH, recursively, straight from the RFC: independent of the store's tiles. */
    private static Digest mth(List<Digest> leaves, int lo, int hi) {
        int n = hi - lo;
        if (n == 0) {
            return MerkleHash.empty();
        }
        if (n == 1) {
            return leaves.get(lo);
        }
        int k = Integer.highestOneBit(n - 1);
        return MerkleHash.node(mth(leaves, lo, lo + k), mth(leaves, lo + k, hi));
    }

    private static Process start(List<String> args, Path out, Path err) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", classpath, PostgresWriterProcess.class.getName()));
        command.addAll(args);
        // stdout to a file, not a pipe: a line written just before SIGKILL is then certainly there afterwards
        return new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(err.toFile())).start();
    }

    private static void awaitLines(Process p, Path out, String prefix, int count, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (lines(out).stream().filter(l -> l.startsWith(prefix)).count() < count) {
            if (System.nanoTime() > deadline || !p.isAlive()) {
                throw new AssertionError("writer did not print " + count + " " + prefix + " lines (alive: " + p.isAlive()
                        + "); output:\n" + String.join("\n", lines(out)));
            }
            Thread.sleep(5);
        }
    }

    private static List<String> lines(Path out) throws IOException {
        if (!Files.exists(out)) {
            return List.of();
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n'); // a line is complete only with its newline
        return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
    }
}
