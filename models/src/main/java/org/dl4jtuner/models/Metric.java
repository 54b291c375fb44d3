package org.dl4jtuner.models;

import java.util.Locale;

import org.dl4jtuner.datasets.Task;
import org.dl4jtuner.tuner.Direction;

/** A validation metric: its direction and the task it applies to. */
public enum Metric {
    /** Fraction of examples classified correctly. */
    ACCURACY(Direction.MAXIMIZE, Task.CLASSIFICATION),
    /** Macro-averaged F1 score over classes. */
    F1(Direction.MAXIMIZE, Task.CLASSIFICATION),
    /** The network's loss (cross-entropy or MSE), averaged over examples. */
    LOSS(Direction.MINIMIZE, null),
    /** Root mean squared error, averaged over targets. */
    RMSE(Direction.MINIMIZE, Task.REGRESSION),
    /** Mean absolute error, averaged over targets. */
    MAE(Direction.MINIMIZE, Task.REGRESSION),
    /** Coefficient of determination, averaged over targets. */
    R2(Direction.MAXIMIZE, Task.REGRESSION);

    private final Direction direction;
    private final Task task;

    Metric(Direction direction, Task task) {
        this.direction = direction;
        this.task = task;
    }

    /** Whether larger or smaller is better. */
    public Direction direction() {
        return direction;
    }

    /** Whether the metric applies to a task. */
    public boolean appliesTo(Task t) {
        return task == null || task == t;
    }

    /** The metric of a name such as "accuracy". */
    public static Metric of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** The lower-case name used in specs and reports. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
