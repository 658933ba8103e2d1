package io.datanet.provenance.record;

import io.datanet.provenance.Digest;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One partition of a DataNet (train, validation, test) and the evidence of its membership.
 *
 * @param name             the partition's name
 * @param fraction         the declared fraction of the DataNet, in [0, 1], as a decimal
 * @param seed             the seed of the deterministic split
 * @param members          how many samples the split put in this partition
 * @param membershipDigest a digest over the member sample keys in order, so the split can be re-derived and
 *                         checked
 */
public record PartitionInfo(String name, BigDecimal fraction, long seed, long members, Digest membershipDigest) {
    /** Validates the fields and normalizes the fraction (no trailing zeros). */
    public PartitionInfo {
        Names.check("partition name", name);
        fraction = Decimals.normalize("partition " + name + " fraction", fraction);
        if (fraction.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("partition " + name + " fraction must be at most 1, got " + fraction);
        }
        if (members < 0) {
            throw new IllegalArgumentException("partition " + name + " members must not be negative");
        }
        Objects.requireNonNull(membershipDigest, "partition " + name + " membershipDigest");
    }
}
