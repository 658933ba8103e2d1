package io.datanet.provenance.benchmarks;

import io.datanet.provenance.Digest;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerEntry;
import io.datanet.provenance.license.LicenseTerms;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.record.CaptureMode;
import io.datanet.provenance.record.ConfigInfo;
import io.datanet.provenance.record.DataNetUse;
import io.datanet.provenance.record.FrameworkInfo;
import io.datanet.provenance.record.ModelInfo;
import io.datanet.provenance.record.ObservedCount;
import io.datanet.provenance.record.PartitionInfo;
import io.datanet.provenance.record.PolicyInfo;
import io.datanet.provenance.record.PolicyVerdict;
import io.datanet.provenance.record.ProvenanceRecord;
import io.datanet.provenance.record.RunInfo;
import io.datanet.provenance.record.RunStatus;
import io.datanet.provenance.record.WeightsDigest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;

/**
 * A seeded, realistic lineage ledger for the scale harness (issue 6): {@value #MODELS} models, {@value #DATANETS}
 * DataNets with 1-5 versions each, 1-4 DataNets per run drawn Zipf-like (s = {@value #ZIPF_S}) over DataNet rank,
 * and fine-tune chains up to depth {@value #MAX_DEPTH}. Works on any {@link Ledger} (the embedded store, or
 * PostgreSQL).
 *
 * <p>Record {@code i} is a pure function of the seed and of the records before it: with probability 0.6 it
 * fine-tunes a base logged in an earlier batch of {@value #BATCH} (a recent record, or with probability 0.3 one of
 * the last {@value #HUBS} "hub" records, every {@value #HUB_EVERY}th, so popular bases get hundreds of children);
 * a fine-tune keeps its base's model with probability 0.8; a base already {@value #MAX_DEPTH} deep is not tuned
 * again. Because a batch only refers to earlier batches, its records are built on all cores at once while the
 * previous batch is appended; the same seed always gives the same bytes.
 */
public final class LineageLedgerGenerator {
    /** Models drawn from. */
    public static final int MODELS = 10_000;
    /** DataNets drawn from. */
    public static final int DATANETS = 1_000;
    /** Zipf exponent of DataNet use over rank. */
    public static final double ZIPF_S = 1.1;
    /** The deepest fine-tune chain (number of ancestors). */
    public static final int MAX_DEPTH = 20;
    /** Records built and appended together (one {@code appendAll}). */
    public static final int BATCH = 10_000;
    static final int WINDOW = 50_000;
    static final int HUB_EVERY = 997;
    static final int HUBS = 100;
    private static final double FINE_TUNE = 0.6;
    private static final double HUB_BASE = 0.3;
    private static final double OWN_MODEL = 0.8;
    private static final double DEEP_PICK = 0.02; // a long-lived model tuned again: deepest of 8 candidates
    private static final double RETRAIN = 0.005;
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00.000Z");
    private static final String[][] WEIGHTS = {{"1"}, {"0.6", "0.4"}, {"0.5", "0.3", "0.2"}, {"0.4", "0.3", "0.2", "0.1"}};

    private final long seed;
    private final int batch;
    private final double[] zipfCdf = new double[DATANETS];
    private final Digest[][] versions = new Digest[DATANETS][];
    private final LicenseTerms license = LicenseTerms.permissive("CC-BY-4.0");
    private byte[] depth = new byte[0];
    private int[] model = new int[0];
    private long planned;

    /** A generator; the same seed always gives the same ledger. */
    public LineageLedgerGenerator(long seed) {
        this(seed, BATCH);
    }

