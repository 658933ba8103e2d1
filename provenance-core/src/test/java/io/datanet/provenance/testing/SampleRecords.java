package io.datanet.provenance.testing;

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

/** Valid records for tests and benchmarks, each a pure function of its arguments. */
public final class SampleRecords {
    private SampleRecords() {}

    /** A digest derived from a label, so tests can name values. */
    public static Digest digestOf(String label) {
        return Digest.sha256(label.getBytes(StandardCharsets.UTF_8));
    }

    /** Record number {@code i}: model {@code model-<i % 97>} version {@code v<i>}. */
    public static ProvenanceRecord record(long i) {
        return record("model-" + (i % 97), "v" + i, null, "datanet-" + (i % 13), "datanet-" + ((i + 5) % 13));
    }

    /**
     * A completed run of {@code model@version} trained on these DataNets, optionally fine-tuned from {@code parent}.
     * A DataNet given as {@code id@label} is at the version named {@code label}; one given as {@code id} alone at its
     * single default version.
     */
    public static ProvenanceRecord record(String model, String version, String parent, String... datanets) {
        TreeMap<String, String> hp = new TreeMap<>();
        hp.put("learningRate", "0.001");
        hp.put("updater", "Adam");
        hp.put("batchSize", "32");
        ProvenanceRecord.Builder b = ProvenanceRecord.builder()
                .run(new RunInfo("run-" + model + "-" + version, RunStatus.COMPLETED,
                        Instant.parse("2026-11-25T09:30:00.123Z"), Instant.parse("2026-11-25T09:31:07.456Z")))
                .model(new ModelInfo(model, version,
                        new WeightsDigest(digestOf("weights " + model + "@" + version), WeightsDigest.LAYOUT_V1, 1 << 26),
                        123_456, null, parent))
                .framework(new FrameworkInfo("deeplearning4j", "1.0.0-M2.1", "CPU"))
                .config(new ConfigInfo(digestOf("config " + model), hp, 42))
                .policy(new PolicyInfo(PolicyVerdict.ALLOWED, "research", false, List.of()));
        for (String dn : datanets) {
            int at = dn.indexOf('@');
            String id = at < 0 ? dn : dn.substring(0, at);
            Digest dnVersion = at < 0 ? digestOf("version " + dn)
                    : digestOf("version " + id + " " + dn.substring(at + 1));
            b.datanet(new DataNetUse(id, dnVersion, LicenseTerms.permissive("CC-BY-4.0"),
                    new BigDecimal("0.5"),
                    List.of(new PartitionInfo("train", new BigDecimal("0.8"), 7, 800, digestOf(dn + " train")),
                            new PartitionInfo("test", new BigDecimal("0.2"), 7, 200, digestOf(dn + " test"))),
                    List.of(new ObservedCount("train", 0, 800, 25), new ObservedCount("train", 1, 800, 25)),
                    CaptureMode.OBSERVED));
        }
        return b.build();
    }

    /** The canonical form of {@link #record(long)}. */
    public static CanonicalRecord canonical(long i) {
        return CanonicalRecord.of(record(i));
    }
}
