package org.dl4jtuner.cli.spec;

import static org.dl4jtuner.cli.spec.SpecKey.bool;
import static org.dl4jtuner.cli.spec.SpecKey.integer;
import static org.dl4jtuner.cli.spec.SpecKey.number;
import static org.dl4jtuner.cli.spec.SpecKey.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dl4jtuner.datasets.DataSource;
import org.dl4jtuner.models.Metric;
import org.dl4jtuner.tuner.strategy.StrategyDescription;
import org.dl4jtuner.tuner.strategy.StrategyRegistry;

/**
 * Every key a study spec accepts, declared once: per section here, and per sampler and pruner type
 * for their options in the core's {@link StrategyRegistry}, which this class turns into keys. The
 * parser takes its allowed keys from here and reads the sampler and pruner options (type, rule,
 * default) through these declarations; {@code docs/spec.md} documents each
 * one, which a test checks. The hyperparameters under {@code model.space} are declared in
 * {@link SpaceRules} with their rules, and their defaults come from the network families.
 *
 * <pre>{@code
 * SpecKeys.SAMPLER_OPTIONS.get("tpe");   // startup_trials, ei_candidates, multivariate, constant_liar, avoid_repeats
 * SpecKeys.all();                        // every key, qualified: study.trials, pruner.median.warmup_trials, ...
 * }</pre>
 */
public final class SpecKeys {
    private SpecKeys() {
    }

    /** The top-level sections. */
    public static final List<String> SECTIONS = List.of("study", "sampler", "pruner", "early_stopping", "data", "model");

    /** {@code study}: what is optimized and how long. */
    public static final List<SpecKey> STUDY = List.of(
            text("study.name", "the spec's file name without .yaml", "a non-empty string",
                    "the study's name in storage; runs with the same name and storage continue one study"),
            text("study.direction", "from the metric", "minimize or maximize",
                    "whether larger or smaller metric values are better; the metric's own direction unless given"),
            text("study.metric", "accuracy (rmse when data.task is regression)", "one of " + String.join(", ", Metric.names()),
                    "what each epoch reports on the validation split; topK_accuracy stands for top2_accuracy, top5_accuracy, ..."),
            text("study.seed", "42", "an integer", "seeds the sampler (unless sampler.seed), the data split and the networks"),
            integer("study.trials", "20 (with sampler grid: the number of grid points)", 1,
                    "trials the study holds in all, counting earlier runs on the same storage"),
            text("study.time_limit", "none", "a duration such as 90s, 30m, 2h or 1h30m, or seconds as a number > 0",
                    "no new trial starts after this time"),
            text("study.parallel", "1", "an integer >= 1, or auto", "trials trained at the same time; auto: one per"
                    + " core on the CPU (each with one OpenMP thread), trials_per_device per usable CUDA device"),
            integer("study.trials_per_device", 1, 1, "trials sharing one CUDA device (with parallel auto, and when"
                    + " trials are placed on devices); ignored on the CPU"),
            bool("study.reproducible", false, "false", "trial n is proposed and pruned only from the finished trials"
                    + " numbered below n - " + StudySection.REPRODUCIBLE_LAG + ", waiting for them, so the same seed gives"
                    + " the same trials with any parallelism"),
            text("study.stop_when", "none (run every trial)", "a map of no_improvement_trials, regret_bound and converged",
                    "ends the study early, when any of them says so: no new trial starts, running ones finish, and the"
                            + " run says why"),
            text("study.storage", "none (in memory)", "sqlite:PATH (relative to the spec), postgresql://USER:PASSWORD@HOST:PORT/DB"
                    + " or memory", "where trials are written as they happen, so a run can be resumed"),
            text("study.enqueue", "none", "a list of maps from a parameter model.space searches to a value its range"
                    + " holds; units: V (filters: V for a CNN) sets every layer, units_2: V one",
                    "configurations evaluated before any sampled one (once per study; left-out parameters are sampled)"),
            text("study.warm_start", "none", "a map with the keys below", "past studies of the same space: their best"
                    + " configurations run first and their trials prime the sampler"),
            text("study.metrics", "[study.metric]", "a list: a validation metric (as study.metric), then secondary"
                    + " metrics: parameters, latency_ms, train_seconds, memory_mb; not with study.metric",
                    "several objectives: the study looks for the Pareto front of them"),
            text("study.directions", "each metric's own direction (secondary metrics: minimize)", "a list of minimize"
                    + " or maximize, as long as study.metrics; not with study.direction",
                    "whether larger or smaller values of each metric are better"),
            text("study.constraints", "none", "a map from a measured value (a metric of study.metrics or a secondary"
                    + " metric) to an operator (<=, <, >=, >) and a number, such as parameters: \"<= 100000\"",
                    "trials that break a bound are infeasible: never on the Pareto front, ranked below feasible ones"));

