package org.dl4jtuner.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialPrunedException;
import org.nd4j.linalg.api.ndarray.INDArray;
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
 *
 * <p>For a multi-objective study, the {@link Builder} takes the same {@link SecondaryMetric}s and
 * {@link MetricConstraint}s as {@link Dl4jObjective.Builder}, measured by the same code: after
 * every epoch the trial gets the vector of the epoch's value and the secondary metrics (so a
 * Pareto pruner judges it) and its constraints; {@link #values()} is what the trial returns. The
 * sizes and the latency are measured once, at the end of the first epoch (they do not depend on
 * the weights); {@code train_seconds} sums the time from each epoch's start to its end, validation
 * excluded; {@code memory_mb} is estimated for the first training batch's shape.
 *
 * <pre>{@code
 * Study study = Study.builder().directions(Direction.MAXIMIZE, Direction.MINIMIZE).pruner(Pruners.paretoRung(1, 9, 3)).build();
 * study.optimize((MultiObjective) trial -> {
 *     MultiLayerNetwork net = myNetwork(trial);
 *     TrialReporter reporter = TrialReporter.builder(trial, validationIterator, Metric.ACCURACY)
 *             .secondaryMetrics(SecondaryMetric.PARAMETERS)                        // accuracy, parameters
 *             .constraint(MetricConstraint.parse("parameters", "<= 100000"))
 *             .build();
 *     net.addListeners(reporter);
 *     net.fit(trainIterator, 9);
 *     return reporter.values();
 * }, 30);
 * }</pre>
 */
public final class TrialReporter extends BaseTrainingListener {
    private final Trial trial;
    private final Batches validation;
    private final Metric metric;
    private final List<SecondaryMetric> secondaryMetrics;
    private final List<MetricConstraint> constraints;
    private final Set<SecondaryMetric> measured;
    private TrialMeasures measures;
    private long[] trainingFeatureShape;
    private long epochStart = System.nanoTime();
    private int epoch;
    private double lastValue = Double.NaN;
    private double bestValue = Double.NaN;

    /** A reporter evaluating {@code metric} on {@code validation} (reset before each evaluation). */
    public TrialReporter(Trial trial, DataSetIterator validation, Metric metric) {
        this(trial, Batches.of(Objects.requireNonNull(validation, "validation")), metric, List.of(), List.of());
    }

    /** A reporter for a multi-input or multi-output {@code ComputationGraph}. */
    public TrialReporter(Trial trial, MultiDataSetIterator validation, Metric metric) {
        this(trial, Batches.of(Objects.requireNonNull(validation, "validation")), metric, List.of(), List.of());
    }

    private TrialReporter(Trial trial, Batches validation, Metric metric, List<SecondaryMetric> secondaryMetrics,
            List<MetricConstraint> constraints) {
        this.trial = Objects.requireNonNull(trial, "trial");
        this.validation = validation;
        this.metric = Objects.requireNonNull(metric, "metric");
        this.secondaryMetrics = List.copyOf(secondaryMetrics);
        this.constraints = List.copyOf(constraints);
        this.measured = TrialMeasures.measured(metric, this.secondaryMetrics, this.constraints);
    }

    /** A builder of a reporter evaluating {@code metric} on {@code validation}, with secondary metrics and constraints. */
    public static Builder builder(Trial trial, DataSetIterator validation, Metric metric) {
        return new Builder(trial, Batches.of(Objects.requireNonNull(validation, "validation")), metric);
    }

    /** A builder for a multi-input or multi-output {@code ComputationGraph}. */
    public static Builder builder(Trial trial, MultiDataSetIterator validation, Metric metric) {
        return new Builder(trial, Batches.of(Objects.requireNonNull(validation, "validation")), metric);
    }

    @Override
    public void onEpochStart(Model model) {
        epochStart = System.nanoTime();
    }

    @Override
    public void iterationDone(Model model, int iteration, int epochOfModel) {
        if (trainingFeatureShape == null && measured.contains(SecondaryMetric.MEMORY_MB)) {
            INDArray features = model instanceof ComputationGraph g
                    ? (g.getInputs() == null || g.getInputs().length == 0 ? null : g.getInput(0)) : model.input();
            trainingFeatureShape = features == null ? null : features.shape();
        }
    }

    @Override
    public void onEpochEnd(Model model) {
        double trainingSeconds = (System.nanoTime() - epochStart) / 1e9;
        int current = ++epoch;
        EpochRules.requireFiniteLoss(model.score(), current);
        if (measures == null) {
            measures = TrialMeasures.of(metric, secondaryMetrics, constraints, measured, model, trainingFeatureShape,
                    validation::firstFeatures);
        }
        if (measures != null) {
            measures.addTraining(trainingSeconds);
        }
        double value = MetricEvaluator.evaluate(model, validation, metric);
        EpochRules.requireFiniteValue(value, metric, current);
        lastValue = value;
        if (Double.isNaN(bestValue) || metric.direction().isBetter(value, bestValue)) {
            bestValue = value;
        }
        if (measures != null) {
            measures.report(trial, current, value);
        } else {
            EpochRules.report(trial, current, value);
        }
        EpochRules.pruneIfTold(trial, current, value, metric);
        epochStart = System.nanoTime();
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

    /**
     * What a multi-objective trial returns: the {@link #bestValue()}, then each secondary metric's
     * value (in the order given; {@code train_seconds} of all epochs so far), matching
     * {@link #directions()}. Also sets the trial's constraints from these values, so that a
     * constraint on the metric judges the value returned. Without secondary metrics: the best value alone.
     *
     * @throws IllegalStateException before the first epoch ends
     */
    public double[] values() {
        if (epoch == 0) {
            throw new IllegalStateException("no epoch has ended yet, so there are no values: call values() after fit");
        }
        if (measures == null) {
            return new double[] {bestValue};
        }
        measures.update(trial, bestValue);
        return measures.vector(bestValue);
    }

    /** The objectives' names: the metric's id, then each secondary metric's. */
    public List<String> objectiveNames() {
        return TrialMeasures.objectiveNames(metric, secondaryMetrics);
    }

    /** The objectives' directions, as the study's {@code directions(...)} must give them. */
    public List<Direction> directions() {
        return TrialMeasures.directions(metric, secondaryMetrics);
    }

    /** Builder of a {@link TrialReporter} with secondary metrics and constraints. */
    public static final class Builder {
        private final Trial trial;
        private final Batches validation;
        private final Metric metric;
        private List<SecondaryMetric> secondaryMetrics = List.of();
        private final List<MetricConstraint> constraints = new ArrayList<>();

        private Builder(Trial trial, Batches validation, Metric metric) {
            this.trial = trial;
            this.validation = validation;
            this.metric = metric;
        }

        /** Secondary objectives after the metric, as in {@link Dl4jObjective.Builder#secondaryMetrics}. */
        public Builder secondaryMetrics(SecondaryMetric... metrics) {
            this.secondaryMetrics = TrialMeasures.objectives(metrics);
            return this;
        }

        /** A constraint the trial declares after every epoch, as in {@link Dl4jObjective.Builder#constraint}. */
        public Builder constraint(MetricConstraint constraint) {
            this.constraints.add(Objects.requireNonNull(constraint, "constraint"));
            return this;
        }

        /** Validates (a constraint on a value that is not measured is refused) and builds. */
        public TrialReporter build() {
            return new TrialReporter(trial, validation, metric, secondaryMetrics, constraints);
        }
    }
}
