package io.datanet.provenance.djl.internal;

import io.datanet.provenance.split.WeightedMixture;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The batches of one DataNet's partition as index lists: consecutive runs of its members, shuffled on every
 * pass when asked (seeded by the mixture seed, the DataNet's position and the pass, never by DJL's generator).
 * Indices are dataset-wide: the DataNet's first member is {@code base}.
 */
public final class SourceBatches implements WeightedMixture.Source<List<Long>> {
    private final String dataNet;
    private final String partition;
    private final long base;
    private final int size;
    private final int batchSize;
    private final boolean dropLast;
    private final SplittableRandom seeds;
    private final int[] order;
    private volatile Object owner;
    private int position;

    private SourceBatches(String dataNet, String partition, long base, long size, int batchSize, boolean shuffle,
                          boolean dropLast, long seed) {
        this.dataNet = dataNet;
        this.partition = partition;
        this.base = base;
        this.size = Math.toIntExact(size);
        this.batchSize = batchSize;
        this.dropLast = dropLast;
        this.seeds = shuffle ? new SplittableRandom(seed) : null;
        this.order = shuffle ? new int[this.size] : null;
        reset();
    }

    @Override
    public boolean hasNext() {
        return dropLast ? position + batchSize <= size : position < size;
    }

    @Override
    public List<Long> next() {
        int n = Math.min(batchSize, size - position);
        long[] indices = new long[n];
        for (int k = 0; k < n; k++) {
            indices[k] = base + (order == null ? position + k : order[position + k]);
        }
        position += n;
        return new DataNetIndices(owner, dataNet, partition, indices);
    }

    @Override
    public void reset() {
        position = 0;
        if (order != null) {
            SplittableRandom random = seeds.split();
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            for (int i = size - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
    }

    /** The mixture of every DataNet's batches, one pass per epoch. */
    public static final class Mixture {
        private final List<SourceBatches> sources = new ArrayList<>();
        private final WeightedMixture<List<Long>> mixture;

        /** Batches of {@code batchSize} from each source, drawn by the sources' weights. */
        public Mixture(List<DataNetSource> dataNets, String partition, int batchSize, boolean shuffle, boolean dropLast,
                       long seed, WeightedMixture.Stopping stopping) {
            long base = 0;
            for (int i = 0; i < dataNets.size(); i++) {
                DataNetSource d = dataNets.get(i);
                sources.add(new SourceBatches(d.dataNet().id(), partition, base, d.size(), batchSize, shuffle, dropLast,
                        seed * 1_000_003L + i));
                base += d.size();
            }
            this.mixture = new WeightedMixture<>(sources, dataNets.stream().map(DataNetSource::weight).toList(), seed,
                    stopping);
        }

        /** The dataset the index lists name as their owner. */
        public void owner(Object owner) {
            sources.forEach(s -> s.owner = owner);
        }

        /** Starts a pass: every source from its start (reshuffled), the next pass's draw order. */
        public synchronized void startPass() {
            mixture.reset();
        }

        /** Whether the pass has another batch. */
        public synchronized boolean hasNext() {
            return mixture.hasNext();
        }

        /** The next batch's indices. */
        public synchronized List<Long> next() {
            return mixture.next();
        }
    }
}
