package io.datanet.provenance.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeightedMixtureDrawsBySeededWeightsTest {
    /** A source of {@code n} numbered batches named after it. */
    static final class Counting implements WeightedMixture.Source<String> {
        final String name;
        final int n;
        int i;
        int resets;

        Counting(String name, int n) {
            this.name = name;
            this.n = n;
        }

        @Override
        public boolean hasNext() {
            return i < n;
        }

        @Override
        public String next() {
            return name + i++;
        }

        @Override
        public void reset() {
            i = 0;
            resets++;
        }
    }

    private static List<String> pass(WeightedMixture<String> m) {
        List<String> out = new ArrayList<>();
        while (m.hasNext()) {
            out.add(m.next());
        }
        return out;
    }

    private static WeightedMixture<String> mixture(long seed, WeightedMixture.Stopping stopping, String... weights) {
        List<Counting> sources = List.of(new Counting("a", 100), new Counting("b", 100), new Counting("c", 100));
        return new WeightedMixture<>(sources, List.of(weights).stream().map(BigDecimal::new).toList(), seed, stopping);
    }

    @Test
    void sameSeedSameOrderAndEachPassDiffers() {
        WeightedMixture<String> m1 = mixture(7, WeightedMixture.Stopping.ALL_EXHAUSTED, "0.5", "0.3", "0.2");
        WeightedMixture<String> m2 = mixture(7, WeightedMixture.Stopping.ALL_EXHAUSTED, "0.5", "0.3", "0.2");
        List<String> first = pass(m1);
        assertThat(pass(m2)).isEqualTo(first);
        m1.reset();
        m2.reset();
        List<String> second = pass(m1);
        assertThat(pass(m2)).isEqualTo(second);
        assertThat(second).isNotEqualTo(first);
        assertThat(m1.pass()).isEqualTo(1);
    }

    @Test
    void allExhaustedSeesEverySampleAndOversamplesHeavierSources() {
        List<String> pass = pass(mixture(1, WeightedMixture.Stopping.ALL_EXHAUSTED, "0.6", "0.3", "0.1"));
        for (String s : List.of("a", "b", "c")) {
            for (int i = 0; i < 100; i++) {
                assertThat(pass).contains(s + i);
            }
        }
        long a = pass.stream().filter(x -> x.startsWith("a")).count();
        long c = pass.stream().filter(x -> x.startsWith("c")).count();
        assertThat(a).isGreaterThan(3 * c);
    }

    @Test
    void firstExhaustedStopsAtTheFirstEmptySourceAndZeroWeightIsNeverDrawn() {
        List<String> pass = pass(mixture(3, WeightedMixture.Stopping.FIRST_EXHAUSTED, "1", "1", "0"));
        assertThat(pass).noneMatch(x -> x.startsWith("c"));
        long a = pass.stream().filter(x -> x.startsWith("a")).count();
        long b = pass.stream().filter(x -> x.startsWith("b")).count();
        assertThat(Math.max(a, b)).isEqualTo(100);
        assertThat(Math.min(a, b)).isBetween(70L, 100L);
    }
}
