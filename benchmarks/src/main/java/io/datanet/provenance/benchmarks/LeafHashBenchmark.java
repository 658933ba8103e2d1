package io.datanet.provenance.benchmarks;

import io.datanet.provenance.Digest;
import io.datanet.provenance.ledger.MerkleHash;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * (c) Leaf hashing on one core: {@link MerkleHash#leaf} of a 1 KB record against the raw limit, the JDK's
 * SHA-256 of the same 1 KB (one reused {@link MessageDigest}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
@State(Scope.Thread)
public class LeafHashBenchmark {
    private byte[] record;
    private MessageDigest sha256;

    @Setup
    public void setUp() throws NoSuchAlgorithmException {
        record = new byte[1024];
        new Random(1).nextBytes(record);
        sha256 = MessageDigest.getInstance("SHA-256");
    }

    @Benchmark
    public Digest ledgerLeafHash() {
        return MerkleHash.leaf(record);
    }

    @Benchmark
    public byte[] rawSha256() {
        return sha256.digest(record);
    }
}
