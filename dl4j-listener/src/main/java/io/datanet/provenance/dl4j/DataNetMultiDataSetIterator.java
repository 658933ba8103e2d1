package io.datanet.provenance.dl4j;

import io.datanet.provenance.datanet.DataNet;
import io.datanet.provenance.dl4j.internal.DataNetBatches;
import io.datanet.provenance.dl4j.internal.Inputs;
import io.datanet.provenance.split.DataNetSplit;
import io.datanet.provenance.split.WeightedMixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.datavec.api.records.reader.RecordReader;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * The {@link MultiDataSetIterator} twin of {@link DataNetDataSetIterator}, for {@code ComputationGraph}s fed
 * by a {@code RecordReaderMultiDataSetIterator} (or any pipeline from a {@link RecordReader} to a
 * {@link MultiDataSetIterator}). Same split, mixture and tagging.
 */
public final class DataNetMultiDataSetIterator implements MultiDataSetIterator {
    private static final long serialVersionUID = 1L;
    private final transient DataNetBatches<MultiDataSet> batches;
    private MultiDataSetPreProcessor preProcessor;

    private DataNetMultiDataSetIterator(DataNetBatches<MultiDataSet> batches) {
        this.batches = batches;
    }

    /** A builder for the iterator over partition {@code partition} of {@code split}. */
    public static Builder builder(DataNetSplit split, String partition) {
        return new Builder(split, partition);
    }

    DataNetBatches<MultiDataSet> batches() {
        return batches;
    }

    @Override
    public boolean hasNext() {
        return batches.hasNext();
    }

    @Override
    public MultiDataSet next() {
        MultiDataSet mds = batches.next();
        if (preProcessor != null) {
            preProcessor.preProcess(mds);
        }
        return mds;
    }

    @Override
    public MultiDataSet next(int num) {
        throw new UnsupportedOperationException("batch sizes are set by each DataNet's pipeline");
    }

    @Override
    public void reset() {
        batches.reset();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /** Declares the DataNets, weights and pipelines; see {@link DataNetDataSetIterator.Builder}. */
    public static final class Builder {
        private final DataNetSplit split;
        private final String partition;
        private final List<DataNetBatches.Input<MultiDataSetIterator>> inputs = new ArrayList<>();
        private Predicate<String> files = path -> true;
        private long seed;
        private WeightedMixture.Stopping stopping = WeightedMixture.Stopping.ALL_EXHAUSTED;

        private Builder(DataNetSplit split, String partition) {
            this.split = Objects.requireNonNull(split, "split");
            this.partition = Objects.requireNonNull(partition, "partition");
            split.fraction(partition);
        }

        /** Adds a DataNet loaded from a directory, read with a {@link CSVRecordReader} per file. */
        public Builder dataNet(DataNet dataNet, String weight, Function<RecordReader, MultiDataSetIterator> pipeline) {
            return dataNet(dataNet, weight, CSVRecordReader::new, pipeline);
        }

        /** Adds a DataNet loaded from a directory, its files read by fresh readers from {@code reader}. */
        public Builder dataNet(DataNet dataNet, String weight, Supplier<RecordReader> reader,
                               Function<RecordReader, MultiDataSetIterator> pipeline) {
            inputs.add(Inputs.input(dataNet, weight, reader, pipeline));
            return this;
        }

        /** Adds a DataNet whose files are under {@code root} (for a DataNet built in code). */
        public Builder dataNet(DataNet dataNet, Path root, String weight, Supplier<RecordReader> reader,
                               Function<RecordReader, MultiDataSetIterator> pipeline) {
            inputs.add(Inputs.input(dataNet, root, weight, reader, pipeline));
            return this;
        }

        /** Which of a DataNet's files hold records (default: every file). */
        public Builder files(Predicate<String> files) {
            this.files = Objects.requireNonNull(files, "files");
            return this;
        }

        /** The seed of the mixture order (default 0). */
        public Builder mixtureSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** When an epoch of the mixture ends (default: when every DataNet was exhausted at least once). */
        public Builder stopping(WeightedMixture.Stopping stopping) {
            this.stopping = Objects.requireNonNull(stopping, "stopping");
            return this;
        }

        /** Tallies each DataNet's split and builds the iterator. */
        public DataNetMultiDataSetIterator build() {
            return new DataNetMultiDataSetIterator(DataNetBatches.build(inputs, split, partition, files, seed,
                    stopping, Inputs::multiDataSets, mds -> mds.getFeatures(0).size(0)));
        }
    }
}
