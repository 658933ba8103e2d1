package io.datanet.provenance.benchmarks;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerOptions;
import io.datanet.provenance.record.CanonicalRecord;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * (a) Durable single appends: {@link Ledger#append} of fresh ~1.2 KB records, each durable on return, against
 * the raw limit: one {@code INSERT} of a 1 KB blob per {@code BEGIN IMMEDIATE .. COMMIT} on a plain SQLite
 * table with the same pragmas. Each iteration is {@value #APPENDS} appends of records built beforehand
 * (building a record is the caller's cost, not the ledger's); the score is time per append. One thread
 * appends one record at a time ({@code ledgerAppend}); in {@code ledgerAppendFromThreads} {@value #THREADS}
 * threads of one process do the same appends at once, as concurrent trainers would, and the ledger commits
 * the appends that queue up meanwhile together (each call still returns only when its record is durable).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 6)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class DurableAppendBenchmark {
    static final int APPENDS = 1000;
    static final int THREADS = 4;

    /** A ledger that grows by {@value #APPENDS} fresh records per iteration. */
    @State(Scope.Benchmark)
    public static class LedgerState {
        Path dir;
        Ledger ledger;
        List<CanonicalRecord> records;
        long next;

        @Setup(Level.Trial)
        public void open() {
            dir = WorkDirectory.fresh("durable-ledger-");
            ledger = Ledger.open(dir, LedgerOptions.defaults().withCheckpointOnClose(false));
        }

        @Setup(Level.Iteration)
        public void buildRecords() {
            records = BenchmarkRecords.range(next, APPENDS);
            next += APPENDS;
        }

        @TearDown(Level.Trial)
        public void close() {
            ledger.close();
            WorkDirectory.delete(dir);
        }
    }

    /** A ledger and {@value #THREADS} appending threads. */
    @State(Scope.Benchmark)
    public static class ThreadsState extends LedgerState {
        ExecutorService pool;

        @Setup(Level.Trial)
        public void startThreads() {
            pool = Executors.newFixedThreadPool(THREADS);
        }

        @TearDown(Level.Trial)
        public void stopThreads() {
            pool.shutdownNow();
        }
    }

    /** A plain SQLite table of blobs. */
    @State(Scope.Benchmark)
    public static class RawState {
        Path dir;
        RawSqlite raw;
        List<byte[]> blobs;
        final Random random = new Random(1);

        @Setup(Level.Trial)
        public void open() throws SQLException {
            dir = WorkDirectory.fresh("durable-raw-");
            raw = RawSqlite.open(dir.resolve("raw.db"));
        }

        @Setup(Level.Iteration)
        public void buildBlobs() {
            blobs = new ArrayList<>(APPENDS);
            for (int i = 0; i < APPENDS; i++) {
                byte[] b = new byte[1024];
                random.nextBytes(b);
                blobs.add(b);
            }
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            raw.close();
            WorkDirectory.delete(dir);
        }
    }

    @Benchmark
    @OperationsPerInvocation(APPENDS)
    public void ledgerAppend(LedgerState s, Blackhole bh) {
        for (CanonicalRecord r : s.records) {
            bh.consume(s.ledger.append(r));
        }
    }

    @Benchmark
    @OperationsPerInvocation(APPENDS)
    public void ledgerAppendFromThreads(ThreadsState s, Blackhole bh) throws Exception {
        List<Future<?>> done = new ArrayList<>(THREADS);
        for (int t = 0; t < THREADS; t++) {
            List<CanonicalRecord> mine = s.records.subList(t * APPENDS / THREADS, (t + 1) * APPENDS / THREADS);
            done.add(s.pool.submit(() -> {
                for (CanonicalRecord r : mine) {
                    bh.consume(s.ledger.append(r));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
    }

    @Benchmark
    @OperationsPerInvocation(APPENDS)
    public void rawSqliteInsertCommit(RawState s) throws SQLException {
        for (byte[] b : s.blobs) {
            s.raw.insertOne(b);
        }
    }
}
