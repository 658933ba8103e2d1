package io.datanet.provenance.benchmarks;

import io.datanet.provenance.Digest;
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
import java.util.List;
import java.util.TreeMap;
import java.util.stream.LongStream;

/**
 * Valid v1 records of about 1.2 KB (one DataNet, one partition, one observed epoch), each a pure function of
 * its number and distinct from every other. The core tests' {@code SampleRecords} make 2.2 KB records (two
 * DataNets, two partitions each), which would not be the 1 KB records the goals speak of.
 */
final class BenchmarkRecords {
    private static final Instant STARTED = Instant.parse("2026-11-25T09:30:00.123Z");
    private static final Instant ENDED = Instant.parse("2026-11-25T09:31:07.456Z");

    private BenchmarkRecords() {}

    /** Record number {@code i}: model {@code model-<i % 97>} version {@code v<i>} trained on {@code datanet-<i % 13>}. */
    static CanonicalRecord record(long i) {
        String model = "model-" + (i % 97);
        String version = "v" + i;
        String datanet = "datanet-" + (i % 13);
        TreeMap<String, String> hp = new TreeMap<>();
        hp.put("learningRate", "0.001");
        hp.put("batchSize", "32");
        ProvenanceRecord r = ProvenanceRecord.builder()
                .run(new RunInfo("run-" + i, RunStatus.COMPLETED, STARTED, ENDED))
                .model(new ModelInfo(model, version,
                        new WeightsDigest(digestOf("weights " + i), WeightsDigest.LAYOUT_V1, 1 << 26), 123_456, null,
                        null))
                .framework(new FrameworkInfo("deeplearning4j", "1.0.0-M2.1", "CPU"))
                .config(new ConfigInfo(digestOf("config " + model), hp, 42))
                .policy(new PolicyInfo(PolicyVerdict.ALLOWED, "research", false, List.of()))
                .datanet(new DataNetUse(datanet, digestOf("version " + datanet), LicenseTerms.permissive("CC-BY-4.0"),
                        new BigDecimal("1"),
                        List.of(new PartitionInfo("train", new BigDecimal("0.8"), 7, 800, digestOf(datanet + " train"))),
                        List.of(new ObservedCount("train", 0, 800, 25)), CaptureMode.OBSERVED))
                .build();
        return CanonicalRecord.of(r);
    }

    /** Records {@code [from, from + n)}, built on all cores. */
    static List<CanonicalRecord> range(long from, int n) {
        return LongStream.range(from, from + n).parallel().mapToObj(BenchmarkRecords::record).toList();
    }

    private static Digest digestOf(String label) {
        return Digest.sha256(label.getBytes(StandardCharsets.UTF_8));
    }
}
