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
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A {@link DataSetIterator} over one partition of one or more DataNets, keeping DL4J's own pipeline: for each
 * DataNet you give the DataVec pipeline that turns its records into batches (typically
 * {@code reader -> new RecordReaderDataSetIterator(reader, batchSize, labelIndex, numClasses)}), and this
 * iterator feeds that pipeline a reader holding only the records the seeded {@link DataNetSplit} puts in the
 * partition, then draws batches from the DataNets in a seeded mixture by their declared weights.
 *
 * <pre>{@code
 * DataNetSplit split = DataNetSplit.builder(42).partition("train", "0.8").partition("test", "0.2").build();
 * DataNetDataSetIterator train = DataNetDataSetIterator.builder(split, "train")
 *         .dataNet(DataNet.load(irisDir), "0.7", r -> new RecordReaderDataSetIterator(r, 16, 4, 3))
 *         .dataNet(DataNet.load(moreDir), "0.3", r -> new RecordReaderDataSetIterator(r, 16, 4, 3))
 *         .build();
 * }</pre>
 *
 * Given to a {@link ProvenanceTrainingListener} ({@code .data(train)}), every batch is tagged with its
 * DataNet and the listener counts the batches the model actually trained on. Building tallies each DataNet's
 * split in one streaming pass, so the record holds every partition's member count and membership digest.
 * Not thread-safe (DL4J's prefetch thread is its only reader).
 */
public final class DataNetDataSetIterator implements DataSetIterator {
    private static final long serialVersionUID = 1L;
    private final transient DataNetBatches<DataSet> batches;
    private DataSetPreProcessor preProcessor;

    private DataNetDataSetIterator(DataNetBatches<DataSet> batches) {
        this.batches = batches;
    }

    /** A builder for the iterator over partition {@code partition} of {@code split}. */
    public static Builder builder(DataNetSplit split, String partition) {
        return new Builder(split, partition);
    }

    DataNetBatches<DataSet> batches() {
        return batches;
    }

    private DataSetIterator first() {
        return (DataSetIterator) batches.firstIterator();
    }

    @Override
    public boolean hasNext() {
        return batches.hasNext();
    }

    @Override
    public DataSet next() {
        DataSet ds = batches.next();
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    @Override
    public DataSet next(int num) {
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
    public int inputColumns() {
        return first().inputColumns();
    }

    @Override
    public int totalOutcomes() {
        return first().totalOutcomes();
    }

    @Override
    public int batch() {
        return first().batch();
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return first().getLabels();
    }

    /**
     * Declares the DataNets, their weights and pipelines. Required: the split and partition (constructor) and
     * at least one DataNet.
     */
    public static final class Builder {
        private final DataNetSplit split;
        private final String partition;
        private final List<DataNetBatches.Input<DataSetIterator>> inputs = new ArrayList<>();
        private Predicate<String> files = path -> true;
        private long seed;
        private WeightedMixture.Stopping stopping = WeightedMixture.Stopping.ALL_EXHAUSTED;

        private Builder(DataNetSplit split, String partition) {
            this.split = Objects.requireNonNull(split, "split");
            this.partition = Objects.requireNonNull(partition, "partition");
            split.fraction(partition);
        }

        /**
         * Adds a DataNet loaded from a directory, read with a {@link CSVRecordReader} per file.
         *
         * @param weight   the declared mixture weight, a decimal string such as {@code "0.7"}
         * @param pipeline the DL4J pipeline from records to batches
         */
        public Builder dataNet(DataNet dataNet, String weight, Function<RecordReader, DataSetIterator> pipeline) {
            return dataNet(dataNet, weight, CSVRecordReader::new, pipeline);
        }

        /**
         * Adds a DataNet loaded from a directory, its files read by fresh readers from {@code reader} (one per
         * file, e.g. {@code () -> new CSVRecordReader(1, ',')} to skip a header line).
         *
         * @throws IllegalArgumentException if the DataNet was built in code (it has no directory), or the weight
         *                                  is not a non-negative decimal
         */
        public Builder dataNet(DataNet dataNet, String weight, Supplier<RecordReader> reader,
                               Function<RecordReader, DataSetIterator> pipeline) {
            inputs.add(Inputs.input(dataNet, weight, reader, pipeline));
            return this;
        }

        /** Adds a DataNet whose files are under {@code root} (for a DataNet built in code). */
        public Builder dataNet(DataNet dataNet, Path root, String weight, Supplier<RecordReader> reader,
                               Function<RecordReader, DataSetIterator> pipeline) {
            inputs.add(Inputs.input(dataNet, root, weight, reader, pipeline));
            return this;
        }

        /** Which of a DataNet's files hold records, by DataNet-relative path (default: every file). */
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

        /**
         * Tallies each DataNet's split and builds the iterator.
         *
         * @throws IllegalStateException if no DataNet was added
         */
        public DataNetDataSetIterator build() {
            return new DataNetDataSetIterator(DataNetBatches.build(inputs, split, partition, files, seed, stopping,
                    Inputs::dataSets, DataSet::numExamples));
        }
    }
}
