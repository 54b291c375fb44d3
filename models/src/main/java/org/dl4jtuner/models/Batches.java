package org.dl4jtuner.models;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jtuner.datasets.EpochShuffled;
import org.nd4j.evaluation.IEvaluation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * One split's mini-batches as the engine uses them, whichever iterator kind the user has: fit an
 * epoch, evaluate, average the loss. Every operation resets the iterator first.
 */
sealed interface Batches {

    /** Batches of single-input, single-output data. */
    static Batches of(DataSetIterator iterator) {
        return new Single(iterator);
    }

    /** Batches of multi-input or multi-output data (ComputationGraph). */
    static Batches of(MultiDataSetIterator iterator) {
        return new Multi(iterator);
    }

    /** Trains the model for one pass over the batches: epoch {@code epoch}'s order when the iterator is {@link EpochShuffled}. */
    void fit(Model model, int epoch);

    /** Runs the evaluations over the batches. */
    @SuppressWarnings("unchecked")
    <T extends IEvaluation> T[] evaluate(Model model, T... evaluations);

    /** The loss averaged over examples as DL4J scores it (regularisation penalty included; {@link MetricEvaluator} subtracts it). */
    double loss(Model model);

    /** The first batch's feature and label shapes, for messages ({@code "features [64, 784], labels [64, 10]"}). */
    String firstBatchShapes();

    /** Columns of the first batch's (first) labels when they are a matrix, else -1; the iterator is reset after. */
    long labelWidth();

    /** The shape of the first batch's (first) features, or null when there is no batch; the iterator is reset after. */
    long[] firstFeatureShape();

    /** The loss of the first batch alone (a forward pass that shows whether network and data fit); the iterator is reset after. */
    double firstBatchLoss(Model model);

    /** The iterator, for a custom metric; IllegalStateException for multi-data batches. */
    DataSetIterator dataSetIterator();

    /** A copy of the first batch's features (one array per input), or null when there is none; the iterator is reset after. */
    org.nd4j.linalg.api.ndarray.INDArray[] firstFeatures();

    /** DataSetIterator batches. */
    record Single(DataSetIterator iterator) implements Batches {
        @Override
        public void fit(Model model, int epoch) {
            if (iterator instanceof EpochShuffled shuffled) {
                shuffled.startEpoch(epoch);
            } else {
                reset(iterator);
            }
            ((NeuralNetwork) model).fit(iterator);
        }

        @SafeVarargs
        @Override
        public final <T extends IEvaluation> T[] evaluate(Model model, T... evaluations) {
            reset(iterator);
            return ((NeuralNetwork) model).doEvaluation(iterator, evaluations);
        }

        @Override
        public double loss(Model model) {
            reset(iterator);
            double sum = 0;
            long n = 0;
            while (iterator.hasNext()) {
                DataSet batch = iterator.next();
                int size = batch.numExamples();
                double score = model instanceof MultiLayerNetwork net ? net.score(batch, false)
                        : ((ComputationGraph) model).score(batch, false);
                sum += score * size;
                n += size;
            }
            return n == 0 ? Double.NaN : sum / n;
        }

        /**
         * A copy of the first batch, or null when there is none; the iterator is reset after. A copy,
         * because a training iterator may free the batch it gave when it is reset.
         */
        private DataSet first() {
            reset(iterator);
            DataSet batch = iterator.hasNext() ? iterator.next().copy() : null;
            reset(iterator);
            return batch;
        }

        @Override
        public String firstBatchShapes() {
            DataSet batch = first();
            if (batch == null) {
                return "no batches";
            }
            return "features " + java.util.Arrays.toString(batch.getFeatures().shape()) + ", labels "
                    + java.util.Arrays.toString(batch.getLabels().shape());
        }

        @Override
        public double firstBatchLoss(Model model) {
            DataSet batch = first();
            if (batch == null) {
                return Double.NaN;
            }
            return model instanceof MultiLayerNetwork net ? net.score(batch, false)
                    : ((ComputationGraph) model).score(batch, false);
        }

        @Override
        public org.nd4j.linalg.api.ndarray.INDArray[] firstFeatures() {
            DataSet batch = first();
            return batch == null ? null : new org.nd4j.linalg.api.ndarray.INDArray[] {batch.getFeatures()};
        }

        @Override
        public long[] firstFeatureShape() {
            DataSet batch = first();
            return batch == null || batch.getFeatures() == null ? null : batch.getFeatures().shape();
        }

