package io.datanet.provenance.dl4j.internal;

import io.datanet.provenance.InvalidInputException;
import io.datanet.provenance.datanet.DataNet;
import io.datanet.provenance.datanet.DataNetFile;
import io.datanet.provenance.run.DataNetDeclaration;
import io.datanet.provenance.split.DataNetSplit;
import io.datanet.provenance.split.WeightedMixture;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.datavec.api.records.reader.RecordReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of the DataNet iterators: one source per DataNet (the user's own DL4J pipeline over a
 * {@link DataNetRecordReader} of one partition), drawn in a seeded weighted mixture, every batch tagged with
 * its DataNet, partition and size. Tags queue in delivery order (DL4J may prefetch batches on another thread)
 * and the listener takes one per training iteration, so only batches the model trained on are counted.
 *
 * @param <T> the batch type ({@code DataSet} or {@code MultiDataSet})
 */
public final class DataNetBatches<T> {
    private static final Logger LOG = LoggerFactory.getLogger(DataNetBatches.class);
    /** More tags than this waiting means no listener is taking them: drop the oldest rather than grow. */
    private static final int MAX_PENDING = 4096;
    private static final int SOURCE_SHIFT = 40;
    private static final long EXAMPLES_MASK = (1L << SOURCE_SHIFT) - 1;
    /** What {@link #poll()} returns when no batch is waiting. */
    public static final long NO_TAG = -1;

    private final List<DataNetDeclaration> declarations;
    private final List<Source<T>> sources;
    private final String partition;
    private final WeightedMixture<T> mixture;
    private final ToLongFunction<T> examples;
    /** Tags of delivered batches not yet trained on, oldest first: {@code source << 40 | examples}, a ring. */
    private final long[] tags = new long[MAX_PENDING];
    private long delivered; // tags written, guarded by tags
    private long taken; // tags polled or dropped, guarded by tags
    private volatile boolean linked;

    /** A DataNet and the user's pipeline over its records. */
    public record Input<I>(DataNet dataNet, Path root, BigDecimal weight, Supplier<RecordReader> reader,
                           Function<RecordReader, I> pipeline) {}

    /** Adapts the user's iterator type to a mixture source. */
    public interface Source<T> extends WeightedMixture.Source<T> {
        /** The iterator the user's pipeline built. */
        Object iterator();
    }

    private DataNetBatches(List<DataNetDeclaration> declarations, List<Source<T>> sources, String partition,
                           long seed, WeightedMixture.Stopping stopping, ToLongFunction<T> examples) {
        this.declarations = List.copyOf(declarations);
        this.sources = List.copyOf(sources);
        this.partition = partition;
        this.examples = examples;
        this.mixture = new WeightedMixture<>(sources,
                declarations.stream().map(DataNetDeclaration::weight).toList(), seed, stopping);
    }

    /**
     * Tallies each DataNet's split (one streaming pass over its records), then builds its pipeline over the
     * records of {@code partition}.
     */
    public static <I, T> DataNetBatches<T> build(List<Input<I>> inputs, DataNetSplit split, String partition,
                                                 Predicate<String> files, long seed, WeightedMixture.Stopping stopping,
                                                 Function<I, Source<T>> adapt, ToLongFunction<T> examples) {
        if (inputs.isEmpty()) {
            throw new IllegalStateException("no DataNet was added; call dataNet(..) at least once");
        }
        split.fraction(partition); // refuses an unknown partition, naming the split's partitions
        List<DataNetDeclaration> declarations = new ArrayList<>();
        List<Source<T>> sources = new ArrayList<>();
        for (Input<I> in : inputs) {
            List<String> paths = in.dataNet().files().stream().map(DataNetFile::path).filter(files).toList();
            if (paths.isEmpty()) {
                throw new InvalidInputException("datanet " + in.dataNet().id(), "",
                        "no file of the DataNet is selected as data (check the files filter)");
            }
            declarations.add(DataNetDeclaration.observed(in.dataNet(), in.weight(),
                    DataNetRecordReader.membership(in.dataNet(), in.root(), paths, in.reader(), split)));
            DataNetRecordReader reader = new DataNetRecordReader(in.dataNet(), in.root(), paths, in.reader(), split,
                    partition);
            sources.add(adapt.apply(Objects.requireNonNull(in.pipeline().apply(reader),
                    "the pipeline of datanet " + in.dataNet().id() + " returned null")));
        }
        return new DataNetBatches<>(declarations, sources, partition, seed, stopping, examples);
    }

    /** The DataNets with weights and partitions, for the run's record. */
    public List<DataNetDeclaration> declarations() {
        return declarations;
    }

    /** The partition this iterator delivers. */
    public String partition() {
        return partition;
    }

    /** The first DataNet's pipeline iterator, for shape queries. */
    public Object firstIterator() {
        return sources.get(0).iterator();
    }

    /** Whether the current pass has another batch. */
    public boolean hasNext() {
        return mixture.hasNext();
    }

    /** The next batch, tagged when a listener is linked. */
    public T next() {
        int i = mixture.peekSource();
        T batch = mixture.next();
        if (linked) {
            long n = examples.applyAsLong(batch);
            boolean dropped = false;
            synchronized (tags) {
                if (delivered - taken == MAX_PENDING) {
                    taken++;
                    dropped = true;
                }
                tags[(int) (delivered++ % MAX_PENDING)] = (long) i << SOURCE_SHIFT | Math.min(n, EXAMPLES_MASK);
            }
            if (dropped) {
                LOG.warn("More than {} batches of datanet iterator were delivered but not trained on; the oldest"
                        + " tag was dropped (is the listener attached to the network being fit?)", MAX_PENDING);
            }
        }
        return batch;
    }

    /** Starts the next pass; tags of batches delivered but never trained on are discarded. */
    public void reset() {
        clearTags();
        mixture.reset();
    }

    /** Links a listener: from now on every delivered batch is tagged. */
    public void link() {
        clearTags();
        linked = true;
    }

    private void clearTags() {
        synchronized (tags) {
            taken = delivered;
        }
    }

    /**
     * The tag of the oldest delivered batch not yet trained on, or {@link #NO_TAG}: the index of its DataNet in
     * {@link #declarations()} ({@link #source}) and its number of examples ({@link #examples}). Called once per
     * training iteration, so it allocates nothing.
     */
    public long poll() {
        synchronized (tags) {
            return taken == delivered ? NO_TAG : tags[(int) (taken++ % MAX_PENDING)];
        }
    }

    /** The DataNet index of a tag. */
    public static int source(long tag) {
        return (int) (tag >>> SOURCE_SHIFT);
    }

    /** The number of examples of a tag. */
    public static long examples(long tag) {
        return tag & EXAMPLES_MASK;
    }
}