    /** A generator whose records only refer to earlier batches of {@code batch} records (tests use small ones). */
    LineageLedgerGenerator(long seed, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be positive, got " + batch);
        }
        this.seed = seed;
        this.batch = batch;
        double sum = 0;
        for (int r = 0; r < DATANETS; r++) {
            sum += Math.pow(r + 1, -ZIPF_S);
            zipfCdf[r] = sum;
        }
        for (int r = 0; r < DATANETS; r++) {
            zipfCdf[r] /= sum;
            int n = 1 + (int) Math.floorMod(mix(seed ^ 0x5eedL, r), 5L);
            versions[r] = new Digest[n];
            for (int v = 0; v < n; v++) {
                versions[r][v] = digestOf("datanet " + dataNetId(r) + " version " + (v + 1));
            }
        }
    }

    /** The id of the DataNet of popularity rank {@code rank} (0 is the most used). */
    public static String dataNetId(int rank) {
        return String.format("dn-%04d", rank);
    }

    /** The version digest number {@code v} (0-based) of the DataNet of rank {@code rank}. */
    public Digest dataNetVersion(int rank, int v) {
        return versions[rank][v];
    }

    /** How many versions the DataNet of rank {@code rank} has. */
    public int dataNetVersions(int rank) {
        return versions[rank].length;
    }

    /** A DataNet rank drawn by the same Zipf law the records use. */
    public int zipfRank(SplittableRandom r) {
        int at = Arrays.binarySearch(zipfCdf, r.nextDouble());
        return Math.min(DATANETS - 1, at >= 0 ? at : -at - 1);
    }

    /**
     * Plans records {@code [0, n)}: the fine-tune structure (parents, depths, models), a pure function of the
     * seed. Needs one byte and one int per record; done once before building or sampling.
     */
    public synchronized void plan(long n) {
        if (n <= planned) {
            return;
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("at most " + (Integer.MAX_VALUE - 8) + " records, got " + n);
        }
        depth = Arrays.copyOf(depth, (int) n);
        model = Arrays.copyOf(model, (int) n);
        for (long i = planned; i < n; i++) {
            long p = parentOf(i);
            SplittableRandom r = random(i, 2);
            boolean own = r.nextDouble() < OWN_MODEL;
            depth[(int) i] = p < 0 ? 0 : (byte) (depth[(int) p] + 1);
            model[(int) i] = p >= 0 && own ? model[(int) p] : r.nextInt(MODELS);
        }
        planned = n;
    }

    /** The leaf index of record {@code i}'s fine-tune base, or -1 (planned records only). */
    public long parentOf(long i) {
        long start = i - i % batch;
        SplittableRandom r = random(i, 1);
        if (start == 0 || r.nextDouble() >= FINE_TUNE) {
            return -1;
        }
        long j;
        if (r.nextDouble() < HUB_BASE) {
            long lastHub = (start - 1) / HUB_EVERY * HUB_EVERY;
            j = Math.max(0, lastHub - (long) r.nextInt(HUBS) * HUB_EVERY);
        } else if (r.nextDouble() < DEEP_PICK) {
            j = -1;
            for (int k = 0; k < 8; k++) {
                long c = start - 1 - r.nextInt((int) Math.min(WINDOW, start));
                if (depth[(int) c] < MAX_DEPTH && (j < 0 || depth[(int) c] > depth[(int) j])) {
                    j = c;
                }
            }
            return j;
        } else {
            j = start - 1 - r.nextInt((int) Math.min(WINDOW, start));
        }
        return depth[(int) j] < MAX_DEPTH ? j : -1;
    }

    /** The number of ancestors of record {@code i} (planned records only). */
    public int depth(long i) {
        return depth[(int) i];
    }

    /** Whether record {@code i} re-trains an earlier model version (same model@version, a new run). */
    private long retrainOf(long i) {
        SplittableRandom r = random(i, 3);
        if (i < batch || parentOf(i) >= 0 || r.nextDouble() >= RETRAIN) {
            return -1;
        }
        long start = i - i % batch;
        long j = start - 1 - r.nextInt((int) Math.min(WINDOW, start));
        return parentOf(j) < 0 && retrainOf(j) < 0 ? j : -1;
    }

    /** {@code model@version} of record {@code i}; the newest record of it, when re-trained, is the one it names. */
    public String modelRef(long i) {
        long j = retrainOf(i);
        long v = j >= 0 ? j : i;
        return "model-" + model[(int) v] + "@v" + v;
    }

    /**
     * Builds record {@code i}.
     *
     * @param parentId the record id of its base ({@link #parentOf}), null when it has none
     */
    public CanonicalRecord record(long i, String parentId) {
        long retrain = retrainOf(i);
        long v = retrain >= 0 ? retrain : i;
        String name = "model-" + model[(int) v];
        SplittableRandom r = random(i, 4);
        double u = r.nextDouble();
        int k = u < 0.65 ? 1 : u < 0.90 ? 2 : u < 0.97 ? 3 : 4;
        int[] ranks = new int[k];
        for (int n = 0; n < k; ) {
            int rank = zipfRank(r);
            boolean seen = false;
            for (int m = 0; m < n; m++) {
                seen |= ranks[m] == rank;
            }
            if (!seen) {
                ranks[n++] = rank;
            }
        }
        Instant started = EPOCH.plusSeconds(i * 3).plusMillis(r.nextInt(1000));
        TreeMap<String, String> hp = new TreeMap<>();
        hp.put("learningRate", parentId == null ? "0.001" : "0.0001");
        hp.put("batchSize", Integer.toString(32 << r.nextInt(3)));
        hp.put("epochs", Integer.toString(1 + r.nextInt(3)));
        ProvenanceRecord.Builder b = ProvenanceRecord.builder()
                .run(new RunInfo("run-" + seed + "-" + i, RunStatus.COMPLETED, started,
                        started.plusSeconds(60 + r.nextInt(3600))))
                .model(new ModelInfo(name, "v" + v, new WeightsDigest(digestOf(seed + " weights " + i),
                        WeightsDigest.LAYOUT_V1, 1 << 26), 1_000_000 + r.nextInt(9_000_000), null, parentId))
                .framework(new FrameworkInfo("deeplearning4j", "1.0.0-M2.1", "CPU"))
                .config(new ConfigInfo(digestOf("config " + name), hp, r.nextInt(1000)))
                .policy(new PolicyInfo(PolicyVerdict.ALLOWED, "research", false, List.of()));
        int epochs = Integer.parseInt(hp.get("epochs"));
        for (int n = 0; n < k; n++) {
            int rank = ranks[n];
            int ver = r.nextInt(versions[rank].length);
            long members = 1_000 + (mix(seed, rank * 8L + ver) & 0xffff);
            long train = members * 8 / 10;
            String dn = dataNetId(rank);
            List<ObservedCount> observed = new ArrayList<>(epochs);
            for (int e = 0; e < epochs; e++) {
                observed.add(new ObservedCount("train", e, train, (train + 31) / 32));
            }
            b.datanet(new DataNetUse(dn, versions[rank][ver], license, new BigDecimal(WEIGHTS[k - 1][n]),
                    List.of(new PartitionInfo("train", new BigDecimal("0.8"), 7, train,
                                    digestOf(dn + " " + ver + " train")),
                            new PartitionInfo("test", new BigDecimal("0.2"), 7, members - train,
                                    digestOf(dn + " " + ver + " test"))),
                    observed, CaptureMode.OBSERVED));
        }
        return CanonicalRecord.of(b.build());
    }

    /**
     * Appends records until {@code ledger} holds {@code records}, resuming where it stands: a ledger holding a
     * prefix of this generator's records is extended, anything else is refused.
     *
     * @param progress receives the ledger size after each batch
     * @throws IllegalStateException when the ledger holds records this seed does not generate
     */
    public void appendTo(Ledger ledger, long records, LongConsumer progress) {
        plan(records);
        long n = ledger.size();
        if (n >= records) {
            return;
        }
        int ring = 1 << 18; // covers WINDOW and the hubs' reach, (HUBS + 1) * HUB_EVERY
        byte[][] ids = new byte[ring][];
        long from = Math.max(0, n - ring + batch);
        ledger.scan(from, n, e -> ids[(int) (e.index() & (ring - 1))] = e.record().id().bytes());
        if (n > 0) {
            CanonicalRecord last = build(n - 1, ids, ring);
            LedgerEntry stored = ledger.get(n - 1).orElseThrow();
            if (!last.id().equals(stored.record().id())) {
                throw new IllegalStateException("the ledger's record " + (n - 1) + " is not this generator's "
                        + "(seed " + seed + "): delete the ledger to rebuild it");
            }
        }
        CompletableFuture<List<CanonicalRecord>> next = nextBatch(n, records, ids, ring);
        while (n < records) {
            List<CanonicalRecord> built = next.join();
            for (int k = 0; k < built.size(); k++) {
                ids[(int) ((n + k) & (ring - 1))] = built.get(k).id().bytes();
            }
            long after = n + built.size();
            next = after < records ? nextBatch(after, records, ids, ring) : null;
            ledger.appendAll(built);
            n = after;
            progress.accept(n);
        }
    }

    private CompletableFuture<List<CanonicalRecord>> nextBatch(long first, long records, byte[][] ids, int ring) {
        int size = (int) Math.min(batch - first % batch, records - first);
        return CompletableFuture.supplyAsync(() -> IntStream.range(0, size).parallel()
                .mapToObj(k -> build(first + k, ids, ring)).toList());
    }

    private CanonicalRecord build(long i, byte[][] ids, int ring) {
        long p = parentOf(i);
        return record(i, p < 0 ? null : Digest.of(ids[(int) (p & (ring - 1))]).hex());
    }

    private SplittableRandom random(long i, int stream) {
        return new SplittableRandom(mix(seed + stream * 0x9E3779B97F4A7C15L, i));
    }

    private static long mix(long a, long b) {
        long z = a * 0xbf58476d1ce4e5b9L + b * 0x94d049bb133111ebL + 0x632be59bd9b4e019L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static Digest digestOf(String label) {
        return Digest.sha256(label.getBytes(StandardCharsets.UTF_8));
    }
}
