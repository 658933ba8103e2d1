package io.datanet.provenance.run.internal;

import io.datanet.provenance.record.ObservedCount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counters of samples and batches seen per DataNet, partition and epoch. Its size depends only on how many
 * DataNets, partitions and epochs there are, never on how much data passes. Thread-safe.
 */
public final class ObservedTally {
    private record Key(String dataNet, String partition, int epoch) {}

    private final Map<Key, long[]> counts = new HashMap<>();

    /** Counts one batch of {@code samples} samples (a batch of 0 samples is not counted). */
    public synchronized void add(String dataNet, String partition, int epoch, long samples) {
        if (samples <= 0) {
            return;
        }
        long[] c = counts.computeIfAbsent(new Key(dataNet, partition, epoch), k -> new long[2]);
        c[0] += samples;
        c[1]++;
    }

    /** The counts of one DataNet, in no particular order (the record sorts them). */
    public synchronized List<ObservedCount> of(String dataNet) {
        List<ObservedCount> out = new ArrayList<>();
        counts.forEach((k, c) -> {
            if (k.dataNet().equals(dataNet)) {
                out.add(new ObservedCount(k.partition(), k.epoch(), c[0], c[1]));
            }
        });
        return out;
    }

    /** Samples counted over everything. */
    public synchronized long totalSamples() {
        return counts.values().stream().mapToLong(c -> c[0]).sum();
    }
}
