package io.datanet.provenance.run.internal;

import io.datanet.provenance.record.ObservedCount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counters of samples and batches seen per DataNet, partition and epoch. Its size depends only on how many
 * DataNets, partitions and epochs there are, never on how much data passes. Thread-safe.
 *
 * <p>A (DataNet, partition) pair is resolved once to a slot ({@link #slot}); counting a batch
 * ({@link #add(int, int, long)}) is then two array increments under an uncontended lock: no map lookup, no
 * allocation. It runs once per training iteration, between the framework's own kernels, so it has to stay
 * cheap even before the JIT has compiled it.
 */
public final class ObservedTally {
    private static final long[] NONE = new long[0];

    private final Map<String, Integer> slots = new HashMap<>();
    private String[] dataNets = new String[0];
    private String[] partitions = new String[0];
    private long[][] samples = new long[0][];
    private long[][] batches = new long[0][];

    /** The slot counting {@code partition} of {@code dataNet}, created on first use. */
    public synchronized int slot(String dataNet, String partition) {
        return slots.computeIfAbsent(dataNet + '\u0000' + partition, k -> {
            int n = dataNets.length;
            dataNets = Arrays.copyOf(dataNets, n + 1);
            partitions = Arrays.copyOf(partitions, n + 1);
            samples = Arrays.copyOf(samples, n + 1);
            batches = Arrays.copyOf(batches, n + 1);
            dataNets[n] = dataNet;
            partitions[n] = partition;
            samples[n] = NONE;
            batches[n] = NONE;
            return n;
        });
    }

    /** Counts one batch of {@code n} samples in {@code slot} at {@code epoch} (a batch of 0 samples is not counted). */
    public synchronized void add(int slot, int epoch, long n) {
        if (n <= 0) {
            return;
        }
        long[] s = samples[slot];
        if (epoch >= s.length) {
            int size = Math.max(epoch + 1, s.length * 2);
            s = samples[slot] = Arrays.copyOf(s, size);
            batches[slot] = Arrays.copyOf(batches[slot], size);
        }
        s[epoch] += n;
        batches[slot][epoch]++;
    }

    /** The counts of one DataNet, in no particular order (the record sorts them). */
    public synchronized List<ObservedCount> of(String dataNet) {
        List<ObservedCount> out = new ArrayList<>();
        for (int i = 0; i < dataNets.length; i++) {
            if (dataNets[i].equals(dataNet)) {
                for (int epoch = 0; epoch < samples[i].length; epoch++) {
                    if (batches[i][epoch] > 0) {
                        out.add(new ObservedCount(partitions[i], epoch, samples[i][epoch], batches[i][epoch]));
                    }
                }
            }
        }
        return out;
    }

    /** Samples counted over everything. */
    public synchronized long totalSamples() {
        long total = 0;
        for (long[] s : samples) {
            for (long n : s) {
                total += n;
            }
        }
        return total;
    }
}
