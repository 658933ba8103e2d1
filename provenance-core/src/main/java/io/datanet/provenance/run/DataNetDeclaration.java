package io.datanet.provenance.run;

import io.datanet.provenance.datanet.DataNet;
import io.datanet.provenance.record.CaptureMode;
import io.datanet.provenance.record.PartitionInfo;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A DataNet a run declares it trains on: the exact DataNet (hence version and licence), its mixture weight,
 * its partitions, and whether what the model sees of it is observed batch by batch.
 *
 * @param dataNet    the DataNet
 * @param weight     the declared mixture weight, non-negative
 * @param partitions the partitions of its seeded split, with members and membership digests; may be empty
 *                   for a {@link CaptureMode#DECLARED_ONLY} DataNet
 * @param capture    {@link CaptureMode#OBSERVED} when batches will be reported to the recorder
 */
public record DataNetDeclaration(DataNet dataNet, BigDecimal weight, List<PartitionInfo> partitions,
                                 CaptureMode capture) {
    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if the weight is negative, or an observed DataNet declares no partition
     */
    public DataNetDeclaration {
        Objects.requireNonNull(dataNet, "dataNet");
        Objects.requireNonNull(weight, () -> "weight of datanet " + dataNet.id());
        if (weight.signum() < 0) {
            throw new IllegalArgumentException("datanet " + dataNet.id() + " weight must not be negative, got "
                    + weight.toPlainString());
        }
        partitions = List.copyOf(partitions);
        Objects.requireNonNull(capture, "capture");
        if (capture == CaptureMode.OBSERVED && partitions.isEmpty()) {
            throw new IllegalArgumentException("datanet " + dataNet.id()
                    + " is observed but declares no partition; observed counts are kept per partition");
        }
    }

    /** A DataNet whose batches are counted as the model sees them. */
    public static DataNetDeclaration observed(DataNet dataNet, BigDecimal weight, List<PartitionInfo> partitions) {
        return new DataNetDeclaration(dataNet, weight, partitions, CaptureMode.OBSERVED);
    }

    /** A DataNet fed through data we cannot see into: recorded as declared only, without counts. */
    public static DataNetDeclaration declaredOnly(DataNet dataNet, BigDecimal weight) {
        return new DataNetDeclaration(dataNet, weight, List.of(), CaptureMode.DECLARED_ONLY);
    }
}
