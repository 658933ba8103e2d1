package io.datanet.provenance.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.datanet.provenance.Digest;
import io.datanet.provenance.testing.AppendingProcess;
import io.datanet.provenance.testing.SampleRecords;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILLs a writer process ({@link AppendingProcess}) at random points, round after round, on one ledger,
 * and after every kill opens the ledger and checks: it verifies; every acknowledged record is at the index
 * it was acknowledged at; the entries added in the round are exactly the writer's records in order, the
 * unacknowledged append in flight either wholly present or wholly absent (one bulk append is one
 * transaction); and the tree over the earlier records is unchanged. Single and bulk appends, and kills
 * during checkpoint signing. Rerun a failure with {@code -Dprovenance.test.seed=<seed printed>}.
 */
class WriterKilledMidAppendTest {
    private static final int ROUNDS = 30;
    private static final int MIN_ROUNDS = 12;
    private static final long BUDGET_MILLIS = 45_000;
    private static final int SIGKILL_EXIT = 128 + 9;

    @TempDir
    Path tmp;

    private final List<WriterProcess> started = new ArrayList<>();

    @AfterEach
    void killWritersLeftRunning() throws InterruptedException {
        for (WriterProcess w : started) {
            w.close();
        }
    }

    @Test
    void writerKilledAtRandomPointsLosesNoAcknowledgedRecordAndLeavesALedgerThatVerifies() throws Exception {
        long seed = Long.getLong("provenance.test.seed", System.nanoTime());
        try {
            run(new Random(seed));
        } catch (Throwable e) {
            throw new AssertionError("crash test failed with seed " + seed
                    + " (rerun with -Dprovenance.test.seed=" + seed + "): " + e.getMessage(), e);
        }
    }

