package io.datanet.provenance.dl4j.internal;

import io.datanet.provenance.datanet.DataNet;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.datavec.api.records.reader.RecordReader;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/** Validation of DataNet inputs and the adapters from DL4J iterators to mixture sources. */
public final class Inputs {
    private Inputs() {}

    /** An input whose files are under the directory the DataNet was loaded from. */
    public static <I> DataNetBatches.Input<I> input(DataNet dataNet, String weight, Supplier<RecordReader> reader,
                                                    Function<RecordReader, I> pipeline) {
        Objects.requireNonNull(dataNet, "dataNet");
        Path root = dataNet.root().orElseThrow(() -> new IllegalArgumentException("datanet " + dataNet.id()
                + " was built in code and has no directory; load it with DataNet.load(dir) or pass its root"));
        return input(dataNet, root, weight, reader, pipeline);
    }

    /** An input whose files are under {@code root}. */
    public static <I> DataNetBatches.Input<I> input(DataNet dataNet, Path root, String weight,
                                                    Supplier<RecordReader> reader, Function<RecordReader, I> pipeline) {
        Objects.requireNonNull(dataNet, "dataNet");
        BigDecimal w;
        try {
            w = new BigDecimal(Objects.requireNonNull(weight, "weight of datanet " + dataNet.id()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("datanet " + dataNet.id() + " weight is not a decimal: \"" + weight + "\"");
        }
        if (w.signum() < 0) {
            throw new IllegalArgumentException("datanet " + dataNet.id() + " weight must not be negative: " + weight);
        }
        return new DataNetBatches.Input<>(dataNet, Objects.requireNonNull(root, "root"), w,
                Objects.requireNonNull(reader, "reader"), Objects.requireNonNull(pipeline, "pipeline"));
    }

    /** A mixture source over a {@link DataSetIterator}. */
    public static DataNetBatches.Source<DataSet> dataSets(DataSetIterator it) {
        return new DataNetBatches.Source<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public DataSet next() {
                return it.next();
            }

            @Override
            public void reset() {
                it.reset();
            }

            @Override
            public Object iterator() {
                return it;
            }
        };
    }

    /** A mixture source over a {@link MultiDataSetIterator}. */
    public static DataNetBatches.Source<MultiDataSet> multiDataSets(MultiDataSetIterator it) {
        return new DataNetBatches.Source<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public MultiDataSet next() {
                return it.next();
            }

            @Override
            public void reset() {
                it.reset();
            }

            @Override
            public Object iterator() {
                return it;
            }
        };
    }
}
