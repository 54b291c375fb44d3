package org.dl4jtuner.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.util.Requires;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One trial's {@link SecondaryMetric}s as the epoch loop measures them, and what it tells the
 * trial after each epoch: its constraints ({@link MetricConstraint}s, set before the values are
 * reported so that a pruner sees both) and, in a multi-objective study, the vector of the
 * validation value followed by the secondary metrics. The sizes and the latency are measured
 * once (before the first epoch in the engine, at the end of it in {@link TrialReporter}); the
 * training time grows with every epoch. The one place where either measures, validates the
 * constraints and names the objectives.
 */
final class TrialMeasures {
    /** Trial user attribute: the secondary metrics measured, by name. */
    static final String ATTR = Dl4jObjective.SECONDARY_METRICS_ATTR;

    private final Metric metric;
    private final List<SecondaryMetric> objectives;
    private final List<MetricConstraint> constraints;
    private final Map<SecondaryMetric, Double> known = new LinkedHashMap<>();
    private double trainSeconds;

    /**
     * Measures what the objectives and constraints need of a freshly built (or restored) network.
     *
     * @param measured the secondary metrics to measure (objectives and constrained ones)
     * @param features the first validation batch's features, for the latency, or null when it is not measured
     * @param memory   the network's memory estimate, or null when it is not measured
     */
    TrialMeasures(Metric metric, List<SecondaryMetric> objectives, List<MetricConstraint> constraints,
            Set<SecondaryMetric> measured, Model net, INDArray[] features, MemoryEstimate memory) {
        this.metric = metric;
        this.objectives = objectives;
        this.constraints = constraints;
        if (measured.contains(SecondaryMetric.PARAMETERS)) {
            known.put(SecondaryMetric.PARAMETERS, (double) parameters(net));
        }
        if (measured.contains(SecondaryMetric.MEMORY_MB) && memory != null) {
            known.put(SecondaryMetric.MEMORY_MB, memory.bytes() / (1024.0 * 1024.0));
        }
        if (measured.contains(SecondaryMetric.LATENCY_MS) && features != null) {
            known.put(SecondaryMetric.LATENCY_MS, LatencyProbe.medianMillis(net, features));
        }
    }

    /**
     * Secondary objectives as given to a builder: distinct and not null (IllegalArgumentException
     * naming {@code secondaryMetrics} and what was given otherwise).
     */
    static List<SecondaryMetric> objectives(SecondaryMetric... metrics) {
        Objects.requireNonNull(metrics, "metrics");
        Requires.argument(Arrays.stream(metrics).distinct().count() == metrics.length
                && Arrays.stream(metrics).noneMatch(Objects::isNull),
                () -> "secondaryMetrics must be distinct and not null, but got " + Arrays.toString(metrics));
        return List.of(metrics);
    }

    /**
     * The secondary metrics a trial measures: the objectives and every constrained one. A constraint
     * on anything but the metric or a secondary metric is an IllegalArgumentException naming both.
     */
    static Set<SecondaryMetric> measured(Metric metric, List<SecondaryMetric> objectives,
            List<MetricConstraint> constraints) {
        Set<SecondaryMetric> measured = EnumSet.noneOf(SecondaryMetric.class);
        measured.addAll(objectives);
        for (MetricConstraint c : constraints) {
            Requires.argument(c.metric().equals(metric.id()) || SecondaryMetric.isSecondary(c.metric()),
                    () -> "constraint " + c + ": " + c.metric() + " is not measured; constrain the metric ("
                            + metric.id() + ") or one of " + SecondaryMetric.names());
            if (SecondaryMetric.isSecondary(c.metric())) {
                measured.add(SecondaryMetric.of(c.metric()));
            }
        }
        return measured;
    }

    /** The objectives' names: the metric's id, then each secondary metric's. */
    static List<String> objectiveNames(Metric metric, List<SecondaryMetric> objectives) {
        List<String> names = new ArrayList<>();
        names.add(metric.id());
        objectives.forEach(m -> names.add(m.id()));
        return List.copyOf(names);
    }

    /** The objectives' directions: the metric's, then each secondary metric's. */
    static List<Direction> directions(Metric metric, List<SecondaryMetric> objectives) {
        List<Direction> directions = new ArrayList<>();
        directions.add(metric.direction());
        objectives.forEach(m -> directions.add(m.direction()));
        return List.copyOf(directions);
    }

    /**
     * Measures what {@code measured} needs of a network (before its first epoch in the engine),
     * or returns null when nothing is measured: its memory estimate with training batches of
     * {@code trainingFeatureShape} (null when unknown) and its latency over the first validation
     * batch, read only when the latency is measured.
     */
    static TrialMeasures of(Metric metric, List<SecondaryMetric> objectives, List<MetricConstraint> constraints,
            Set<SecondaryMetric> measured, Model net, long[] trainingFeatureShape, Supplier<INDArray[]> validationFeatures) {
        if (measured.isEmpty()) {
            return null;
        }
        MemoryEstimate memory = measured.contains(SecondaryMetric.MEMORY_MB)
                ? MemoryEstimate.of(configuration(net), trainingFeatureShape, 1) : null;
        INDArray[] features = measured.contains(SecondaryMetric.LATENCY_MS) ? validationFeatures.get() : null;
        return new TrialMeasures(metric, objectives, constraints, measured, net, features, memory);
    }

    private static NetworkConfiguration configuration(Model net) {
        return net instanceof MultiLayerNetwork m ? NetworkConfiguration.of(m.getLayerWiseConfigurations())
                : NetworkConfiguration.of(((ComputationGraph) net).getConfiguration());
    }

    private static long parameters(Model net) {
        return net instanceof MultiLayerNetwork m ? m.numParams() : ((ComputationGraph) net).numParams();
    }

    /** Adds seconds of fitting. */
    void addTraining(double seconds) {
        trainSeconds += seconds;
    }

    /** A secondary metric's value now. */
    double value(SecondaryMetric m) {
        return m == SecondaryMetric.TRAIN_SECONDS ? trainSeconds : known.getOrDefault(m, Double.NaN);
    }

    /** The validation value followed by each secondary objective's value now. */
    double[] vector(double validationValue) {
        double[] v = new double[1 + objectives.size()];
        v[0] = validationValue;
        for (int i = 0; i < objectives.size(); i++) {
            v[i + 1] = value(objectives.get(i));
        }
        return v;
    }

    /**
     * Sets the trial's constraints and measures (user attribute {@value #ATTR}) from the values now,
     * then reports the epoch: the vector when there are secondary objectives, else the value alone.
     */
    void report(Trial trial, int epoch, double validationValue) {
        update(trial, validationValue);
        if (objectives.isEmpty()) {
            trial.report(epoch, validationValue);
        } else {
            trial.report(epoch, vector(validationValue));
        }
    }

    /** Sets the trial's constraints and measures from the values now (the kept epoch's value at the end). */
    void update(Trial trial, double validationValue) {
        Map<String, Object> attr = new LinkedHashMap<>();
        known.forEach((m, v) -> attr.put(m.id(), v));
        attr.put(SecondaryMetric.TRAIN_SECONDS.id(), trainSeconds);
        trial.setUserAttr(ATTR, attr);
        if (constraints.isEmpty()) {
            return;
        }
        double[] c = new double[constraints.size()];
        for (int i = 0; i < c.length; i++) {
            MetricConstraint constraint = constraints.get(i);
            double value = constraint.metric().equals(metric.id()) ? validationValue
                    : value(SecondaryMetric.of(constraint.metric()));
            c[i] = constraint.violation(value);
        }
        trial.setConstraint(c);
    }
}