    private void run(Random random) throws Exception {
        Path dir = tmp.resolve("ledger");
        long start = System.currentTimeMillis();
        List<WriterProcess.Ack> allAcks = new ArrayList<>();
        long size = 0;
        Digest root = MerkleHash.empty();
        int rounds = 0;
        int killedInFlight = 0;
        int killedInBulk = 0;
        int inFlightCommitted = 0;
        WriterProcess next = startWriter(0, random);
        for (int r = 0; r < ROUNDS && (r < MIN_ROUNDS || System.currentTimeMillis() - start < BUDGET_MILLIS); r++) {
            boolean bulk = isBulk(r);
            long first = first(r);
            WriterProcess writer = next;
            // The next round's JVM starts up now and waits, so JVM start-up overlaps this round.
            next = startWriter(r + 1, random);
            String round = "round " + r + " " + writer.args();
            try {
                writer.send("OPEN"); // any line: the writer opens the ledger and starts appending
                assertThat(writer.awaitLineStartingWith("BEGIN ", 60_000))
                        .as("%s: writer started appending; stderr:%n%s", round, writer.stderrTail()).isTrue();
                Thread.sleep(50 + random.nextInt(351));
                if (bulk) {
                    awaitInFlight(writer, 2_000);
                    Thread.sleep(random.nextInt(20));
                }
                int exit = writer.kill();
                assertThat(exit).as("%s: exit status of a SIGKILLed process", round).isEqualTo(SIGKILL_EXIT);
                assertThat(writer.alive()).as("%s: pid %d is dead", round, writer.pid()).isFalse();
            } finally {
                writer.close();
            }

            List<WriterProcess.Ack> acks = writer.acks();
            WriterProcess.Begin inFlight = inFlight(writer);
            assertThat(writer.lines()).as("%s: the writer never finishes, so it was killed", round)
                    .doesNotContain("DONE");
            try (Ledger ledger = Ledger.open(dir, LedgerOptions.defaults().withCheckpointOnClose(false))) {
                VerificationReport report = ledger.verify(p -> { });
                assertThat(report.problems()).as("%s: verify after the kill", round).isEmpty();
                long newSize = ledger.size();
                long added = newSize - size;
                // Every completed call, plus the one in flight either wholly or not at all.
                long inFlightCount = inFlight == null ? 0 : inFlight.count();
                long completed = writer.begins().stream().mapToLong(WriterProcess.Begin::count).sum() - inFlightCount;
                assertThat(added).as("%s: records added (acked %d, in flight %s)", round, acks.size(), inFlight)
                        .isIn(completed, completed + inFlightCount);
                assertThat((long) acks.size()).as("%s: acks", round).isBetween(completed, added);
                List<LedgerEntry> entries = new ArrayList<>();
                ledger.scan(size, newSize, entries::add);
                assertThat(entries).as("%s: entries of the round", round).hasSize((int) added);
                for (int k = 0; k < added; k++) {
                    LedgerEntry e = entries.get(k);
                    assertThat(e.index()).isEqualTo(size + k);
                    assertThat(e.record().id()).as("%s: entry %d is sample %d", round, e.index(), first + k)
                            .isEqualTo(SampleRecords.canonical(first + k).id());
                    if (k < acks.size()) {
                        assertThat(acks.get(k)).as("%s: ack %d", round, k)
                                .isEqualTo(new WriterProcess.Ack(e.index(), e.id()));
                    }
                }
                assertThat(ledger.root(size)).as("%s: the tree over earlier rounds is unchanged", round)
                        .isEqualTo(root);
                Digest newRoot = ledger.root(newSize);
                if (size > 0) {
                    assertThat(ledger.proveConsistency(size, newSize).verifies(root, newRoot)).isTrue();
                }
                if (r % 5 == 4) {
                    assertThat(ledger.checkpoint().checkpoint().root()).isEqualTo(newRoot);
                }
                if (inFlight != null) {
                    killedInFlight++;
                    killedInBulk += bulk ? 1 : 0;
                    inFlightCommitted += added > completed ? 1 : 0;
                }
                size = newSize;
                root = newRoot;
            }
            allAcks.addAll(acks);
            rounds++;
        }

        try (Ledger ledger = Ledger.open(dir, LedgerOptions.defaults().withCheckpointOnClose(false))) {
            assertThat(ledger.verify(p -> { }).problems()).as("verify at the end").isEmpty();
            for (WriterProcess.Ack ack : allAcks) {
                assertThat(ledger.find(Digest.parseHex(ack.idHex())).map(LedgerEntry::index))
                        .as("acknowledged record %s", ack.idHex()).contains(ack.index());
            }
        }
        System.out.printf("crash test: %d rounds in %d ms, %d records acknowledged, %d kills inside an append "
                        + "(%d inside a bulk append, %d after its commit but before the ack)%n", rounds,
                System.currentTimeMillis() - start, allAcks.size(), killedInFlight, killedInBulk, inFlightCommitted);
        assertThat(rounds).isGreaterThanOrEqualTo(MIN_ROUNDS);
        assertThat(allAcks).as("records acknowledged over all rounds").hasSizeGreaterThan(rounds);
        assertThat(killedInFlight).as("kills that landed inside an append call").isGreaterThanOrEqualTo(rounds / 3);
        assertThat(killedInBulk).as("kills that landed inside a bulk append").isGreaterThanOrEqualTo(1);
    }

    private WriterProcess startWriter(int round, Random random) throws Exception {
        List<String> args = new ArrayList<>(List.of(Long.toString(first(round)), "1000000", "--seed",
                Long.toString(random.nextLong()), "--wait-open"));
        if (isBulk(round)) {
            args.addAll(List.of("--bulk", "2000"));
        }
        if (random.nextInt(3) == 0) {
            args.addAll(List.of("--checkpoint-every", Integer.toString(1 + random.nextInt(20))));
        }
        WriterProcess writer = WriterProcess.start(tmp.resolve("ledger"), tmp,
                tmp.resolve("writer-" + round + ".err"), args.toArray(new String[0]));
        started.add(writer);
        return writer;
    }

    private static boolean isBulk(int round) {
        return round % 4 == 3;
    }

    private static long first(int round) {
        return round * 1_000_000L;
    }

    /** Waits until the writer's last line is a BEGIN (an append call in flight); gives up after the timeout. */
    private static void awaitInFlight(WriterProcess writer, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            List<String> lines = writer.lines();
            if (!lines.isEmpty() && lines.get(lines.size() - 1).startsWith("BEGIN ")) {
                return;
            }
            Thread.sleep(1);
        }
    }

    /** The append call that started but was not wholly acknowledged when the writer died, if any. */
    private static WriterProcess.Begin inFlight(WriterProcess writer) {
        List<WriterProcess.Begin> begins = writer.begins();
        if (begins.isEmpty()) {
            return null;
        }
        WriterProcess.Begin last = begins.get(begins.size() - 1);
        long acked = writer.acks().size();
        long started = begins.stream().mapToLong(WriterProcess.Begin::count).sum();
        return acked < started ? last : null;
    }
}
