package io.datanet.provenance.benchmarks.listener;

import java.util.Arrays;
import java.util.Locale;

/**
 * The rounds of a listener-overhead benchmark: the same fit without and with the provenance listener, and the
 * time measured inside the listener during each fit with it. Reported as the medians, the ratio of the median
 * time inside to the median fit, and the same ratio round by round (its median and worst), since fit times on a
 * shared 2-core machine spread more widely than the figure they are compared with.
 */
public final class OverheadRounds {
    private final long[] without;
    private final long[] with;
    private final long[] inside;

    /** Room for {@code rounds} measured rounds (the warm-up is not recorded). */
    public OverheadRounds(int rounds) {
        this.without = new long[rounds];
        this.with = new long[rounds];
        this.inside = new long[rounds];
    }

    /** The fit of round {@code round} without the listener took {@code nanos}. */
    public void without(int round, long nanos) {
        without[round] = nanos;
    }

    /** The fit of round {@code round} with the listener took {@code fitNanos}, {@code insideNanos} of it inside it. */
    public void with(int round, long fitNanos, long insideNanos) {
        with[round] = fitNanos;
        inside[round] = insideNanos;
    }

    /**
     * Prints the summary lines.
     *
     * @param insideWhat what the time inside the listener covers, e.g. "callbacks + digest + ledger append"
     */
    public void print(long parameters, long iterations, String insideWhat) {
        int rounds = with.length;
        double a = median(without) / 1e9;
        double b = median(with) / 1e9;
        double in = median(inside) / 1e9;
        System.out.printf(Locale.ROOT, "overhead: %d parameters, %d iterations per fit, %d rounds: without %.2f s,"
                        + " with %.2f s (median) = %+.2f %%; inside the listener (%s) %.3f s = %.3f %% of fit%n",
                parameters, iterations, rounds, a, b, 100 * (b - a) / a, insideWhat, in, 100 * in / b);
        double[] perRound = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            perRound[i] = 100.0 * inside[i] / with[i];
        }
        double[] sorted = perRound.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "  inside / fit per round (%%): %s; median %.3f %%, worst %.3f %%%n",
                Arrays.toString(Arrays.stream(perRound).map(v -> Math.round(v * 1000) / 1000.0).toArray()),
                rounds % 2 == 1 ? sorted[rounds / 2] : (sorted[rounds / 2 - 1] + sorted[rounds / 2]) / 2,
                sorted[rounds - 1]);
        System.out.println("  rounds without (s): " + seconds(without));
        System.out.println("  rounds with    (s): " + seconds(with));
        System.out.println("  inside         (s): " + seconds(inside));
    }

    private static String seconds(long[] nanos) {
        return Arrays.toString(Arrays.stream(nanos).mapToDouble(v -> v / 1e9).toArray());
    }

    /** The median of {@code v}, the mean of the middle two for an even count. */
    public static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }
}
