package io.datanet.provenance.postgres;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerEntry;
import io.datanet.provenance.ledger.LedgerOptions;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.testing.SampleRecords;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * One writer of {@link EightWritersAppendConcurrentlyTest}, run in its own JVM. Appends its own samples
 * {@code [FIRST, FIRST+COUNT)} merged at random places with every sample of {@code [SHARED, SHARED+NSHARED)} (which
 * all writers append, each in its own shuffled order), in {@code appendAll} batches of 1 to 50, and reports on
 * stdout, one flushed line each: {@code OPEN}, then after a line on stdin {@code BEGIN <n>} before each batch,
 * {@code ACK <index> <idhex>} per record once the batch returned (durable), {@code DONE}.
 *
 * <p>Usage: {@code PostgresWriterProcess URL FIRST COUNT SHARED NSHARED SEED [KEYDIR CHECKPOINT_EVERY]}; with a
 * key directory it also signs a checkpoint every that many batches.
 */
public final class PostgresWriterProcess {
    private static final PrintStream OUT = new PrintStream(System.out, false, StandardCharsets.UTF_8);

    private PostgresWriterProcess() {}

    /** Runs the writer; see the class comment. */
    public static void main(String[] args) throws Exception {
        String url = args[0];
        long first = Long.parseLong(args[1]);
        int count = Integer.parseInt(args[2]);
        long shared = Long.parseLong(args[3]);
        int nShared = Integer.parseInt(args[4]);
        Random random = new Random(Long.parseLong(args[5]));
        Path keyDir = args.length > 6 ? Path.of(args[6]) : null;
        int checkpointEvery = args.length > 7 ? Integer.parseInt(args[7]) : 0;

        List<Long> sharedOrder = new ArrayList<>();
        for (long s = shared; s < shared + nShared; s++) {
            sharedOrder.add(s);
        }
        Collections.shuffle(sharedOrder, random);
        List<CanonicalRecord> plan = new ArrayList<>();
        int own = 0;
        int common = 0;
        while (own < count || common < nShared) {
            boolean pickShared = common < nShared && (own == count || random.nextInt(count + nShared) < nShared);
            plan.add(SampleRecords.canonical(pickShared ? sharedOrder.get(common++) : first + own++));
        }
        LedgerOptions options = LedgerOptions.defaults().withCheckpointOnClose(false);
        try (Ledger ledger = keyDir == null ? PostgresLedger.open(url, options)
                : PostgresLedger.open(url, keyDir, options)) {
            say("OPEN");
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            int batches = 0;
            for (int next = 0; next < plan.size(); ) {
                int n = Math.min(plan.size() - next, 1 + random.nextInt(50));
                say("BEGIN " + n);
                List<LedgerEntry> entries = ledger.appendAll(plan.subList(next, next + n));
                StringBuilder acks = new StringBuilder();
                for (LedgerEntry e : entries) {
                    acks.append("ACK ").append(e.index()).append(' ').append(e.id()).append('\n');
                }
                say(acks.substring(0, acks.length() - 1));
                next += n;
                if (checkpointEvery > 0 && ++batches % checkpointEvery == 0) {
                    ledger.checkpoint();
                }
            }
            say("DONE");
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void say(String lines) {
        OUT.println(lines);
        OUT.flush();
    }
}
