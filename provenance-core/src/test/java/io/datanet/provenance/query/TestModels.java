package io.datanet.provenance.query;

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
import io.datanet.provenance.testing.SampleRecords;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Hand-built model records for lineage tests: every field the queries look at is set by name. */
final class TestModels {
    private TestModels() {}

    /** The version digest a test names {@code label} (e.g. "v1") of DataNet {@code id}. */
    static Digest version(String id, String label) {
        return SampleRecords.digestOf("version " + id + " " + label);
    }

    static Model model(String name, String version) {
        return new Model(name, version);
    }

    /** A fluent model record; {@link #build()} gives its canonical form. */
    static final class Model {
        private final String name;
        private final String version;
        private String parent;
        private String run;
        private String config = "config";
        private long seed = 42;
        private final TreeMap<String, String> hyperparameters = new TreeMap<>();
        private final List<DataNetUse> datanets = new ArrayList<>();

        private Model(String name, String version) {
            this.name = name;
            this.version = version;
            this.run = "run-" + name + "-" + version;
            hyperparameters.put("learningRate", "0.001");
            hyperparameters.put("batchSize", "32");
        }

        /** Fine-tuned from this record. */
        Model parent(CanonicalRecord base) {
            return parent(base.idHex());
        }

        Model parent(String recordId) {
            this.parent = recordId;
            return this;
        }

        /** Another run of the same model version (a re-train). */
        Model run(String runId) {
            this.run = runId;
            return this;
        }

        Model config(String label) {
            this.config = label;
            return this;
        }

        Model seed(long seed) {
            this.seed = seed;
            return this;
        }

        Model hyper(String name, String value) {
            if (value == null) {
                hyperparameters.remove(name);
            } else {
                hyperparameters.put(name, value);
            }
            return this;
        }

        /** Trained on DataNet {@code id} at version {@code label} with this weight and a train/test split. */
        Model on(String id, String label, String weight) {
            return on(id, label, weight, "0.8");
        }

        Model on(String id, String label, String weight, String trainFraction) {
            BigDecimal train = new BigDecimal(trainFraction);
            long members = train.multiply(BigDecimal.valueOf(1000)).longValueExact();
            datanets.add(new DataNetUse(id, version(id, label), LicenseTerms.permissive("CC-BY-4.0"),
                    new BigDecimal(weight),
                    List.of(new PartitionInfo("train", train, 7, members, SampleRecords.digestOf(id + label + "train")),
                            new PartitionInfo("test", BigDecimal.ONE.subtract(train), 7, 1000 - members,
                                    SampleRecords.digestOf(id + label + "test"))),
                    List.of(new ObservedCount("train", 0, members, (members + 31) / 32),
                            new ObservedCount("train", 1, members, (members + 31) / 32)),
                    CaptureMode.OBSERVED));
            return this;
        }

        CanonicalRecord build() {
            ProvenanceRecord.Builder b = ProvenanceRecord.builder()
                    .run(new RunInfo(run, RunStatus.COMPLETED, Instant.parse("2026-11-25T09:30:00.123Z"),
                            Instant.parse("2026-11-25T09:31:07.456Z")))
                    .model(new ModelInfo(name, version, new WeightsDigest(
                            SampleRecords.digestOf("weights " + name + "@" + version + " " + run),
                            WeightsDigest.LAYOUT_V1, 1 << 26), 123_456, null, parent))
                    .framework(new FrameworkInfo("deeplearning4j", "1.0.0-M2.1", "CPU"))
                    .config(new ConfigInfo(SampleRecords.digestOf(config), hyperparameters, seed))
                    .policy(new PolicyInfo(PolicyVerdict.ALLOWED, "research", false, List.of()));
            datanets.forEach(b::datanet);
            return CanonicalRecord.of(b.build());
        }
    }
}
