package io.datanet.provenance.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.datanet.provenance.Digest;
import io.datanet.provenance.testing.AppendingProcess;
import io.datanet.provenance.testing.SampleRecords;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four writer processes ({@link AppendingProcess}), two appending threads each, open one ledger and then
 * append distinct records at the same moment: single appends, bulk appends and checkpoints interleaved.
 * Afterwards nothing is lost or doubled, indexes are 0..n-1 without gaps, every acknowledged record is at
 * its acknowledged index, the ledger verifies, and a checkpoint signed afterwards commits to the RFC 6962
 * root over all records as computed here independently. Rerun a failure with
 * {@code -Dprovenance.test.seed=<seed printed>}.
 */
class ConcurrentProcessAppendTest {
    private static final int PROCESSES = 4;
    private static final int THREADS = 2;
    private static final int PER_PROCESS = 240;

    @TempDir
    Path tmp;

    @Test
    void processesAppendingAtOnceLoseNothingAndShareOneContiguousVerifiableLog() throws Exception {
        long seed = Long.getLong("provenance.test.seed", System.nanoTime());
        try {
            run(new Random(seed));
        } catch (Throwable e) {
            throw new AssertionError("concurrency test failed with seed " + seed
                    + " (rerun with -Dprovenance.test.seed=" + seed + "): " + e.getMessage(), e);
        }
    }

    private void run(Random random) throws Exception {
        Path dir = tmp.resolve("ledger");
        try (Ledger ledger = Ledger.open(dir)) {
            assertThat(ledger.size()).isZero(); // the key and schema exist before the writers race
        }
        List<WriterProcess> writers = new ArrayList<>();
        try {
            for (int p = 0; p < PROCESSES; p++) {
                List<String> args = new ArrayList<>(List.of(Long.toString(first(p)), Integer.toString(PER_PROCESS),
                        "--threads", Integer.toString(THREADS), "--seed", Long.toString(random.nextLong()),
                        "--wait-go"));
                if (p == 1) {
                    args.addAll(List.of("--checkpoint-every", "20"));
                }
                if (p == PROCESSES - 1) {
                    args.addAll(List.of("--bulk", "16"));
                }
                writers.add(WriterProcess.start(dir, tmp, tmp.resolve("writer-" + p + ".err"),
                        args.toArray(new String[0])));
            }
            for (int p = 0; p < PROCESSES; p++) {
                if (!writers.get(p).awaitLine("OPEN", 30_000)) {
                    fail("writer %d could not open the ledger within 30 s while the other writers had it open "
                            + "(idle): an open ledger must not hold SQLite's write lock between appends; stderr:%n%s",
                            p, writers.get(p).stderrTail());
                }
            }
            long start = System.nanoTime();
            for (WriterProcess w : writers) {
                w.send("GO");
            }
            for (int p = 0; p < PROCESSES; p++) {
                int exit = writers.get(p).await(180_000);
                assertThat(exit).as("writer %d exit status; stderr:%n%s", p, writers.get(p).stderrTail()).isZero();
            }
            System.out.printf("concurrency test: %d processes x %d threads appended %d records in %d ms%n",
                    PROCESSES, THREADS, PROCESSES * PER_PROCESS, (System.nanoTime() - start) / 1_000_000);
        } finally {
            for (WriterProcess w : writers) {
                w.close();
            }
        }

        long total = (long) PROCESSES * PER_PROCESS;
        Map<String, Integer> expected = new HashMap<>(); // id -> writer
        for (int p = 0; p < PROCESSES; p++) {
            for (long s = first(p); s < first(p) + PER_PROCESS; s++) {
                expected.put(SampleRecords.canonical(s).idHex(), p);
            }
        }
        TreeMap<Long, Integer> writerAt = new TreeMap<>();
        for (int p = 0; p < PROCESSES; p++) {
            List<WriterProcess.Ack> acks = writers.get(p).acks();
            assertThat(acks).as("acks of writer %d", p).hasSize(PER_PROCESS);
            for (WriterProcess.Ack ack : acks) {
                assertThat(expected.get(ack.idHex())).as("acked id %s belongs to writer %d", ack.idHex(), p)
                        .isEqualTo(p);
                assertThat(writerAt.put(ack.index(), p)).as("index %d acknowledged twice", ack.index()).isNull();
            }
        }

        try (Ledger ledger = Ledger.open(dir, LedgerOptions.defaults().withCheckpointOnClose(false))) {
            assertThat(ledger.size()).isEqualTo(total);
            List<LedgerEntry> entries = new ArrayList<>();
            ledger.scan(0, total, entries::add);
            Set<String> seen = new HashSet<>();
            List<Digest> leaves = new ArrayList<>();
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < entries.size(); i++) {
                LedgerEntry e = entries.get(i);
                assertThat(e.index()).as("entries are contiguous").isEqualTo(i);
                assertThat(seen.add(e.id())).as("entry %d (%s) is logged once", i, e.id()).isTrue();
                assertThat(expected).as("entry %d is one of the writers' records", i).containsKey(e.id());
                assertThat(expected.get(e.id())).as("entry %d was acknowledged at its index", i)
                        .isEqualTo(writerAt.get(e.index()));
                sha256.update((byte) 0);
                leaves.add(Digest.of(sha256.digest(e.record().bytes())));
            }
            assertThat(seen).hasSize((int) total).containsAll(expected.keySet());
            for (Map.Entry<Long, Integer> ack : writerAt.entrySet()) {
                assertThat(ledger.get(ack.getKey())).isPresent();
            }

            VerificationReport report = ledger.verify(p -> { });
            assertThat(report.problems()).as("verify").isEmpty();
            assertThat(report.entries()).isEqualTo(total);

            SignedCheckpoint checkpoint = ledger.checkpoint();
            assertThat(checkpoint.checkpoint().size()).isEqualTo(total);
            assertThat(checkpoint.checkpoint().root()).as("checkpoint root against an independent RFC 6962 root")
                    .isEqualTo(RfcReference.mth(leaves, 0, leaves.size()));
            assertThat(SignedCheckpoint.verify(checkpoint.note(), NoteVerifier.parse(ledger.verifierKey())))
                    .isEqualTo(checkpoint);
        }

        // The writers really ran at once: their entries interleave in the log rather than follow one another.
        // (How often depends on scheduling: 15 switches were seen on a loaded 2-core machine, so the bar is twice
        // the number of processes, well above the PROCESSES - 1 of one process after another.)
        int switches = 0;
        Integer previous = null;
        for (Integer p : writerAt.values()) {
            switches += previous != null && !previous.equals(p) ? 1 : 0;
            previous = p;
        }
        assertThat(switches).as("changes of writer along the log (%d would mean one process after another)",
                PROCESSES - 1).isGreaterThanOrEqualTo(2 * PROCESSES);
    }

    private static long first(int process) {
        return process * 1_000_000L;
    }
}
