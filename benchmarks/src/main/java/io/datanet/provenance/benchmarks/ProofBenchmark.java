package io.datanet.provenance.benchmarks;

import io.datanet.provenance.Digest;
import io.datanet.provenance.ledger.ConsistencyProof;
import io.datanet.provenance.ledger.InclusionProof;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.MerkleHash;
import java.nio.file.Path;
import java.security.DigestException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * (d) Proofs at one million records (the ledger {@link MillionRecordLedger} builds): generating inclusion
 * proofs of uniformly random entries and consistency proofs from uniformly random earlier sizes to the
 * whole tree through the public {@link Ledger} API, and verifying such proofs. Random positions over the
 * whole log keep most reads out of the ledger's caches. Raw limits: one indexed read of a record from the
 * same database file (generation), and the 20 SHA-256 node hashes a 2^20-leaf path needs (verification).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class ProofBenchmark {
    private static final int PRECOMPUTED = 1024;

    /** The ledger, its size and root, and proofs made in advance for the verification benchmarks. */
    @State(Scope.Benchmark)
    public static class Tree {
        Ledger ledger;
        long size;
        Digest root;
        final SplittableRandom random = new SplittableRandom(1);
        final InclusionProof[] inclusion = new InclusionProof[PRECOMPUTED];
        final Digest[] leaves = new Digest[PRECOMPUTED];
        final ConsistencyProof[] consistency = new ConsistencyProof[PRECOMPUTED];
        final Digest[] oldRoots = new Digest[PRECOMPUTED];
        int next;
        Connection raw;
        PreparedStatement select;
        final MessageDigest sha256 = Digest.newSha256();
        final byte[] node = new byte[65];

        @Setup(Level.Trial)
        public void open() throws SQLException {
            Path dir = MillionRecordLedger.ledgerDirectory();
            ledger = Ledger.openExisting(dir);
            size = ledger.size();
            if (size < MillionRecordLedger.RECORDS) {
                throw new IllegalStateException(dir + " holds " + size + " records; run MillionRecordLedger first");
            }
            root = ledger.root(size);
            for (int i = 0; i < PRECOMPUTED; i++) {
                long index = random.nextLong(size);
                inclusion[i] = ledger.proveInclusion(index, size);
                leaves[i] = MerkleHash.leaf(ledger.get(index).orElseThrow().record().bytes());
                long old = 1 + random.nextLong(size - 1);
                consistency[i] = ledger.proveConsistency(old, size);
                oldRoots[i] = ledger.root(old);
                if (!inclusion[i].verifies(leaves[i], root) || !consistency[i].verifies(oldRoots[i], root)) {
                    throw new IllegalStateException("a proof made for the benchmark does not verify");
                }
            }
            raw = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.db"));
            select = raw.prepareStatement("SELECT bytes FROM records WHERE idx = ?");
            node[0] = 0x01;
            root.copyTo(node, 33);
        }

        int nextPrecomputed() {
            return next++ & (PRECOMPUTED - 1);
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            select.close();
            raw.close();
            ledger.close();
        }
    }

    @Benchmark
    public InclusionProof proveInclusion(Tree t) {
        return t.ledger.proveInclusion(t.random.nextLong(t.size), t.size);
    }

    @Benchmark
    public ConsistencyProof proveConsistency(Tree t) {
        return t.ledger.proveConsistency(1 + t.random.nextLong(t.size - 1), t.size);
    }

    @Benchmark
    public boolean verifyInclusion(Tree t) {
        int i = t.nextPrecomputed();
        return t.inclusion[i].verifies(t.leaves[i], t.root);
    }

    @Benchmark
    public boolean verifyConsistency(Tree t) {
        int i = t.nextPrecomputed();
        return t.consistency[i].verifies(t.oldRoots[i], t.root);
    }

    /** Raw limit for generation: one record read by index from the same file. */
    @Benchmark
    public byte[] rawReadOneRecord(Tree t) throws SQLException {
        t.select.setLong(1, t.random.nextLong(t.size));
        try (ResultSet rs = t.select.executeQuery()) {
            rs.next();
            return rs.getBytes(1);
        }
    }

    /** Raw limit for verification: the 20 node hashes (SHA-256 of 65 bytes) of a path in a 2^20-leaf tree. */
    @Benchmark
    public byte[] rawTwentyNodeHashes(Tree t) throws DigestException {
        byte[] node = t.node;
        for (int i = 0; i < 20; i++) {
            t.sha256.update(node, 0, 65);
            t.sha256.digest(node, 1, 32);
        }
        return node;
    }
}
