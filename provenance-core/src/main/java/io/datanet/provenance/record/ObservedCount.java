package io.datanet.provenance.record;

/**
 * What the model actually saw of one partition of one DataNet in one epoch.
 *
 * @param partition the partition's name
 * @param epoch     the epoch, from 0
 * @param samples   samples delivered to the model
 * @param batches   batches that contained at least one of those samples
 */
public record ObservedCount(String partition, int epoch, long samples, long batches) {
    /** Validates the fields. */
    public ObservedCount {
        Names.check("observed partition", partition);
        if (epoch < 0 || samples < 0 || batches < 0) {
            throw new IllegalArgumentException("observed counts of partition " + partition
                    + " must not be negative (epoch " + epoch + ", samples " + samples + ", batches " + batches + ")");
        }
        if (batches > samples) {
            throw new IllegalArgumentException("observed counts of partition " + partition + " epoch " + epoch
                    + ": more batches (" + batches + ") than samples (" + samples + ")");
        }
    }
}
