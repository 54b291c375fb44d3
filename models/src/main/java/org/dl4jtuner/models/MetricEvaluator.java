package org.dl4jtuner.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jtuner.datasets.Task;
import org.nd4j.evaluation.IEvaluation;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.classification.ROC;
import org.nd4j.evaluation.classification.ROCMultiClass;
import org.nd4j.evaluation.regression.RegressionEvaluation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossHinge;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMultiLabel;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossSquaredHinge;

/**
 * Computes metrics of a {@code MultiLayerNetwork} or {@code ComputationGraph} over validation or
 * test batches with ND4J's evaluation classes: only what the metric needs, in one pass.
 *
 * <pre>{@code
 * double auc = MetricEvaluator.evaluate(graph, validationIterator, Metric.AUC);
 * }</pre>
 */
public final class MetricEvaluator {
    private MetricEvaluator() {
    }

    /** One metric of a model over an iterator (reset first). */
    public static double evaluate(Model model, DataSetIterator data, Metric metric) {
        return evaluate(model, Batches.of(data), metric);
    }

    /** One metric of a model over a multi-data iterator (reset first). */
    public static double evaluate(Model model, MultiDataSetIterator data, Metric metric) {
        return evaluate(model, Batches.of(data), metric);
    }

    static double evaluate(Model model, Batches data, Metric metric) {
        if (metric.isCustom()) {
            try {
                return metric.function().compute(model, data.dataSetIterator());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("custom metric " + metric.id() + " failed: " + e.getMessage(), e);
            }
        }
        if (metric.equals(Metric.LOSS)) {
            return loss(model, data);
        }
        if (metric.task() == Task.REGRESSION) {
            RegressionEvaluation r = data.evaluate(model, new RegressionEvaluation())[0];
            return metric.equals(Metric.RMSE) ? r.averagerootMeanSquaredError()
                    : metric.equals(Metric.MAE) ? r.averageMeanAbsoluteError() : r.averageRSquared();
        }
        if (metric.equals(Metric.AUC)) {
            return auc(model, data);
        }
        if (metric.topK() > 1) {
            return data.evaluate(model, new Evaluation((List<String>) null, metric.topK()))[0].topNAccuracy();
        }
        Evaluation e = data.evaluate(model, new Evaluation())[0];
        return metric.equals(Metric.ACCURACY) ? e.accuracy() : metric.equals(Metric.F1) ? e.f1()
                : metric.equals(Metric.PRECISION) ? e.precision() : e.recall();
    }

    /**
     * The loss averaged over examples without the regularisation penalty: DL4J's {@code score}
     * adds the same L1/L2/weight-decay term to every batch's mean loss, so it is subtracted once.
     */
    private static double loss(Model model, Batches data) {
        double penalty = model instanceof MultiLayerNetwork net ? net.calcRegularizationScore(true)
                : ((ComputationGraph) model).calcRegularizationScore(true);
        return data.loss(model) - penalty;
    }

    private static double auc(Model model, Batches data) {
        if (outputWidth(model) == 1) {
            return data.evaluate(model, new ROC(0))[0].calculateAUC();
        }
        ROCMultiClass roc = data.evaluate(model, new ROCMultiClass(0))[0];
        return outputWidth(model) == 2 ? roc.calculateAUC(1) : roc.calculateAverageAUC();
    }

    /** Every built-in metric that applies to the task, the loss included, in as few passes as it takes. */
    public static Map<Metric, Double> evaluateAll(Model model, DataSetIterator data, Task task) {
        return evaluateAll(model, Batches.of(data), task);
    }

    static Map<Metric, Double> evaluateAll(Model model, Batches data, Task task) {
        Map<Metric, Double> result = new LinkedHashMap<>();
        if (task == Task.CLASSIFICATION) {
            boolean single = outputWidth(model) == 1;
            IEvaluation[] all = data.evaluate(model, new Evaluation(), single ? new ROC(0) : new ROCMultiClass(0));
            Evaluation e = (Evaluation) all[0];
            result.put(Metric.ACCURACY, e.accuracy());
            result.put(Metric.F1, e.f1());
            result.put(Metric.PRECISION, e.precision());
            result.put(Metric.RECALL, e.recall());
            result.put(Metric.AUC, single ? ((ROC) all[1]).calculateAUC() : outputWidth(model) == 2
                    ? ((ROCMultiClass) all[1]).calculateAUC(1) : ((ROCMultiClass) all[1]).calculateAverageAUC());
        } else {
            RegressionEvaluation r = data.evaluate(model, new RegressionEvaluation())[0];
            result.put(Metric.RMSE, r.averagerootMeanSquaredError());
            result.put(Metric.MAE, r.averageMeanAbsoluteError());
            result.put(Metric.R2, r.averageRSquared());
        }
        result.put(Metric.LOSS, loss(model, data));
        return result;
    }

    /** Width of the (first) output layer: classes or targets. */
    static long outputWidth(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            return net.layerSize(net.getnLayers() - 1);
        }
        ComputationGraph graph = (ComputationGraph) model;
        return graph.layerSize(graph.getConfiguration().getNetworkOutputs().get(0));
    }

    /**
     * The task a network is built for, read from its (first) output layer's loss function:
     * cross-entropy, negative log-likelihood and hinge losses classify, the others regress; null
     * when the network has no output layer with a loss.
     */
    static Task taskOf(Model model) {
        Layer output = model instanceof MultiLayerNetwork net ? net.getOutputLayer()
                : ((ComputationGraph) model).getOutputLayer(0);
        ILossFunction loss = null;
        org.deeplearning4j.nn.conf.layers.Layer conf = output.conf().getLayer();
        if (conf instanceof org.deeplearning4j.nn.conf.layers.BaseOutputLayer o) {
            loss = o.getLossFn();
        } else if (conf instanceof org.deeplearning4j.nn.conf.layers.LossLayer l) {
            loss = l.getLossFn();
        }
        if (loss == null) {
            return null;
        }
        boolean classifies = loss instanceof LossMCXENT || loss instanceof LossNegativeLogLikelihood
                || loss instanceof LossBinaryXENT || loss instanceof LossSparseMCXENT || loss instanceof LossHinge
                || loss instanceof LossSquaredHinge || loss instanceof LossMultiLabel;
        return classifies ? Task.CLASSIFICATION : Task.REGRESSION;
    }
}