    /** {@code study.warm_start}: the past studies a study starts from. */
    public static final List<SpecKey> WARM_START = List.of(
            text("study.warm_start.study", "- (required)", "a past study's name or a list of names",
                    "the past studies (same search space and direction)"),
            text("study.warm_start.storage", "study.storage", "a storage URL, as study.storage",
                    "where the past studies are stored"),
            integer("study.warm_start.top", org.dl4jtuner.tuner.Study.DEFAULT_WARM_START_TOP, 0,
                    "best configurations of each past study evaluated first, once per study (0: none)"),
            bool("study.warm_start.transfer", true, "true", "the sampler learns from the past trials: TPE lets them"
                    + " lead until a rank test finds them no better than random probes, then drops them, GP uses their model as its prior"
                    + " mean, CMA-ES starts at their best points; false only evaluates the top configurations"));

    /** {@code study.stop_when}: when a study ends before its trials are used up. */
    public static final List<SpecKey> STOP_WHEN = List.of(
            integer("study.stop_when.no_improvement_trials", (Integer) null, 1, "stop once this many trials have"
                    + " finished (complete or pruned) after the best one without beating it"),
            text("study.stop_when.regret_bound", "false", "true, false, or a map of noise, min_trials and region",
                    "stop when the Gaussian-process bound on what is left to gain (Makarova et al. 2022) falls"
                            + " below the metric's noise"),
            text("study.stop_when.converged", "false", "true, false, or a map of noise, min_trials, min_progress and"
                    + " confidence", "stop when the best trials are clearly better than the median one and a regret"
                            + " bound with a confidence scaled to the dimension falls below the metric's noise: the"
                            + " study is not expected to gain more than the noise anymore"));

    /** The {@code noise} key of a Gaussian-process terminator's map at {@code parent}. */
    private static SpecKey noiseKey(String parent) {
        return number(parent + ".noise", "the best trial's cross-validation error (data.folds), else the Gaussian"
                        + " process's fitted noise", 0, Double.POSITIVE_INFINITY, true, false,
                "the metric's noise as a standard deviation: the least difference worth another trial");
    }

    /** {@code study.stop_when.regret_bound} as a map. */
    public static final List<SpecKey> REGRET_BOUND = List.of(
            noiseKey("study.stop_when.regret_bound"),
            integer("study.stop_when.regret_bound.min_trials", StopWhenSpec.DEFAULT_MIN_TRIALS, 2,
                    "complete trials before the bound is computed"),
            text("study.stop_when.regret_bound.region", "best_trials", "best_trials or space",
                    "where the smallest lower bound is looked for: the box the best 10% of the trials span, or"
                            + " the whole space with the best half fitted (the paper's and Optuna's choice)"));

    /** {@code study.stop_when.converged} as a map. */
    public static final List<SpecKey> CONVERGED = List.of(
            noiseKey("study.stop_when.converged"),
            integer("study.stop_when.converged.min_trials", StopWhenSpec.DEFAULT_MIN_TRIALS, 2,
                    "complete trials before either test is made"),
            number("study.stop_when.converged.min_progress", StopWhenSpec.DEFAULT_MIN_PROGRESS,
                    Double.toString(StopWhenSpec.DEFAULT_MIN_PROGRESS), 0, Double.POSITIVE_INFINITY,
                    "noise standard deviations by which the best 10% of the trials must lie below the median trial"
                            + " beyond what noise alone explains, before the study may stop"),
            number("study.stop_when.converged.confidence", "min(1, (d / 6)^2) for d parameters", 0, 1, true, false,
                    "the scale of the regret bound's confidence width (1: the paper's)"));

    /** The sampler types, in the order messages list them (the core's {@link StrategyRegistry#samplerNames()}). */
    public static final List<String> SAMPLERS = StrategyRegistry.samplerNames();

    /** {@code sampler} keys every type takes (a sampler may also be written as its type alone: {@code sampler: tpe}). */
    public static final List<SpecKey> SAMPLER = List.of(
            text("sampler.type", "random", "one of " + String.join(", ", SAMPLERS), "which sampler proposes hyperparameters"),
            text("sampler.seed", "study.seed", "an integer", "the sampler's own seed"));

    /** Each sampler type's options, as the core's {@link StrategyRegistry} declares them. */
    public static final Map<String, List<SpecKey>> SAMPLER_OPTIONS = options("sampler", StrategyRegistry.samplers());

    /**
     * The pruner types, in the order messages list them (the core's {@link StrategyRegistry#prunerNames()});
     * {@code successive_halving} is another name for {@code asha}.
     */
    public static final List<String> PRUNERS = StrategyRegistry.prunerNames();

    /** {@code pruner} keys every type takes (a pruner may also be written as its type alone: {@code pruner: median}). */
    public static final List<SpecKey> PRUNER = List.of(
            text("pruner.type", "none", "one of " + String.join(", ", PRUNERS), "which pruner stops hopeless trials"),
            integer("pruner.max_epochs", 10, 1, "epochs a trial trains at most (the largest rung for asha and hyperband)"));

