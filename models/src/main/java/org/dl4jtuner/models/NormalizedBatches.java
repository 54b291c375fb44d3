package org.dl4jtuner.models;

import java.util.List;

import org.dl4jtuner.datasets.EpochShuffled;
import org.nd4j.linalg.api.ndarray.INDArray;
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

    private static boolean isView(INDArray array) {
        return array != null && array.isView();
    }

    private static INDArray dup(INDArray array) {
        return array == null ? null : array.dup();
    }

    private static final class Single implements DataSetIterator, EpochShuffled {
        private static final long serialVersionUID = 1L;
        private final transient DataSetIterator source;
        private final transient DataNormalization normalizer;

        Single(DataSetIterator source, DataNormalization normalizer) {
            this.source = source;
            this.normalizer = normalizer;
        }

        @Override
        public void startEpoch(int epoch) {
            if (source instanceof EpochShuffled shuffled) {
                shuffled.startEpoch(epoch);
            } else {
                source.reset();
            }
        }

        @Override
        public DataSet next(int num) {
            return normalized(source.next(num));
        }

        @Override
        public DataSet next() {
            return normalized(source.next());
        }

        /** Normalizes in place, but a batch that is a view of the iterator's data is copied first. */
        private DataSet normalized(DataSet batch) {
            if (isView(batch.getFeatures()) || isView(batch.getLabels())) {
                batch = new DataSet(dup(batch.getFeatures()), dup(batch.getLabels()), batch.getFeaturesMaskArray(),
                        batch.getLabelsMaskArray());
            }
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
            return normalized(source.next(num));
        }

        @Override
        public MultiDataSet next() {
            return normalized(source.next());
        }

        /** Normalizes in place, but a batch holding views of the iterator's data is copied first. */
        private MultiDataSet normalized(MultiDataSet batch) {
            boolean views = false;
            for (INDArray a : batch.getFeatures()) {
                views |= isView(a);
            }
            for (INDArray a : batch.getLabels()) {
                views |= isView(a);
            }
            if (views) {
                INDArray[] features = batch.getFeatures().clone();
                INDArray[] labels = batch.getLabels().clone();
                for (int i = 0; i < features.length; i++) {
                    features[i] = dup(features[i]);
                }
                for (int i = 0; i < labels.length; i++) {
                    labels[i] = dup(labels[i]);
                }
                batch = new org.nd4j.linalg.dataset.MultiDataSet(features, labels, batch.getFeaturesMaskArrays(),
                        batch.getLabelsMaskArrays());
            }
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
