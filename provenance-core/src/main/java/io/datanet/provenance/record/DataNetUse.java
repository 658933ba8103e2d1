package io.datanet.provenance.record;

import io.datanet.provenance.Digest;
import io.datanet.provenance.license.LicenseTerms;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One DataNet a run trained on: which exact version, under which licence, with what declared weight, how
 * it was partitioned, and what the model actually saw of it.
 *
 * @param id         the DataNet's id
 * @param version    the DataNet version digest (Merkle root over its full content)
 * @param license    the licence and usage terms in force for this version
 * @param weight     the declared mixture weight, a non-negative decimal
 * @param partitions the partitions, sorted by name
 * @param observed   observed counts, sorted by partition then epoch; empty when {@code capture} is
 *                   {@link CaptureMode#DECLARED_ONLY}
 * @param capture    whether counts were observed batch by batch or only declared
 */
public record DataNetUse(String id, Digest version, LicenseTerms license, BigDecimal weight,
                         List<PartitionInfo> partitions, List<ObservedCount> observed, CaptureMode capture) {
    /** Validates the fields and sorts the lists into their defined order. */
    public DataNetUse {
        Names.check("datanet id", id);
        Objects.requireNonNull(version, "datanet " + id + " version");
        Objects.requireNonNull(license, "datanet " + id + " license");
        weight = Decimals.normalize("datanet " + id + " weight", weight);
        Objects.requireNonNull(capture, "datanet " + id + " capture");
        partitions = partitions.stream().sorted(Comparator.comparing(PartitionInfo::name)).toList();
        observed = observed.stream()
                .sorted(Comparator.comparing(ObservedCount::partition).thenComparingInt(ObservedCount::epoch))
                .toList();
        Set<String> names = new HashSet<>();
        for (PartitionInfo p : partitions) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("datanet " + id + " declares partition " + p.name() + " twice");
            }
        }
        for (int i = 1; i < observed.size(); i++) {
            ObservedCount a = observed.get(i - 1);
            ObservedCount b = observed.get(i);
            if (a.partition().equals(b.partition()) && a.epoch() == b.epoch()) {
                throw new IllegalArgumentException("datanet " + id + " has two observed counts for partition "
                        + a.partition() + " epoch " + a.epoch());
            }
        }
        for (ObservedCount o : observed) {
            if (!names.contains(o.partition())) {
                throw new IllegalArgumentException("datanet " + id + " observed partition " + o.partition()
                        + " which it does not declare");
            }
        }
        if (capture == CaptureMode.DECLARED_ONLY && !observed.isEmpty()) {
            throw new IllegalArgumentException("datanet " + id + " is DECLARED_ONLY but carries observed counts");
        }
    }

    /** Total samples observed across partitions and epochs. */
    public long samplesObserved() {
        return observed.stream().mapToLong(ObservedCount::samples).sum();
    }
}
