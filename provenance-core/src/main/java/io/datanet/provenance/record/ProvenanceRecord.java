package io.datanet.provenance.record;

import io.datanet.provenance.Digest;
import io.datanet.provenance.license.LicenseTerms;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A provenance record, schema {@value #SCHEMA}: what one training run trained on and what it produced.
 *
 * <p>An immutable value that validates on construction. Its bytes are RFC 8785 canonical JSON
 * ({@link CanonicalRecord#of(ProvenanceRecord)}), a pure function of the fields: lists have a defined
 * order (DataNets by id then version, partitions by name, counts by partition then epoch), times are
 * milliseconds, numbers that are not integers are decimal strings.
 *
 * @param run       the run
 * @param model     the model version produced
 * @param framework the training framework
 * @param config    the configuration and hyperparameters
 * @param datanets  the DataNets trained on, sorted by id then version
 * @param policy    the licence verdict evaluated before training
 */
public record ProvenanceRecord(RunInfo run, ModelInfo model, FrameworkInfo framework, ConfigInfo config,
                               List<DataNetUse> datanets, PolicyInfo policy) {
    /** The schema identifier written into every record. */
    public static final String SCHEMA = "io.datanet.provenance/record/v1";

    /** Validates cross-field rules and sorts the DataNets. */
    public ProvenanceRecord {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(framework, "framework");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(policy, "policy");
        model.checkFor(run.status());
        datanets = datanets.stream()
                .sorted(Comparator.comparing(DataNetUse::id).thenComparing(DataNetUse::version))
                .toList();
        Set<String> seen = new HashSet<>();
        for (DataNetUse d : datanets) {
            if (!seen.add(d.id() + "@" + d.version().hex())) {
                throw new IllegalArgumentException("datanet " + d.id() + " at version " + d.version()
                        + " is listed twice");
            }
        }
    }

    /** A builder for records assembled outside the run recorder (tests, imports, tools). */
    public static Builder builder() {
        return new Builder();
    }

    /** Assembles a {@link ProvenanceRecord}; {@link #build()} validates everything. */
    public static final class Builder {
        private RunInfo run;
        private ModelInfo model;
        private FrameworkInfo framework;
        private ConfigInfo config;
        private final List<DataNetUse> datanets = new ArrayList<>();
        private PolicyInfo policy;

        private Builder() {}

        /** Sets the run. */
        public Builder run(RunInfo run) {
            this.run = run;
            return this;
        }

        /** Sets the model produced. */
        public Builder model(ModelInfo model) {
            this.model = model;
            return this;
        }

        /** Sets the framework. */
        public Builder framework(FrameworkInfo framework) {
            this.framework = framework;
            return this;
        }

        /** Sets the configuration. */
        public Builder config(ConfigInfo config) {
            this.config = config;
            return this;
        }

        /** Adds a DataNet. */
        public Builder datanet(DataNetUse use) {
            datanets.add(Objects.requireNonNull(use, "datanet"));
            return this;
        }

        /** Sets the policy verdict. */
        public Builder policy(PolicyInfo policy) {
            this.policy = policy;
            return this;
        }

        /** Convenience for a DataNet with permissive terms under {@code spdx}, used by tests and tools. */
        public Builder datanet(String id, Digest version, String spdx, String weight,
                               List<PartitionInfo> partitions, List<ObservedCount> observed) {
            return datanet(new DataNetUse(id, version, LicenseTerms.permissive(spdx),
                    new java.math.BigDecimal(weight), partitions, observed, CaptureMode.OBSERVED));
        }

        /**
         * Builds the record.
         *
         * @throws IllegalArgumentException naming the missing or invalid field
         */
        public ProvenanceRecord build() {
            if (run == null || model == null || framework == null || config == null || policy == null) {
                List<String> missing = new ArrayList<>();
                if (run == null) missing.add("run");
                if (model == null) missing.add("model");
                if (framework == null) missing.add("framework");
                if (config == null) missing.add("config");
                if (policy == null) missing.add("policy");
                throw new IllegalArgumentException("provenance record is missing " + String.join(", ", missing));
            }
            return new ProvenanceRecord(run, model, framework, config, datanets, policy);
        }
    }
}
