package io.datanet.provenance.testing;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerEntry;
import io.datanet.provenance.record.CanonicalRecord;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A writer process for crash and concurrency tests: opens a ledger and appends
 * {@link SampleRecords#canonical(long)} for a range of sample numbers, reporting on stdout, one flushed
 * line each, so the parent knows exactly what was acknowledged when it kills this process:
 *
 * <pre>
 * STARTED                   warmed up; with --wait-open, now waits for a line on stdin before opening
 * OPEN                      the ledger is open (with --wait-go, then waits for a line on stdin)
 * BEGIN &lt;first&gt; &lt;n&gt;         about to append samples first .. first+n-1 (one append, or one appendAll)
 * ACK &lt;index&gt; &lt;idhex&gt;       that append returned: the record is durable at that index
 * DONE                      every append returned
 * </pre>
 *
 * <p>Usage: {@code AppendingProcess DIR FIRST COUNT [--threads T] [--bulk N] [--checkpoint-every K] [--seed S]
 * [--wait-open] [--wait-go]}. Samples {@code [FIRST, FIRST+COUNT)} are split into T contiguous slices, one per
 * thread. With {@code --bulk N} each call is an {@code appendAll} of 1 to N records (sizes drawn from the
 * seed); otherwise records are appended one at a time. With {@code --checkpoint-every K} a thread signs a
 * checkpoint after every K of its calls. Exits 0 when done, 1 on any error.
 */
public final class AppendingProcess {
    private static final PrintStream OUT = new PrintStream(System.out, false, StandardCharsets.UTF_8);

    private AppendingProcess() {}

    /** Runs the writer; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long first = Long.parseLong(args[1]);
        long count = Long.parseLong(args[2]);
        int threads = 1;
        int bulk = 0;
        int checkpointEvery = 0;
        long seed = 1;
        boolean waitOpen = false;
        boolean waitGo = false;
        for (int i = 3; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--bulk" -> bulk = Integer.parseInt(args[++i]);
                case "--checkpoint-every" -> checkpointEvery = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--wait-open" -> waitOpen = true;
                case "--wait-go" -> waitGo = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        // Warm up record building, so appending starts at full speed after OPEN.
        CanonicalRecord warmUp = SampleRecords.canonical(first + count);
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        say("STARTED");
        if (waitOpen) {
            stdin.readLine();
        }
        try (Ledger ledger = Ledger.open(dir)) {
            ledger.find(warmUp.id());
            say("OPEN");
            if (waitGo) {
                stdin.readLine();
            }
            List<Thread> workers = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            long slice = (count + threads - 1) / threads;
            for (int t = 0; t < threads; t++) {
                long from = first + t * slice;
                long to = Math.min(first + count, from + slice);
                Slice work = new Slice(ledger, from, to, bulk, checkpointEvery, new Random(seed * 31 + t));
                Thread worker = new Thread(() -> {
                    try {
                        work.run();
                    } catch (Throwable e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                }, "appender-" + t);
                workers.add(worker);
                worker.start();
            }
            for (Thread worker : workers) {
                worker.join();
            }
            if (!failures.isEmpty()) {
                failures.get(0).printStackTrace();
                System.exit(1);
            }
            say("DONE");
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private record Slice(Ledger ledger, long from, long to, int bulk, int checkpointEvery, Random random) {
        void run() {
            long calls = 0;
            for (long next = from; next < to; ) {
                int n = bulk > 0 ? (int) Math.min(to - next, 1 + random.nextInt(bulk)) : 1;
                List<CanonicalRecord> batch = new ArrayList<>(n);
                for (long s = next; s < next + n; s++) {
                    batch.add(SampleRecords.canonical(s));
                }
                say("BEGIN " + next + " " + n);
                List<LedgerEntry> entries = bulk > 0 ? ledger.appendAll(batch) : List.of(ledger.append(batch.get(0)));
                StringBuilder acks = new StringBuilder();
                for (LedgerEntry e : entries) {
                    acks.append("ACK ").append(e.index()).append(' ').append(e.id()).append('\n');
                }
                say(acks.substring(0, acks.length() - 1));
                next += n;
                if (checkpointEvery > 0 && ++calls % checkpointEvery == 0) {
                    ledger.checkpoint();
                }
            }
        }
    }

    private static void say(String lines) {
        synchronized (OUT) {
            OUT.println(lines);
            OUT.flush();
        }
    }
}