    /** Each pruner type's options, as the core's {@link StrategyRegistry} declares them (asha's under asha only). */
    public static final Map<String, List<SpecKey>> PRUNER_OPTIONS = options("pruner", StrategyRegistry.pruners());

    /** {@code early_stopping}: per-trial early stopping; the trial keeps its best epoch. */
    public static final List<SpecKey> EARLY_STOPPING = List.of(
            integer("early_stopping.patience", (Integer) null, 1, "epochs without improvement before the trial stops"
                    + " (required when the section is given)"),
            number("early_stopping.min_delta", 0.0, "0", 0, Double.POSITIVE_INFINITY,
                    "the least change that counts as an improvement"));

    /** {@code data}: which data and how it is split. */
    public static final List<SpecKey> DATA = List.of(
            text("data.type", "-", "one of " + String.join(", ", DataSource.TYPES), "the kind of data (required)"),
            text("data.path", "fashion-mnist: Debian's dataset-fashion-mnist, then ~/.cache/dl4j-tuner, then a download;"
                    + " required for the others", "a file (csv) or folder, relative to the spec, or a file: URL; 'bundled'"
                    + " for the fashion-mnist subset in the jar; hdfs://, s3a:// and other Hadoop URLs with SparkStudy only"
                    + " (docs/spark.md)", "where the data is"),
            text("data.label", "- (required for csv)", "a column name or a 0-based column index; csv only",
                    "the column that holds the label"),
            text("data.task", "classification", "classification or regression (regression: csv only)",
                    "what the label is"),
            number("data.validation", DataSource.DEFAULT_VALIDATION, "0.2", 0, 1, true, true,
                    "the share of the training data held out for validation; not with folds"),
            number("data.test", 0.0, "0", 0, 1, false, true,
                    "the share held out as a test set; must be 0 for fashion-mnist, mnist and idx, which ship one;"
                            + " validation + test < 1"),
            number("data.subset", 1.0, "1", 0, 1, true, false,
                    "the share of the training data used (a cheaper, lower-fidelity study)"),
            bool("data.header", true, "true", "whether the CSV's first line names the columns; csv only"),
            text("data.delimiter", ",", "one character; csv only", "the CSV column separator"),
            integer("data.height", "- (required for images)", 1, "image height in pixels; images only"),
            integer("data.width", "- (required for images)", 1, "image width in pixels; images only"),
            integer("data.channels", "- (required for images)", 1, "1 (grey) or 3 (RGB); images only"),
            integer("data.folds", "1 (one train/validation split)", 2,
                    "k-fold cross-validation: k networks per trial, the reported value is their mean; not with validation"));

    /** The network families. */
    public static final List<String> MODELS = List.of("mlp", "cnn", "lstm", "custom");

    /** {@code model}: the network family and its search space. */
    public static final List<SpecKey> MODEL = List.of(
            text("model.type", "-", "one of " + String.join(", ", MODELS), "the network family (required)"),
            text("model.class", "- (required for custom)", "a Java class name implementing"
                    + " org.dl4jtuner.models.CustomNetwork; custom only", "your network class"),
            text("model.space", "{} (the family's defaults)", "a map from hyperparameter to a fixed value or a"
                    + " range: uniform, log_uniform, int or choice", "the search space"));

    /** Each registered strategy's options as keys of {@code section}, by the strategy's name (not its aliases). */
    private static <T> Map<String, List<SpecKey>> options(String section, List<StrategyDescription<T>> strategies) {
        Map<String, List<SpecKey>> m = new LinkedHashMap<>();
        for (StrategyDescription<T> d : strategies) {
            m.put(d.name(), d.options().stream().map(o -> SpecKey.of(section + "." + d.name(), o)).toList());
        }
        return Collections.unmodifiableMap(m);
    }

    /** Every key above, qualified, section by section (the {@code model.space} keys are in {@link SpaceRules}). */
    public static List<SpecKey> all() {
        List<SpecKey> all = new ArrayList<>(STUDY);
        all.addAll(STOP_WHEN);
        all.addAll(REGRET_BOUND);
        all.addAll(CONVERGED);
        all.addAll(WARM_START);
        all.addAll(SAMPLER);
        SAMPLER_OPTIONS.values().forEach(all::addAll);
        all.addAll(PRUNER);
        PRUNER_OPTIONS.values().forEach(all::addAll);
        all.addAll(EARLY_STOPPING);
        all.addAll(DATA);
        all.addAll(MODEL);
        return all;
    }

    /** The options of a sampler or pruner type: {@code options.get(type)}, with keys every type takes first. */
    static List<SpecKey> withCommon(List<SpecKey> common, Map<String, List<SpecKey>> options, String type) {
        List<SpecKey> keys = new ArrayList<>(common);
        keys.addAll(options.get(type));
        return keys;
    }
}
