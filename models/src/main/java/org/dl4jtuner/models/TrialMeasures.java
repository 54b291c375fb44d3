package org.dl4jtuner.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jtuner.tuner.Trial;

/**
 * One trial's {@link SecondaryMetric}s as the epoch loop measures them, and what it tells the
 * trial after each epoch: its constraints ({@link MetricConstraint}s, set before the values are
 * reported so that a pruner sees both) and, in a multi-objective study, the vector of the
 * validation value followed by the secondary metrics. The sizes and the latency are measured
 * once, before the first epoch; the training time grows with every epoch.
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
            java.util.Set<SecondaryMetric> measured, Model net, org.nd4j.linalg.api.ndarray.INDArray[] features,
            MemoryEstimate memory) {
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
