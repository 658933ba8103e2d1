package io.datanet.provenance.split;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Draws batches from several sources (one per DataNet) in a seeded, weighted random order: each draw picks
 * a source with probability proportional to its declared weight among the sources still drawing. The
 * order depends only on the seed, the weights, the number of completed passes and the sources' contents,
 * so identical runs draw identically.
 *
 * <p>A pass ends by the {@link Stopping} rule; {@link #reset()} starts the next pass (with the next pass's
 * seed) and resets every source. Sources of weight 0 are never drawn. Not thread-safe.
 *
 * @param <T> the batch type
 */
public final class WeightedMixture<T> {
    /** When a pass of the mixture ends. */
    public enum Stopping {
        /** When every source of positive weight has been exhausted at least once; exhausted sources restart. */
        ALL_EXHAUSTED,
        /** As soon as one source of positive weight is exhausted. */
        FIRST_EXHAUSTED
    }

    /** One source of batches, e.g. one DataNet's partition. */
    public interface Source<T> {
        /** Whether another batch is available in this pass. */
        boolean hasNext();

        /** The next batch. */
        T next();

        /** Starts the source again from its first batch. */
        void reset();
    }

    private final List<Source<T>> sources;
    private final double[] weights;
    private final long seed;
    private final Stopping stopping;
    private final boolean[] exhaustedOnce;
    private final boolean[] empty;
    private SplittableRandom random;
    private long pass;
    private boolean drewThisPass;
    private int ready = -1;
    private boolean ended;

    /**
     * Creates a mixture.
     *
     * @throws IllegalArgumentException if the lists differ in size, are empty, a weight is negative, or all
     *                                  weights are zero
     */
    public WeightedMixture(List<? extends Source<T>> sources, List<BigDecimal> weights, long seed, Stopping stopping) {
        if (sources.isEmpty() || sources.size() != weights.size()) {
            throw new IllegalArgumentException("a mixture needs one weight per source and at least one source");
        }
        this.sources = List.copyOf(sources);
        this.weights = new double[weights.size()];
        for (int i = 0; i < this.weights.length; i++) {
            BigDecimal w = Objects.requireNonNull(weights.get(i), "weight " + i);
            if (w.signum() < 0) {
                throw new IllegalArgumentException("mixture weight " + i + " must not be negative, got " + w);
            }
            this.weights[i] = w.doubleValue();
        }
        if (weights.stream().allMatch(w -> w.signum() == 0)) {
            throw new IllegalArgumentException("at least one mixture weight must be positive");
        }
        this.seed = seed;
        this.stopping = Objects.requireNonNull(stopping, "stopping");
        this.exhaustedOnce = new boolean[this.weights.length];
        this.empty = new boolean[this.weights.length];
        startPass();
    }

    /** Whether the current pass has another batch. */
    public boolean hasNext() {
        return advance() >= 0;
    }

    /** The index of the source the next batch comes from, or -1 when the pass has ended. */
    public int peekSource() {
        return advance();
    }

    /** The next batch of the pass. */
    public T next() {
        int i = advance();
        if (i < 0) {
            throw new NoSuchElementException("the mixture's pass has ended");
        }
        ready = -1;
        drewThisPass = true;
        return sources.get(i).next();
    }

    /** Resets every source and starts the next pass (or the first again when nothing was drawn since). */
    public void reset() {
        if (drewThisPass) {
            pass++;
        }
        sources.forEach(Source::reset);
        startPass();
    }

    /** Passes completed and reset so far. */
    public long pass() {
        return pass;
    }

    private void startPass() {
        random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (pass + 1)));
        java.util.Arrays.fill(exhaustedOnce, false);
        java.util.Arrays.fill(empty, false);
        for (int i = 0; i < weights.length; i++) {
            exhaustedOnce[i] = weights[i] == 0;
        }
        ready = -1;
        drewThisPass = false;
        ended = false;
    }

    private int advance() {
        while (ready < 0 && !ended) {
            int i = pick();
            if (i < 0) {
                ended = true;
            } else if (sources.get(i).hasNext()) {
                ready = i;
            } else {
                exhausted(i);
            }
        }
        return ready;
    }

    private void exhausted(int i) {
        exhaustedOnce[i] = true;
        if (stopping == Stopping.FIRST_EXHAUSTED || allExhaustedOnce()) {
            ended = true;
            return;
        }
        sources.get(i).reset();
        if (!sources.get(i).hasNext()) {
            empty[i] = true;
        }
    }

    private boolean allExhaustedOnce() {
        for (boolean b : exhaustedOnce) {
            if (!b) {
                return false;
            }
        }
        return true;
    }

    private int pick() {
        double total = 0;
        List<Integer> live = new ArrayList<>(weights.length);
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0 && !empty[i]) {
                live.add(i);
                total += weights[i];
            }
        }
        if (live.isEmpty()) {
            return -1;
        }
        double u = random.nextDouble() * total;
        for (int i : live) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return live.get(live.size() - 1);
    }
}
