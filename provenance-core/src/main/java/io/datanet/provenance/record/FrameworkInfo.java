package io.datanet.provenance.record;

/**
 * The training framework: its name (e.g. {@code deeplearning4j}), version and backend (e.g. {@code CPU}).
 */
public record FrameworkInfo(String name, String version, String backend) {
    /** Validates the fields. */
    public FrameworkInfo {
        Names.check("framework name", name);
        Names.check("framework version", version);
        Names.check("framework backend", backend);
    }
}
