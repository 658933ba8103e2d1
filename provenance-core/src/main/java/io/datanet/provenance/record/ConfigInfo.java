package io.datanet.provenance.record;

import io.datanet.provenance.Digest;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The training configuration.
 *
 * @param digest          the digest of the full network configuration as the framework serializes it
 * @param hyperparameters name to value, values as strings (decimal strings for numbers), sorted by name
 * @param seed            the run's random seed
 */
public record ConfigInfo(Digest digest, SortedMap<String, String> hyperparameters, long seed) {
    /** Validates the fields and copies the map into an unmodifiable sorted map. */
    public ConfigInfo {
        Objects.requireNonNull(digest, "config digest");
        TreeMap<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> e : hyperparameters.entrySet()) {
            Names.check("hyperparameter name", e.getKey());
            copy.put(e.getKey(), Objects.requireNonNull(e.getValue(), "hyperparameter " + e.getKey()));
        }
        hyperparameters = Collections.unmodifiableSortedMap(copy);
    }
}
