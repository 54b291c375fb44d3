package org.dl4jtuner.models;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.dl4jtuner.tuner.Direction;

/**
 * What a trained network costs, measured by the engine beside its validation {@link Metric} so a
 * multi-objective study can trade one against the other. All are minimized.
 *
 * <ul>
 *   <li>{@code parameters}: the network's parameter count, known before training;</li>
 *   <li>{@code latency_ms}: the median time of one inference pass over the first validation batch,
 *       in milliseconds, timed {@value LatencyProbe#TIMED} times after {@value LatencyProbe#WARM_UP}
 *       warm-up passes, once per trial before the first epoch (inference time depends on the
 *       architecture, not on the weights, so it is known before training too);</li>
 *   <li>{@code train_seconds}: wall-clock seconds spent fitting, summed over the epochs so far;</li>
 *   <li>{@code memory_mb}: the {@link MemoryEstimate} of one network in MiB (parameters, gradients,
 *       updater state and one training batch's activations), known before training.</li>
 * </ul>
 *
 * <pre>{@code
 * Dl4jObjective objective = Dl4jObjective.builder()
 *         .multiLayer(trial -> myNetwork(trial))
 *         .train(trial -> trainIterator).validation(validationIterator)
 *         .metric(Metric.ACCURACY)
 *         .secondaryMetrics(SecondaryMetric.PARAMETERS)           // objectives: accuracy, parameters
 *         .constraint(MetricConstraint.parse("parameters", "<= 100000"))
 *         .build();
 * Study study = Study.builder().directions(objective.directions().toArray(Direction[]::new)).build();
 * study.optimize(objective.multiObjective(), 30);
 * }</pre>
 */
public enum SecondaryMetric {
    /** The network's parameter count. */
    PARAMETERS("parameters", true),
    /** Median inference time of one validation batch, in milliseconds. */
    LATENCY_MS("latency_ms", true),
    /** Wall-clock seconds of training so far. */
    TRAIN_SECONDS("train_seconds", false),
    /** Estimated memory of one network while training, in MiB. */
    MEMORY_MB("memory_mb", true);

    private final String id;
    private final boolean knownBeforeTraining;

    SecondaryMetric(String id, boolean knownBeforeTraining) {
        this.id = id;
        this.knownBeforeTraining = knownBeforeTraining;
    }

    /** The name in specs and reports: parameters, latency_ms, train_seconds or memory_mb. */
    public String id() {
        return id;
    }

    /** Smaller is better for all of them. */
    public Direction direction() {
        return Direction.MINIMIZE;
    }

    /** Whether the value is known before the first epoch (everything but {@code train_seconds}). */
    public boolean knownBeforeTraining() {
        return knownBeforeTraining;
    }

    /** The secondary metric of that name (case-insensitive). */
    public static SecondaryMetric of(String name) {
        for (SecondaryMetric m : values()) {
            if (m.id.equals(name == null ? null : name.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a secondary metric; use one of " + names());
    }

    /** Whether {@code name} names one. */
    public static boolean isSecondary(String name) {
        return Arrays.stream(values()).anyMatch(m -> m.id.equals(name));
    }

    /** Every secondary metric's name. */
    public static List<String> names() {
        return Arrays.stream(values()).map(SecondaryMetric::id).toList();
    }
}