        @Override
        public long labelWidth() {
            DataSet batch = first();
            boolean matrix = batch != null && batch.getLabels() != null && batch.getLabels().rank() == 2;
            return matrix ? batch.getLabels().size(1) : -1;
        }

        @Override
        public DataSetIterator dataSetIterator() {
            reset(iterator);
            return iterator;
        }
    }

    /** MultiDataSetIterator batches. */
    record Multi(MultiDataSetIterator iterator) implements Batches {
        @Override
        public void fit(Model model, int epoch) {
            reset(iterator);
            ((NeuralNetwork) model).fit(iterator);
        }

        @SafeVarargs
        @Override
        public final <T extends IEvaluation> T[] evaluate(Model model, T... evaluations) {
            reset(iterator);
            return ((NeuralNetwork) model).doEvaluation(iterator, evaluations);
        }

        @Override
        public double loss(Model model) {
            reset(iterator);
            double sum = 0;
            long n = 0;
            while (iterator.hasNext()) {
                MultiDataSet batch = iterator.next();
                long size = batch.getFeatures(0).size(0);
                double score = model instanceof ComputationGraph graph ? graph.score(batch, false)
                        : ((MultiLayerNetwork) model).score(
                                new org.nd4j.linalg.dataset.DataSet(batch.getFeatures(0), batch.getLabels(0)), false);
                sum += score * size;
                n += size;
            }
            return n == 0 ? Double.NaN : sum / n;
        }

        /** The first batch, or null when there is none; the iterator is reset after. */
        private MultiDataSet first() {
            reset(iterator);
            MultiDataSet batch = iterator.hasNext() ? iterator.next() : null;
            reset(iterator);
            return batch;
        }

        @Override
        public String firstBatchShapes() {
            MultiDataSet batch = first();
            if (batch == null) {
                return "no batches";
            }
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < batch.numFeatureArrays(); i++) {
                s.append(i == 0 ? "features " : ", ").append(java.util.Arrays.toString(batch.getFeatures(i).shape()));
            }
            for (int i = 0; i < batch.numLabelsArrays(); i++) {
                s.append(i == 0 ? ", labels " : ", ").append(java.util.Arrays.toString(batch.getLabels(i).shape()));
            }
            return s.toString();
        }

        @Override
        public double firstBatchLoss(Model model) {
            MultiDataSet batch = first();
            if (batch == null) {
                return Double.NaN;
            }
            return model instanceof ComputationGraph graph ? graph.score(batch, false)
                    : ((MultiLayerNetwork) model).score(
                            new org.nd4j.linalg.dataset.DataSet(batch.getFeatures(0), batch.getLabels(0)), false);
        }

        @Override
        public org.nd4j.linalg.api.ndarray.INDArray[] firstFeatures() {
            MultiDataSet batch = first();
            if (batch == null) {
                return null;
            }
            org.nd4j.linalg.api.ndarray.INDArray[] features = new org.nd4j.linalg.api.ndarray.INDArray[batch.numFeatureArrays()];
            for (int i = 0; i < features.length; i++) {
                features[i] = batch.getFeatures(i).dup();
            }
            return features;
        }

        @Override
        public long[] firstFeatureShape() {
            MultiDataSet batch = first();
            return batch == null || batch.numFeatureArrays() == 0 ? null : batch.getFeatures(0).shape();
        }

        @Override
        public long labelWidth() {
            MultiDataSet batch = first();
            boolean matrix = batch != null && batch.numLabelsArrays() > 0 && batch.getLabels(0).rank() == 2;
            return matrix ? batch.getLabels(0).size(1) : -1;
        }

        @Override
        public DataSetIterator dataSetIterator() {
            throw new IllegalStateException("a custom metric reads a DataSetIterator, but the validation data is a"
                    + " MultiDataSetIterator");
        }
    }

    private static void reset(DataSetIterator it) {
        if (it.resetSupported()) {
            it.reset();
        } else if (!it.hasNext()) {
            throw new IllegalStateException(it.getClass().getName() + " is exhausted and cannot be reset; the"
                    + " tuner passes over the data once per epoch, so give an iterator that supports reset()");
        }
    }

    private static void reset(MultiDataSetIterator it) {
        if (it.resetSupported()) {
            it.reset();
        } else if (!it.hasNext()) {
            throw new IllegalStateException(it.getClass().getName() + " is exhausted and cannot be reset; the"
                    + " tuner passes over the data once per epoch, so give an iterator that supports reset()");
        }
    }
}
