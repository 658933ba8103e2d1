package io.datanet.provenance.djl.internal;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The sample indices of one batch drawn from one DataNet, as the DataNet dataset's sampler hands them to DJL.
 * DJL passes this very list into the {@code Batch} ({@code Batch.getIndices()}), so a listener recognises a
 * batch of its own dataset, and knows its DataNet and partition, without looking at the data.
 */
public final class DataNetIndices extends AbstractList<Long> implements RandomAccess {
    private final Object owner;
    private final String dataNet;
    private final String partition;
    private final long[] indices;

    /**
     * @param owner     the dataset that drew the batch
     * @param dataNet   the DataNet id
     * @param partition the partition name
     * @param indices   the dataset-wide sample indices, owned by this list from now on
     */
    public DataNetIndices(Object owner, String dataNet, String partition, long[] indices) {
        this.owner = owner;
        this.dataNet = dataNet;
        this.partition = partition;
        this.indices = indices;
    }

    /** The dataset that drew the batch. */
    public Object owner() {
        return owner;
    }

    /** The DataNet id. */
    public String dataNet() {
        return dataNet;
    }

    /** The partition name. */
    public String partition() {
        return partition;
    }

    @Override
    public Long get(int i) {
        return indices[i];
    }

    @Override
    public int size() {
        return indices.length;
    }
}
