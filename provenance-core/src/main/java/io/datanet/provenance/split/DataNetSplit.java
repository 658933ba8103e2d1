package io.datanet.provenance.split;

import io.datanet.provenance.Digest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A seeded, deterministic split of a DataNet's samples into named partitions (train, validation, test, …)
 * by sample key. Anyone can re-derive it from the seed, the fractions and the keys (see
 * {@code docs/datanet-split.md}):
 *
 * <ul>
 *   <li>{@code h = SHA-256(UTF-8(decimal(seed) + "\n" + key))}, and {@code x} its first 8 bytes read as an
 *       unsigned big-endian integer;</li>
 *   <li>with the partitions in declaration order and cumulative fractions {@code c1 < c2 < … = 1}, the sample
 *       goes to the first partition {@code i} with {@code x < floor(ci × 2^64)} (the last takes the rest).</li>
 * </ul>
 * A sample's partition depends only on its own key, never on the others, so adding data never moves
 * existing samples between partitions. Immutable and thread-safe.
 */
public final class DataNetSplit {
    private static final BigDecimal TWO_64 = new BigDecimal(BigInteger.ONE.shiftLeft(64));
    private final long seed;
    private final Map<String, BigDecimal> fractions;
    private final String[] names;
    /** Unsigned upper bounds, one per partition but the last. */
    private final long[] bounds;

    private DataNetSplit(long seed, Map<String, BigDecimal> fractions) {
        this.seed = seed;
        this.fractions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fractions));
        this.names = fractions.keySet().toArray(String[]::new);
        this.bounds = new long[names.length - 1];
        BigDecimal cumulative = BigDecimal.ZERO;
        for (int i = 0; i < bounds.length; i++) {
            cumulative = cumulative.add(fractions.get(names[i]));
            bounds[i] = cumulative.multiply(TWO_64).toBigInteger().longValue();
        }
    }

    /** A split into one partition named {@code name} holding every sample. */
    public static DataNetSplit all(String name) {
        return builder(0).partition(name, "1").build();
    }

    /** A builder for a split with this seed. */
    public static Builder builder(long seed) {
        return new Builder(seed);
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /** Partition names in declaration order. */
    public List<String> partitions() {
        return List.of(names);
    }

    /** The declared fraction of a partition. */
    public BigDecimal fraction(String partition) {
        BigDecimal f = fractions.get(partition);
        if (f == null) {
            throw new IllegalArgumentException("the split has no partition " + partition + "; it has " + partitions());
        }
        return f;
    }

    /** The partition the sample with this key belongs to. */
    public String partitionOf(String key) {
        return names[indexOf(key)];
    }

    /** The index, in {@link #partitions()}, of the partition the sample with this key belongs to. */
    public int indexOf(String key) {
        MessageDigest md = Digest.newSha256();
        md.update((seed + "\n" + key).getBytes(StandardCharsets.UTF_8));
        byte[] h = md.digest();
        long x = 0;
        for (int i = 0; i < 8; i++) {
            x = (x << 8) | (h[i] & 0xff);
        }
        for (int i = 0; i < bounds.length; i++) {
            if (Long.compareUnsigned(x, bounds[i]) < 0) {
                return i;
            }
        }
        return names.length - 1;
    }

    /** A new streaming tally of members and membership digests per partition. */
    public PartitionMembership membership() {
        return new PartitionMembership(this);
    }

    @Override
    public String toString() {
        return "DataNetSplit[seed=" + seed + ", " + fractions + "]";
    }

    /** Declares partitions in order; {@link #build()} checks the fractions add up to exactly 1. */
    public static final class Builder {
        private final long seed;
        private final Map<String, BigDecimal> fractions = new LinkedHashMap<>();

        private Builder(long seed) {
            this.seed = seed;
        }

        /**
         * Adds a partition with a decimal fraction such as {@code "0.8"}.
         *
         * @throws IllegalArgumentException if the name is blank or repeated, or the fraction is not a decimal in (0, 1]
         */
        public Builder partition(String name, String fraction) {
            Objects.requireNonNull(name, "partition name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("partition name must not be blank");
            }
            BigDecimal f;
            try {
                f = new BigDecimal(Objects.requireNonNull(fraction, "fraction of " + name));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("partition " + name + " fraction is not a decimal: \"" + fraction + "\"");
            }
            if (f.signum() <= 0 || f.compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException("partition " + name + " fraction must be in (0, 1], got " + fraction);
            }
            if (fractions.putIfAbsent(name, f) != null) {
                throw new IllegalArgumentException("partition " + name + " is declared twice");
            }
            return this;
        }

        /**
         * Builds the split.
         *
         * @throws IllegalStateException if no partition was declared or the fractions do not add up to exactly 1
         */
        public DataNetSplit build() {
            if (fractions.isEmpty()) {
                throw new IllegalStateException("a split needs at least one partition");
            }
            BigDecimal sum = fractions.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            if (sum.compareTo(BigDecimal.ONE) != 0) {
                throw new IllegalStateException("partition fractions must add up to exactly 1, they add up to "
                        + sum.toPlainString() + " " + new ArrayList<>(fractions.entrySet()));
            }
            return new DataNetSplit(seed, fractions);
        }
    }
}
