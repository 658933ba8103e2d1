package io.datanet.provenance.djl;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.training.dataset.Sampler;
import ai.djl.util.Progress;
import io.datanet.provenance.datanet.DataNet;
import io.datanet.provenance.datanet.DataNetFile;
import io.datanet.provenance.djl.internal.DataNetSource;
import io.datanet.provenance.djl.internal.SourceBatches;
import io.datanet.provenance.run.DataNetDeclaration;
import io.datanet.provenance.split.DataNetSplit;
import io.datanet.provenance.split.WeightedMixture;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * A DJL {@link RandomAccessDataset} over one partition of one or more DataNets, in DJL's own terms: for each
 * DataNet you give the DJL dataset that reads its records — per data file (typically a {@code CsvDataset}) or
 * one {@code ArrayDataset} for the whole DataNet with its sample keys — and this dataset keeps only the records
 * the seeded {@link DataNetSplit} puts in the partition, then draws batches from the DataNets in a seeded
 * mixture by their declared weights. Each batch comes from one DataNet.
 *
 * <pre>{@code
 * DataNetSplit split = DataNetSplit.builder(42).partition("train", "0.8").partition("test", "0.2").build();
 * DataNetDataset train = DataNetDataset.builder(split, "train")
 *         .addDataNet(DataNet.load(trailDir), "0.6", file -> csv(file))
 *         .addDataNet(DataNet.load(cityDir), "0.4", file -> csv(file))
 *         .setSampling(16, true)
 *         .build();
 * }</pre>
 *
 * <p>Sample keys are {@code <file path>:<record index in that file's dataset>} (docs/datanet-split.md), so the
 * record holds every partition's member count and membership digest, which anyone can re-derive. Given to a
 * {@link ProvenanceTrainingListener} ({@code optTrainingData(train)}), the batches DJL trains on are counted
 * from {@code Batch.getIndices()}: each batch's index list is this dataset's own, naming its DataNet and
 * partition, in {@code EasyTrain.fit} and in loops over {@code trainer.iterateDataset} alike.
 *
 * <p>The order is seeded ({@link Builder#optMixtureSeed}): identical runs draw identical batches, independently of
 * DJL's random generator. Each call of {@code getData} (each epoch) is one pass of the mixture.
 */
public final class DataNetDataset extends RandomAccessDataset {
    private final List<DataNetSource> sources;
    private final long[] starts;
    private final String partition;
    private final SourceBatches.Mixture mixture;
    private volatile Runnable onPass;

    private DataNetDataset(Builder b, List<DataNetSource> sources, SourceBatches.Mixture mixture) {
        super(b);
        this.sources = List.copyOf(sources);
        this.partition = b.partition;
        this.mixture = mixture;
        this.starts = new long[sources.size() + 1];
        for (int i = 0; i < sources.size(); i++) {
            starts[i + 1] = starts[i] + sources.get(i).size();
        }
    }

    /** A builder for the dataset over partition {@code partition} of {@code split}. */
    public static Builder builder(DataNetSplit split, String partition) {
        return new Builder(split, partition);
    }

    /** The partition this dataset delivers. */
    public String partition() {
        return partition;
    }

    /** The DataNets with weights and partitions, as the run's record declares them. */
    List<DataNetDeclaration> declarations() {
        return sources.stream().map(DataNetSource::declaration).toList();
    }

    /** Calls {@code action} whenever a pass (an epoch's iteration) starts. */
    void onPass(Runnable action) {
        this.onPass = action;
    }

    /** {@inheritDoc} The index is dataset-wide: the DataNets' members one after another, in the order added. */
    @Override
    public Record get(NDManager manager, long index) throws IOException {
        int s = Arrays.binarySearch(starts, index);
        s = s >= 0 ? s : -s - 2;
        while (starts[s + 1] <= index) {
            s++;
        }
        return sources.get(s).get(manager, index - starts[s]);
    }

    @Override
    protected long availableSize() {
        return starts[sources.size()];
    }

    /** Nothing to do: the DataNets' datasets were prepared and split when this dataset was built. */
    @Override
    public void prepare(Progress progress) {
        // prepared in build()
    }

    /** Samples batches from the mixture: each call starts the next pass. */
    private static final class MixtureSampler implements Sampler {
        private final int batchSize;

        MixtureSampler(int batchSize) {
            this.batchSize = batchSize;
        }

        @Override
        public Iterator<List<Long>> sample(RandomAccessDataset dataset) {
            if (!(dataset instanceof DataNetDataset d)) {
                throw new IllegalArgumentException("a DataNet dataset's sampler samples only its own dataset");
            }
            d.mixture.startPass();
            Runnable hook = d.onPass;
            if (hook != null) {
                hook.run();
            }
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return d.mixture.hasNext();
                }

                @Override
                public List<Long> next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException("the mixture's pass has ended");
                    }
                    return d.mixture.next();
                }
            };
        }

        @Override
        public int getBatchSize() {
            return batchSize;
        }
    }

    /**
     * Declares the DataNets, their weights and datasets, and DJL's usual dataset options (pipelines,
     * batchifiers, prefetching, device). Required: the split and partition (given to {@link #builder}), at least
     * one DataNet and {@link #setSampling(int, boolean)}.
     */
    public static final class Builder extends RandomAccessDataset.BaseBuilder<Builder> {
        private final DataNetSplit split;
        private final String partition;
        private final List<Input> inputs = new ArrayList<>();
        private Predicate<String> files = path -> true;
        private long seed;
        private int batchSize;
        private boolean shuffle;
        private boolean dropLast;
        private WeightedMixture.Stopping stopping = WeightedMixture.Stopping.ALL_EXHAUSTED;

        private record Input(DataNet dataNet, Path root, BigDecimal weight, Function<Path, RandomAccessDataset> perFile,
                             RandomAccessDataset whole, LongFunction<String> keys) {}

        private Builder(DataNetSplit split, String partition) {
            this.split = Objects.requireNonNull(split, "split");
            this.partition = Objects.requireNonNull(partition, "partition");
            split.fraction(partition); // refuses an unknown partition, naming the split's partitions
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Adds a DataNet loaded from a directory, each of its data files read by the DJL dataset
         * {@code perFile} builds for it (e.g. a {@code CsvDataset}; its own sampling setting is not used).
         * The record at index {@code i} of file {@code f}'s dataset has the key {@code f:i}.
         *
         * @param weight the declared mixture weight, a non-negative decimal string such as {@code "0.7"}
         * @throws IllegalArgumentException if the DataNet was built in code (it has no directory) or the weight is
         *                                  not a non-negative decimal
         */
        public Builder addDataNet(DataNet dataNet, String weight, Function<Path, RandomAccessDataset> perFile) {
            Objects.requireNonNull(dataNet, "dataNet");
            Path root = dataNet.root().orElseThrow(() -> new IllegalArgumentException("datanet " + dataNet.id()
                    + " was built in code and has no directory; load it with DataNet.load(dir)"));
            inputs.add(new Input(dataNet, root, weight(dataNet, weight), Objects.requireNonNull(perFile, "perFile"),
                    null, null));
            return this;
        }

        /**
         * Adds a DataNet whose records are all in one DJL dataset (e.g. an {@code ArrayDataset} built from its
         * files), {@code keys} giving the sample key of the record at each index — by the convention of
         * docs/datanet-split.md, {@code <file path>:<index in that file>}, so others can re-derive the split.
         */
        public Builder addDataNet(DataNet dataNet, String weight, RandomAccessDataset whole, LongFunction<String> keys) {
            Objects.requireNonNull(dataNet, "dataNet");
            inputs.add(new Input(dataNet, null, weight(dataNet, weight), null, Objects.requireNonNull(whole, "dataset"),
                    Objects.requireNonNull(keys, "keys")));
            return this;
        }

        private static BigDecimal weight(DataNet dataNet, String weight) {
            BigDecimal w;
            try {
                w = new BigDecimal(Objects.requireNonNull(weight, "weight of datanet " + dataNet.id()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("datanet " + dataNet.id() + " weight is not a decimal: \"" + weight
                        + "\"");
            }
            if (w.signum() < 0) {
                throw new IllegalArgumentException("datanet " + dataNet.id() + " weight must not be negative: " + weight);
            }
            return w;
        }

        /** Which of a DataNet's files hold records, by DataNet-relative path (default: every file). */
        public Builder optFiles(Predicate<String> files) {
            this.files = Objects.requireNonNull(files, "files");
            return this;
        }

        /** The seed of the mixture and shuffle order (default 0). */
        public Builder optMixtureSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** When a pass of the mixture ends (default: when every DataNet was exhausted at least once). */
        public Builder optStopping(WeightedMixture.Stopping stopping) {
            this.stopping = Objects.requireNonNull(stopping, "stopping");
            return this;
        }

        /**
         * Batches of {@code batchSize} samples, each from one DataNet; {@code random} shuffles each DataNet's
         * members on every pass, seeded by the mixture seed (not by DJL's random generator).
         */
        @Override
        public Builder setSampling(int batchSize, boolean random, boolean dropLast) {
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
            }
            this.batchSize = batchSize;
            this.shuffle = random;
            this.dropLast = dropLast;
            return this;
        }

        /**
         * Refused: a DataNet dataset draws its own batches (so that it can count them); use
         * {@link #setSampling(int, boolean)}.
         */
        @Override
        public Builder setSampling(Sampler sampler) {
            throw new UnsupportedOperationException("a DataNet dataset draws its own batches by DataNet weight; use"
                    + " setSampling(batchSize, random)");
        }

        /**
         * Prepares each DataNet's datasets, tallies its split and builds the dataset.
         *
         * @throws IllegalStateException if no DataNet was added or the sampling was not set
         * @throws io.datanet.provenance.InvalidInputException naming the DataNet when its data cannot be read
         */
        public DataNetDataset build() {
            if (inputs.isEmpty()) {
                throw new IllegalStateException("no DataNet was added; call addDataNet(..) at least once");
            }
            if (batchSize == 0) {
                throw new IllegalStateException("the batch size is not set; call setSampling(batchSize, random)");
            }
            List<DataNetSource> sources = new ArrayList<>();
            for (Input in : inputs) {
                sources.add(DataNetSource.of(in.dataNet(), in.weight(), parts(in), split, partition));
            }
            super.setSampling(new MixtureSampler(batchSize));
            SourceBatches.Mixture mixture = new SourceBatches.Mixture(sources, partition, batchSize, shuffle, dropLast,
                    seed, stopping);
            DataNetDataset dataset = new DataNetDataset(this, sources, mixture);
            mixture.owner(dataset);
            return dataset;
        }

        private List<DataNetSource.Part> parts(Input in) {
            if (in.whole() != null) {
                return List.of(new DataNetSource.Part("its dataset", in.whole(), in.keys()));
            }
            List<DataNetSource.Part> parts = new ArrayList<>();
            for (DataNetFile f : in.dataNet().files()) {
                if (!files.test(f.path())) {
                    continue;
                }
                RandomAccessDataset ds = Objects.requireNonNull(in.perFile().apply(in.root().resolve(f.path())),
                        () -> "the dataset of datanet " + in.dataNet().id() + " file " + f.path() + " is null");
                String path = f.path();
                parts.add(new DataNetSource.Part(path, ds, i -> path + ":" + i));
            }
            if (parts.isEmpty()) {
                throw new io.datanet.provenance.InvalidInputException("datanet " + in.dataNet().id(), "",
                        "no file of the DataNet is selected as data (check optFiles)");
            }
            return parts;
        }
    }
}
