package org.dl4jtuner.models;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dl4jtuner.datasets.Task;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.util.Requires;

/**
 * A validation metric: its name, whether larger or smaller is better, and the task it applies to.
 * The built-in ones are computed with ND4J's evaluation classes in one pass over the validation
 * data ({@link MetricEvaluator}); {@link #custom} computes anything else from the model and the
 * validation iterator.
 *
 * <pre>{@code
 * Metric auc = Metric.AUC;                                   // or Metric.of("auc") from a spec
 * Metric top3 = Metric.topK(3);                              // "top3_accuracy"
 * Metric balanced = Metric.custom("balanced_accuracy", Direction.MAXIMIZE,
 *         (model, validation) -> ((MultiLayerNetwork) model).evaluate(validation).balancedAccuracy());
 * }</pre>
 *
 * <p>F1, precision and recall follow ND4J's {@code Evaluation}: for two classes they are those of
 * class 1 (the positive class; 0 when undefined), for more they are macro-averaged, each over the
 * classes where it is defined: precision over the classes predicted at least once, recall over
 * the classes present in the labels, F1 (every class's own F1, averaged) over the classes where
 * both are defined. AUC is the area under the ROC curve, exact (no threshold binning, ties count
 * one half): binary for two classes, else the mean of the one-vs-all areas.
 */
public final class Metric {
    /** Fraction of examples classified correctly. */
    public static final Metric ACCURACY = builtIn("accuracy", Direction.MAXIMIZE, Task.CLASSIFICATION);
    /** F1 score (of class 1 for two classes, else the mean of the classes' F1 scores, see above). */
    public static final Metric F1 = builtIn("f1", Direction.MAXIMIZE, Task.CLASSIFICATION);
    /** Precision (of class 1 for two classes, else macro-averaged). */
    public static final Metric PRECISION = builtIn("precision", Direction.MAXIMIZE, Task.CLASSIFICATION);
    /** Recall (of class 1 for two classes, else macro-averaged). */
    public static final Metric RECALL = builtIn("recall", Direction.MAXIMIZE, Task.CLASSIFICATION);
    /** Area under the ROC curve: binary for two classes, else the mean one-vs-all area. */
    public static final Metric AUC = builtIn("auc", Direction.MAXIMIZE, Task.CLASSIFICATION);
    /** The network's loss (cross-entropy, MSE, ...), averaged over examples, regularisation excluded. */
    public static final Metric LOSS = builtIn("loss", Direction.MINIMIZE, null);
    /** Root mean squared error, averaged over targets. */
    public static final Metric RMSE = builtIn("rmse", Direction.MINIMIZE, Task.REGRESSION);
    /** Mean absolute error, averaged over targets. */
    public static final Metric MAE = builtIn("mae", Direction.MINIMIZE, Task.REGRESSION);
    /** Coefficient of determination, averaged over targets. */
    public static final Metric R2 = builtIn("r2", Direction.MAXIMIZE, Task.REGRESSION);

    private static final List<Metric> BUILT_IN = List.of(ACCURACY, F1, PRECISION, RECALL, AUC, LOSS, RMSE, MAE, R2);
    private static final Pattern TOP_K = Pattern.compile("top(\\d{1,3})_accuracy");

    private final String id;
    private final Direction direction;
    private final Task task;
    private final int topK;
    private final MetricFunction function;

    private Metric(String id, Direction direction, Task task, int topK, MetricFunction function) {
        this.id = id;
        this.direction = direction;
        this.task = task;
        this.topK = topK;
        this.function = function;
    }

    private static Metric builtIn(String id, Direction direction, Task task) {
        return new Metric(id, direction, task, 0, null);
    }

    /**
     * Top-k accuracy: the fraction of examples whose class is among the k most probable ones
     * (named {@code topK_accuracy}, e.g. {@code top5_accuracy}).
     */
    public static Metric topK(int k) {
        Requires.argument(k >= 1 && k <= 999, () -> "1 <= k <= 999 must hold for top-k accuracy, but got k=" + k);
        return k == 1 ? ACCURACY : new Metric("top" + k + "_accuracy", Direction.MAXIMIZE, Task.CLASSIFICATION, k, null);
    }

    /**
     * A metric of your own, computed after every epoch from the model (a {@code MultiLayerNetwork}
     * or {@code ComputationGraph}) and the validation iterator (reset before each call, with the
     * objective's normalizer applied to its batches).
     *
     * @param name      a name for reports: letters, digits, '_', '-' or '.'
     * @param direction whether larger or smaller is better
     */
    public static Metric custom(String name, Direction direction, MetricFunction function) {
        Requires.argument(name != null && name.matches("[A-Za-z0-9_.-]{1,64}"),
                () -> "a metric name must be 1 to 64 letters, digits, '_', '-' or '.', but got '" + name + "'");
        String key = name.toLowerCase(Locale.ROOT);
        Matcher top = TOP_K.matcher(key);
        boolean topK = top.matches();
        Requires.argument(BUILT_IN.stream().noneMatch(m -> m.id.equals(key)) && !topK,
                () -> "'" + name + "' names a built-in metric; use " + (topK ? "Metric.topK(" + top.group(1) + ")"
                        : "Metric." + key.toUpperCase(Locale.ROOT)) + " instead");
        return new Metric(name, Objects.requireNonNull(direction, "direction"), null, 0,
                Objects.requireNonNull(function, "function"));
    }

    /**
     * The built-in metric of a name such as {@code "accuracy"}, {@code "auc"} or {@code "top5_accuracy"};
     * IllegalArgumentException listing the names otherwise.
     */
    public static Metric of(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Metric m : BUILT_IN) {
            if (m.id.equals(key)) {
                return m;
            }
        }
        Matcher top = TOP_K.matcher(key);
        if (top.matches()) {
            return topK(Integer.parseInt(top.group(1)));
        }
        throw new IllegalArgumentException("metric must be one of " + names() + ", but got '" + name + "'");
    }

    /** The names {@link #of} accepts, {@code topK_accuracy} standing for every k. */
    public static List<String> names() {
        List<String> names = new java.util.ArrayList<>(BUILT_IN.stream().map(Metric::id).toList());
        names.add(names.indexOf("auc") + 1, "topK_accuracy");
        return names;
    }

    /** The built-in metrics that apply to a task (what a test-split summary reports). */
    public static List<Metric> forTask(Task task) {
        return BUILT_IN.stream().filter(m -> m.appliesTo(task)).toList();
    }

    /** Whether larger or smaller is better. */
    public Direction direction() {
        return direction;
    }

    /** Whether the metric applies to a task (a custom metric or the loss applies to every task). */
    public boolean appliesTo(Task t) {
        return task == null || task == t;
    }

    /** The task this metric needs, or null when it applies to every task. */
    public Task task() {
        return task;
    }

    /** The name used in specs and reports, e.g. {@code "accuracy"}. */
    public String id() {
        return id;
    }

    /** Whether this metric is computed by a function of the user's. */
    public boolean isCustom() {
        return function != null;
    }

    /** The k of a top-k accuracy, 0 for other metrics. */
    int topK() {
        return topK;
    }

    /** The user's function of a custom metric, else null. */
    MetricFunction function() {
        return function;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Metric m && m.id.equals(id) && m.direction == direction && Objects.equals(m.function, function);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return id;
    }
}
