package io.datanet.provenance.djl.internal;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.translate.TranslateException;
import io.datanet.provenance.InvalidInputException;
import io.datanet.provenance.datanet.DataNet;
import io.datanet.provenance.record.PartitionInfo;
import io.datanet.provenance.run.DataNetDeclaration;
import io.datanet.provenance.split.DataNetSplit;
import io.datanet.provenance.split.PartitionMembership;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;

/**
 * One DataNet as a dataset sees it: the user's DJL datasets over its records (one per file, or one for the
 * whole DataNet with its own sample keys), the seeded split tallied over every record, and the positions of the
 * members of one partition. Records are read by DJL's own {@code get}; nothing is copied.
 */
public final class DataNetSource {
    private final DataNet dataNet;
    private final BigDecimal weight;
    private final List<RandomAccessDataset> parts;
    private final long[] partStarts;
    private final long[] members;
    private final List<PartitionInfo> partitions;

    /** A part of a DataNet: a prepared dataset and the key of each of its records. */
    public record Part(String name, RandomAccessDataset dataset, LongFunction<String> keys) {}

    private DataNetSource(DataNet dataNet, BigDecimal weight, List<RandomAccessDataset> parts, long[] partStarts,
                          long[] members, List<PartitionInfo> partitions) {
        this.dataNet = dataNet;
        this.weight = weight;
        this.parts = parts;
        this.partStarts = partStarts;
        this.members = members;
        this.partitions = partitions;
    }

    /**
     * Prepares every part, tallies the split over all their records in order (keys from each part) and keeps the
     * members of {@code partition}.
     *
     * @throws InvalidInputException naming the DataNet and part when a part cannot be prepared or yields a bad key
     */
    public static DataNetSource of(DataNet dataNet, BigDecimal weight, List<Part> parts, DataNetSplit split,
                                   String partition) {
        int wanted = split.partitions().indexOf(partition);
        if (wanted < 0) {
            throw new IllegalArgumentException("the split has no partition " + partition + "; it has " + split.partitions());
        }
        PartitionMembership tally = split.membership();
        long[] starts = new long[parts.size() + 1];
        long[] found = new long[16];
        int n = 0;
        for (int p = 0; p < parts.size(); p++) {
            Part part = parts.get(p);
            long size;
            try {
                part.dataset().prepare();
                size = part.dataset().size();
            } catch (IOException | TranslateException | RuntimeException e) {
                throw new InvalidInputException("datanet " + dataNet.id(), "cannot prepare the dataset of "
                        + part.name() + ": " + e, e);
            }
            starts[p + 1] = starts[p] + size;
            for (long i = 0; i < size; i++) {
                String key = part.keys().apply(i);
                if (key == null) {
                    throw new InvalidInputException("datanet " + dataNet.id(), "", "the key of record " + i + " of "
                            + part.name() + " is null");
                }
                if (tally.accept(key) == wanted) {
                    if (n == found.length) {
                        found = Arrays.copyOf(found, n * 2);
                    }
                    found[n++] = starts[p] + i;
                }
            }
        }
        return new DataNetSource(dataNet, weight, parts.stream().map(Part::dataset).toList(), starts,
                Arrays.copyOf(found, n), tally.finish());
    }

    /** The DataNet. */
    public DataNet dataNet() {
        return dataNet;
    }

    /** The declaration for the run's record: weight, partitions with members and membership digests. */
    public DataNetDeclaration declaration() {
        return DataNetDeclaration.observed(dataNet, weight, partitions);
    }

    /** The declared weight. */
    public BigDecimal weight() {
        return weight;
    }

    /** The number of members of the partition this source delivers. */
    public long size() {
        return members.length;
    }

    /** The member at {@code position} (from 0, in key order), read by the dataset holding it. */
    public Record get(NDManager manager, long position) throws IOException {
        long flat = members[Math.toIntExact(position)];
        int p = Arrays.binarySearch(partStarts, flat);
        p = p >= 0 ? p : -p - 2;
        while (partStarts[p + 1] <= flat) { // past empty parts starting at the same index
            p++;
        }
        return parts.get(p).get(manager, flat - partStarts[p]);
    }
}
