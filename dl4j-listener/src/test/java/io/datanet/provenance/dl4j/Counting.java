package io.datanet.provenance.dl4j;

import java.util.List;
import java.util.function.Consumer;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/** Test iterators that look at every batch they pass on (to count it independently, or to throw). */
final class Counting {
    private Counting() {}

    /** A DataSetIterator calling {@code onBatch} for each batch and {@code onReset} on reset. */
    static final class Single implements DataSetIterator {
        private static final long serialVersionUID = 1L;
        private final transient DataSetIterator delegate;
        private final transient Consumer<DataSet> onBatch;
        private final transient Runnable onReset;

        Single(DataSetIterator delegate, Consumer<DataSet> onBatch, Runnable onReset) {
            this.delegate = delegate;
            this.onBatch = onBatch;
            this.onReset = onReset;
        }

        @Override
        public DataSet next(int num) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int inputColumns() {
            return delegate.inputColumns();
        }

        @Override
        public int totalOutcomes() {
            return delegate.totalOutcomes();
        }

        @Override
        public boolean resetSupported() {
            return delegate.resetSupported();
        }

        @Override
        public boolean asyncSupported() {
            return delegate.asyncSupported();
        }

        @Override
        public void reset() {
            onReset.run();
            delegate.reset();
        }

        @Override
        public int batch() {
            return delegate.batch();
        }

        @Override
        public void setPreProcessor(DataSetPreProcessor preProcessor) {
            delegate.setPreProcessor(preProcessor);
        }

        @Override
        public DataSetPreProcessor getPreProcessor() {
            return delegate.getPreProcessor();
        }

        @Override
        public List<String> getLabels() {
            return delegate.getLabels();
        }

        @Override
        public boolean hasNext() {
            return delegate.hasNext();
        }

        @Override
        public DataSet next() {
            DataSet ds = delegate.next();
            onBatch.accept(ds);
            return ds;
        }
    }

    /** A MultiDataSetIterator calling {@code onBatch} for each batch and {@code onReset} on reset. */
    static final class Multi implements MultiDataSetIterator {
        private static final long serialVersionUID = 1L;
        private final transient MultiDataSetIterator delegate;
        private final transient Consumer<MultiDataSet> onBatch;
        private final transient Runnable onReset;

        Multi(MultiDataSetIterator delegate, Consumer<MultiDataSet> onBatch, Runnable onReset) {
            this.delegate = delegate;
            this.onBatch = onBatch;
            this.onReset = onReset;
        }

        @Override
        public MultiDataSet next(int num) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
            delegate.setPreProcessor(preProcessor);
        }

        @Override
        public MultiDataSetPreProcessor getPreProcessor() {
            return delegate.getPreProcessor();
        }

        @Override
        public boolean resetSupported() {
            return delegate.resetSupported();
        }

        @Override
        public boolean asyncSupported() {
            return delegate.asyncSupported();
        }

        @Override
        public void reset() {
            onReset.run();
            delegate.reset();
        }

        @Override
        public boolean hasNext() {
            return delegate.hasNext();
        }

        @Override
        public MultiDataSet next() {
            MultiDataSet mds = delegate.next();
            onBatch.accept(mds);
            return mds;
        }
    }
}
