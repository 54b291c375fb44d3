package org.dl4jtuner.models;

import java.util.Objects;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialPrunedException;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * A DL4J training listener for people who keep their own {@code fit} loop: at the end of every
 * epoch it evaluates the metric on the validation data, reports it to the trial, and stops the
 * fit by throwing {@link TrialPrunedException} when the study's pruner says so (the study records
 * the trial as PRUNED). A NaN or infinite loss or value fails the trial, as in {@link Dl4jObjective}.
 *
 * <pre>{@code
 * study.optimize(trial -> {
 *     MultiLayerNetwork net = myNetwork(trial.suggestFloat("learning_rate", 1e-4, 1e-1, true));
 *     TrialReporter reporter = new TrialReporter(trial, validationIterator, Metric.ACCURACY);
 *     net.addListeners(reporter);
 *     net.fit(trainIterator, 10);            // pruned trials stop here
 *     return reporter.bestValue();
 * }, 30);
 * }</pre>
 */
public final class TrialReporter extends BaseTrainingListener {
    private final Trial trial;
    private final Batches validation;
    private final Metric metric;
    private int epoch;
    private double lastValue = Double.NaN;
    private double bestValue = Double.NaN;

    /** A reporter evaluating {@code metric} on {@code validation} (reset before each evaluation). */
    public TrialReporter(Trial trial, DataSetIterator validation, Metric metric) {
        this(trial, Batches.of(Objects.requireNonNull(validation, "validation")), metric);
    }

    /** A reporter for a multi-input or multi-output {@code ComputationGraph}. */
    public TrialReporter(Trial trial, MultiDataSetIterator validation, Metric metric) {
        this(trial, Batches.of(Objects.requireNonNull(validation, "validation")), metric);
    }

    private TrialReporter(Trial trial, Batches validation, Metric metric) {
        this.trial = Objects.requireNonNull(trial, "trial");
        this.validation = validation;
        this.metric = Objects.requireNonNull(metric, "metric");
    }

    @Override
    public void onEpochEnd(Model model) {
        int current = ++epoch;
        EpochRules.requireFiniteLoss(model.score(), current);
        double value = MetricEvaluator.evaluate(model, validation, metric);
        EpochRules.requireFiniteValue(value, metric, current);
        lastValue = value;
        if (Double.isNaN(bestValue) || metric.direction().isBetter(value, bestValue)) {
            bestValue = value;
        }
        EpochRules.report(trial, current, value);
        EpochRules.pruneIfTold(trial, current, value, metric);
    }

    /** Epochs reported so far. */
    public int epochs() {
        return epoch;
    }

    /** The last epoch's value (NaN before the first epoch ends). */
    public double lastValue() {
        return lastValue;
    }

    /** The best value reported so far (NaN before the first epoch ends). */
    public double bestValue() {
        return bestValue;
    }
}
