package io.datanet.provenance.benchmarks;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerOptions;
import io.datanet.provenance.record.CanonicalRecord;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

/**
 * (b) Bulk appends: {@link Ledger#appendAll} of {@value #BATCH} fresh ~1.2 KB records in one durable
 * transaction, against the raw limit: {@value #BATCH} 1 KB blobs inserted as one JDBC batch in one
 * {@code BEGIN IMMEDIATE .. COMMIT} on a plain SQLite table with the same pragmas. One call per iteration;
 * the score is time per record.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class BulkAppendBenchmark {
    static final int BATCH = 10_000;

    /** A ledger that grows by one batch of fresh records per iteration. */
    @State(Scope.Benchmark)
    public static class LedgerState {
        Path dir;
        Ledger ledger;
        List<CanonicalRecord> records;
        long next;

        @Setup(Level.Trial)
        public void open() {
            dir = WorkDirectory.fresh("bulk-ledger-");
            ledger = Ledger.open(dir, LedgerOptions.defaults().withCheckpointOnClose(false));
        }

        @Setup(Level.Iteration)
        public void buildRecords() {
            records = BenchmarkRecords.range(next, BATCH);
            next += BATCH;
        }

        @TearDown(Level.Trial)
        public void close() {
            ledger.close();
            WorkDirectory.delete(dir);
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
            dir = WorkDirectory.fresh("bulk-raw-");
            raw = RawSqlite.open(dir.resolve("raw.db"));
        }

        @Setup(Level.Iteration)
        public void buildBlobs() {
            blobs = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
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
    @OperationsPerInvocation(BATCH)
    public Object ledgerAppendAll(LedgerState s) {
        return s.ledger.appendAll(s.records);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void rawSqliteBatchInsert(RawState s) throws SQLException {
        s.raw.insertAll(s.blobs);
    }
}
