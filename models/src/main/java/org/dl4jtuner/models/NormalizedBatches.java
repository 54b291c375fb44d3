package org.dl4jtuner.models;

import java.util.List;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.MultiDataNormalization;

/**
 * Iterators that apply a fitted normalizer to each batch of the user's iterator, after the
 * iterator's own pre-processor: the user's objects are never changed, and the model is trained
 * on exactly what the saved normalizer will produce from raw data.
 */
final class NormalizedBatches {
    private NormalizedBatches() {
    }

    /** The iterator itself when there is no normalizer or it already applies this one. */
    static DataSetIterator of(DataSetIterator it, DataNormalization normalizer) {
        if (normalizer == null || it.getPreProcessor() == normalizer) {
            return it;
        }
        return new Single(it, normalizer);
    }

    /** The iterator itself when there is no normalizer or it already applies this one. */
    static MultiDataSetIterator of(MultiDataSetIterator it, MultiDataNormalization normalizer) {
        if (normalizer == null || it.getPreProcessor() == normalizer) {
            return it;
        }
        return new Multi(it, normalizer);
    }

    private static final class Single implements DataSetIterator {
        private static final long serialVersionUID = 1L;
        private final transient DataSetIterator source;
        private final transient DataNormalization normalizer;

        Single(DataSetIterator source, DataNormalization normalizer) {
            this.source = source;
            this.normalizer = normalizer;
        }

        @Override
        public DataSet next(int num) {
            DataSet batch = source.next(num);
            normalizer.preProcess(batch);
            return batch;
        }

        @Override
        public DataSet next() {
            DataSet batch = source.next();
            normalizer.preProcess(batch);
            return batch;
        }

        @Override
        public boolean hasNext() {
            return source.hasNext();
        }

        @Override
        public int inputColumns() {
            return source.inputColumns();
        }

        @Override
        public int totalOutcomes() {
            return source.totalOutcomes();
        }

        @Override
        public boolean resetSupported() {
            return source.resetSupported();
        }

        @Override
        public boolean asyncSupported() {
            return source.asyncSupported();
        }

        @Override
        public void reset() {
            source.reset();
        }

        @Override
        public int batch() {
            return source.batch();
        }

        @Override
        public void setPreProcessor(DataSetPreProcessor preProcessor) {
            throw new UnsupportedOperationException("set the pre-processor on your own iterator");
        }

        @Override
        public DataSetPreProcessor getPreProcessor() {
            return normalizer;
        }

        @Override
        public List<String> getLabels() {
            return source.getLabels();
        }
    }

    private static final class Multi implements MultiDataSetIterator {
        private static final long serialVersionUID = 1L;
        private final transient MultiDataSetIterator source;
        private final transient MultiDataNormalization normalizer;

        Multi(MultiDataSetIterator source, MultiDataNormalization normalizer) {
            this.source = source;
            this.normalizer = normalizer;
        }

        @Override
        public MultiDataSet next(int num) {
            MultiDataSet batch = source.next(num);
            normalizer.preProcess(batch);
            return batch;
        }

        @Override
        public MultiDataSet next() {
            MultiDataSet batch = source.next();
            normalizer.preProcess(batch);
            return batch;
        }

        @Override
        public boolean hasNext() {
            return source.hasNext();
        }

        @Override
        public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
            throw new UnsupportedOperationException("set the pre-processor on your own iterator");
        }

        @Override
        public MultiDataSetPreProcessor getPreProcessor() {
            return normalizer;
        }

        @Override
        public boolean resetSupported() {
            return source.resetSupported();
        }

        @Override
        public boolean asyncSupported() {
            return source.asyncSupported();
        }

        @Override
        public void reset() {
            source.reset();
        }
    }
}
