package org.dl4jtuner.cli.spec;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.dl4jtuner.tuner.Direction;

/**
 * The {@code study} section.
 *
 * @param name            study name
 * @param direction       minimize or maximize
 * @param metric          accuracy, f1, loss, rmse, mae or r2
 * @param seed            study seed
 * @param trials          trials to run
 * @param timeLimit       stop starting trials after this long, or null
 * @param parallel        trials at a time, or {@link #AUTO_PARALLEL}: the run chooses from the machine
 * @param storage         storage URL, or null for memory
 * @param trialsPerDevice trials that share one CUDA device (parallel auto counts them; ignored on the CPU)
 * @param reproducible    whether trial n is proposed and pruned only from trials numbered below n minus
 *                        {@link #REPRODUCIBLE_LAG}, so any parallelism gives the same trials
 * @param enqueue         configurations (trial parameters) evaluated before any sampled one, once per study
 * @param warmStart       past studies to warm-start from, or null
 * @param stopWhen        when the study ends before its trials are used up ({@link StopWhenSpec#NONE}: never)
 * @param metrics         the objectives: {@code metric} first, then secondary metrics (parameters, latency_ms,
 *                        train_seconds, memory_mb); one element for a single-objective study
 * @param directions      one direction per metric
 * @param constraints     bounds on measured values by name, as {@code "<= 100000"} (empty for none), in spec order
 */
public record StudySection(String name, Direction direction, String metric, long seed, int trials, Duration timeLimit,
        int parallel, String storage, int trialsPerDevice, boolean reproducible, List<Map<String, Object>> enqueue,
        WarmStartSpec warmStart, StopWhenSpec stopWhen, List<String> metrics, List<Direction> directions,
        Map<String, String> constraints) {
    /** {@code parallel: auto}: one trial per core on the CPU, {@code trials_per_device} per usable CUDA device. */
    public static final int AUTO_PARALLEL = 0;
    /** The lag of a reproducible study: trial n sees the finished trials numbered below n - 4. */
    public static final int REPRODUCIBLE_LAG = org.dl4jtuner.tuner.Study.DEFAULT_REPRODUCIBLE_LAG;

    /**
     * Copies the configurations; a null {@code stopWhen} is {@link StopWhenSpec#NONE}, null
     * {@code metrics} and {@code directions} are the single {@code metric} and {@code direction}, null
     * {@code constraints} none.
     */
    public StudySection {
        enqueue = enqueue == null ? List.of() : enqueue.stream().map(Map::copyOf).toList();
        stopWhen = stopWhen == null ? StopWhenSpec.NONE : stopWhen;
        metrics = metrics == null ? List.of(metric) : List.copyOf(metrics);
        directions = directions == null ? List.of(direction) : List.copyOf(directions);
        constraints = constraints == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(constraints));
    }

    /** A single-objective section without constraints. */
    public StudySection(String name, Direction direction, String metric, long seed, int trials, Duration timeLimit,
            int parallel, String storage, int trialsPerDevice, boolean reproducible, List<Map<String, Object>> enqueue,
            WarmStartSpec warmStart, StopWhenSpec stopWhen) {
        this(name, direction, metric, seed, trials, timeLimit, parallel, storage, trialsPerDevice, reproducible, enqueue,
                warmStart, stopWhen, null, null, null);
    }

    /** Whether the study has more than one objective ({@code study.metrics} with two or more). */
    public boolean isMultiObjective() {
        return metrics.size() > 1;
    }

    /** A section that enqueues nothing, has no warm start and never stops early. */
    public StudySection(String name, Direction direction, String metric, long seed, int trials, Duration timeLimit,
            int parallel, String storage, int trialsPerDevice, boolean reproducible) {
        this(name, direction, metric, seed, trials, timeLimit, parallel, storage, trialsPerDevice, reproducible,
                List.of(), null, StopWhenSpec.NONE);
    }

    /** A section with one trial per device, no reproducibility rule, nothing enqueued and no warm start. */
    public StudySection(String name, Direction direction, String metric, long seed, int trials, Duration timeLimit,
            int parallel, String storage) {
        this(name, direction, metric, seed, trials, timeLimit, parallel, storage, 1, false);
    }

    /** Whether the run chooses the parallelism ({@code parallel: auto}). */
    public boolean autoParallel() {
        return parallel == AUTO_PARALLEL;
    }
}
