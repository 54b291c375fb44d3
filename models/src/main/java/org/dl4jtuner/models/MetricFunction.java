package org.dl4jtuner.models;

import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * How a {@link Metric#custom custom metric} is computed from a trained model and the validation data.
 *
 * <pre>{@code
 * MetricFunction balanced = (model, validation) ->
 *         ((ComputationGraph) model).evaluate(validation).balancedAccuracy();
 * }</pre>
 */
@FunctionalInterface
public interface MetricFunction {
    /**
     * The metric's value.
     *
     * @param model      the {@code MultiLayerNetwork} or {@code ComputationGraph} being tuned
     * @param validation the validation batches, reset, normalized as the network is trained
     */
    double compute(Model model, DataSetIterator validation) throws Exception;
}
