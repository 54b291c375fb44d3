package org.dl4jtuner.models;

import java.util.EnumMap;
import java.util.Map;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jtuner.datasets.LabeledData;
import org.dl4jtuner.datasets.Task;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.regression.RegressionEvaluation;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** Computes validation and test metrics of a network on a dataset, in mini-batches. */
public final class Evaluator {
    private static final int BATCH = 512;

    private Evaluator() {
    }

    /** Only the metric that is needed (one inference pass; two for LOSS with other metrics). */
    public static double evaluate(MultiLayerNetwork net, LabeledData data, Metric metric) {
        return switch (metric) {
            case LOSS -> loss(net, data);
            case ACCURACY, F1 -> {
                Evaluation e = net.evaluate(data.iterator(BATCH, 0));
                yield metric == Metric.ACCURACY ? e.accuracy() : e.f1();
            }
            case RMSE, MAE, R2 -> {
                RegressionEvaluation r = net.evaluateRegression(data.iterator(BATCH, 0));
                yield metric == Metric.RMSE ? r.averagerootMeanSquaredError()
                        : metric == Metric.MAE ? r.averageMeanAbsoluteError() : r.averageRSquared();
            }
        };
    }

    /** Every metric that applies to the data's task. */
    public static Map<Metric, Double> evaluateAll(MultiLayerNetwork net, LabeledData data) {
        Map<Metric, Double> result = new EnumMap<>(Metric.class);
        if (data.task() == Task.CLASSIFICATION) {
            Evaluation e = net.evaluate(data.iterator(BATCH, 0));
            result.put(Metric.ACCURACY, e.accuracy());
            result.put(Metric.F1, e.f1());
        } else {
            RegressionEvaluation r = net.evaluateRegression(data.iterator(BATCH, 0));
            result.put(Metric.RMSE, r.averagerootMeanSquaredError());
            result.put(Metric.MAE, r.averageMeanAbsoluteError());
            result.put(Metric.R2, r.averageRSquared());
        }
        result.put(Metric.LOSS, loss(net, data));
        return result;
    }

    /** The loss averaged over examples (regularisation excluded). */
    public static double loss(MultiLayerNetwork net, LabeledData data) {
        return lossOf(net, data);
    }

    /** Every metric of the network saved in a DL4J model file (see {@code ModelSerializer}). */
    public static Map<Metric, Double> evaluateFile(java.nio.file.Path file, LabeledData data) {
        MultiLayerNetwork net;
        try {
            net = org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the network in " + file, e);
        }
        try {
            return evaluateAll(net, data);
        } finally {
            net.clear();
            NativeMemory.releaseAfterTrial();
        }
    }

    private static double lossOf(MultiLayerNetwork net, LabeledData data) {
        DataSetIterator it = data.iterator(BATCH, 0);
        double sum = 0;
        long n = 0;
        while (it.hasNext()) {
            DataSet batch = it.next();
            int size = batch.numExamples();
            sum += net.score((org.nd4j.linalg.dataset.DataSet) batch, false) * size;
            n += size;
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
