package org.dl4jtuner.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.dl4jtuner.tuner.Budget;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.Objective;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialPrunedException;
import org.dl4jtuner.tuner.hyperband.Hyperband;
import org.dl4jtuner.tuner.hyperband.ResumableObjective;
import org.dl4jtuner.tuner.pruner.Pruner;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.Sampler;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.schedule.AdaptiveScheduler;

/**
 * The digits-mlp-lc tabular benchmark: 1,344 MLP configurations x 81 epochs of recorded validation
 * accuracy. A trial "trains" by reading its configuration's curve epoch by epoch, reporting each
 * epoch to the pruner; budget is counted in epochs. Ours and Optuna's (run by
 * {@code optuna_bench.py lc} in the same invocation) on the same table, 100 trials per seed, plus
 * our pruned variants given the epochs that 100 unpruned trials spend (8,100). {@code auto} runs as
 * a scheduler ({@link Study#optimizeResumable}: trials pause at rungs and resume), except in the
 * row {@code tpe+auto, stopping} ({@link Study#optimize}: trials stop) and {@code tpe+auto, stopping at
 * rungs} (the same, the rule asked at the scheduler's rungs only).
 */
public final class LearningCurveBenchmark {
    /** The digits-mlp-lc table's search space: its five index columns (the others are derived from them). */
    static final List<String> DIGITS_SPACE = List.of("lr_idx", "alpha_idx", "width_idx", "depth", "bs_idx");
    private static final List<String> OPTUNA = List.of("tpe+none", "random+none", "tpe+hyperband", "tpe+sha",
            "tpe+median", "random+hyperband", "random+sha");

    private final CurveTable table;
    private final int epochs;

    LearningCurveBenchmark(CurveTable table) {
        this.table = table;
        this.epochs = table.epochs();
    }

    /** The table at {@code path}: digits-mlp-lc searched by its indices, any other by all its parameter columns. */
    static CurveTable load(Path path) throws IOException {
        return CurveTable.load(path, path.toString().contains("digits-mlp-lc") ? DIGITS_SPACE : null);
    }

    /** One seed's run: epochs spent and the moments the best final accuracy improved. */
    record Run(long epochs, List<double[]> improvements, int trials) {
        double bestFinal() {
            return improvements.isEmpty() ? 0 : improvements.get(improvements.size() - 1)[1];
        }

        /** The best final accuracy among trials finished within the first {@code epochs} epochs. */
        double bestFinalAt(long epochs) {
            double best = 0;
            for (double[] i : improvements) {
                if (i[0] <= epochs) {
                    best = i[1];
                }
            }
            return best;
        }

        /** Epochs spent when the best final accuracy first reached target, or -1. */
        long epochsTo(double target) {
            for (double[] i : improvements) {
                if (i[1] >= target - 1e-9) {
                    return (long) i[0];
                }
            }
            return -1;
        }
    }

    public static void main(String[] args) throws Exception {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path dir = Path.of(System.getProperty("benchmarks.dir", "benchmarks"));
        Path table = args.length > 2 ? Path.of(args[2])
                : dir.resolveSibling("../shared/benchmarks/digits-mlp-lc/lc_table.csv.gz").normalize();
        if (!Files.isRegularFile(table)) {
            throw new IllegalArgumentException("learning-curve table not found at " + table
                    + "; pass its path as the third argument");
        }
        LearningCurveBenchmark bench = new LearningCurveBenchmark(load(table));
        int epochs = bench.epochs;
        long fullBudget = 100L * epochs;
        String full = String.format(Locale.ROOT, ", %,d epochs", fullBudget);
        Map<String, List<Run>> results = new LinkedHashMap<>();
        Path script = dir.resolve("optuna/optuna_bench.py");
        // "ours TARGET" skips Optuna (minutes) and takes the target as given, to iterate on our variants
        boolean oursOnly = args.length > 3 && args[3].equals("ours");
        for (String variant : oursOnly ? List.<String>of() : OPTUNA) {
            results.put("optuna " + variant, optuna(script, table, variant, seeds, trials));
        }
        double target = oursOnly ? Double.parseDouble(args[4]) : 0;
        for (List<Run> runs : results.values()) {
            target = Math.max(target, median(runs.stream().mapToDouble(Run::bestFinal).toArray()));
        }
        Map<String, Supplier<List<Run>>> ours = new LinkedHashMap<>();
        ours.put("tpe+none", () -> bench.study(Samplers::tpe, Pruners::none, Budget.trials(trials), seeds));
        ours.put("random+none", () -> bench.study(Samplers::random, Pruners::none, Budget.trials(trials), seeds));
        ours.put("gp+none", () -> bench.study(Samplers::gp, Pruners::none, Budget.trials(trials), seeds));
        ours.put("gp+hyperband", () -> bench.study(Samplers::gp, bench::hyperband,
                Budget.trials(trials), seeds));
        ours.put("gp+asha", () -> bench.study(Samplers::gp, bench::asha, Budget.trials(trials), seeds));
        ours.put("gp+auto", () -> bench.scheduled(Samplers::gp, Budget.trials(trials), seeds, () -> Pruners.auto(1, epochs)));
        ours.put("tpe+hyperband", () -> bench.study(Samplers::tpe, bench::hyperband,
                Budget.trials(trials), seeds));
        ours.put("tpe+asha", () -> bench.study(Samplers::tpe, bench::asha, Budget.trials(trials), seeds));
        ours.put("tpe+auto", () -> bench.scheduled(Samplers::tpe, Budget.trials(trials), seeds,
                () -> Pruners.auto(1, epochs)));
        ours.put("tpe+auto, stopping", () -> bench.study(Samplers::tpe, () -> Pruners.auto(1, epochs),
                Budget.trials(trials), seeds));
        // the stopping rule asked only where the scheduler asks it: at rungs 1, 3, 9, 27 (the last epoch is never stopped)
        ours.put("tpe+auto, stopping at rungs", () -> bench.study(Samplers::tpe, () -> atRungsOnly(
                (AdaptiveScheduler) Pruners.auto(1, epochs)), Budget.trials(trials), seeds));
        ours.put("random+auto", () -> bench.scheduled(Samplers::random, Budget.trials(trials), seeds,
                () -> Pruners.auto(1, epochs)));
        ours.put("tpe+curve bound", () -> bench.study(Samplers::tpe, () -> Pruners.curveBound(1, epochs),
                Budget.trials(trials), seeds));
        ours.put("tpe+median", () -> bench.study(Samplers::tpe, () -> Pruners.median(5, 0), Budget.trials(trials), seeds));
        ours.put("random+hyperband", () -> bench.study(Samplers::random, bench::hyperband,
                Budget.trials(trials), seeds));
        ours.put("bohb+hyperband", () -> bench.study(Samplers::bohb, bench::hyperband,
                Budget.trials(trials), seeds));
        ours.put("tpe+hyperband" + full, () -> bench.study(Samplers::tpe, bench::hyperband,
                Budget.steps(fullBudget), seeds));
        ours.put("bohb+hyperband" + full, () -> bench.study(Samplers::bohb, bench::hyperband,
                Budget.steps(fullBudget), seeds));
        ours.put("tpe+auto" + full, () -> bench.scheduled(Samplers::tpe, Budget.steps(fullBudget), seeds,
                () -> Pruners.auto(1, epochs)));
        ours.put("tpe+asha" + full, () -> bench.study(Samplers::tpe, bench::asha,
                Budget.steps(fullBudget), seeds));
        ours.put("tpe+promotion asha", () -> bench.promotion(Samplers::tpe, Budget.trials(trials), seeds));
        ours.put("tpe+promotion asha" + full, () -> bench.promotion(Samplers::tpe, Budget.steps(fullBudget), seeds));
        ours.put("synchronous Hyperband, random, 5 iterations", () -> bench.synchronous(Samplers::random, seeds));
        ours.put("synchronous Hyperband, BOHB, 5 iterations", () -> bench.synchronous(Samplers::bohb, seeds));
        // "ours TARGET REGEX" runs only our variants whose name matches REGEX
        String only = oursOnly && args.length > 5 ? args[5] : ".*";
        for (Map.Entry<String, Supplier<List<Run>>> e : ours.entrySet()) {
            if (!e.getKey().matches(only)) {
                continue;
            }
            results.put("ours " + e.getKey(), e.getValue().get());
        }
        long third = fullBudget / 3;
        long half = fullBudget / 2;
        System.out.printf(Locale.ROOT, "%s: %d seeds; target = Optuna's best median final validation"
                + " accuracy in this run = %.4f%n%n", table.toAbsolutePath().getParent().getFileName(), seeds, target);
        System.out.printf(Locale.ROOT, "| variant | trials | epochs spent | best final val acc after %,d epochs | after %,d"
                + " | at the end, median [Q1, Q3] | seeds reaching the target | epochs to the target, median |%n", third, half);
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Map.Entry<String, List<Run>> e : results.entrySet()) {
            List<Run> runs = e.getValue();
            double[] best = sorted(runs.stream().mapToDouble(Run::bestFinal).toArray());
            final double t = target;
            // seeds that never reach the target count as infinitely slow
            double[] toTarget = sorted(runs.stream().mapToDouble(r -> r.epochsTo(t) < 0 ? Double.POSITIVE_INFINITY
                    : r.epochsTo(t)).toArray());
            long reached = Arrays.stream(toTarget).filter(Double::isFinite).count();
            double medianToTarget = toTarget[(toTarget.length - 1) / 2];
            System.out.printf(Locale.ROOT, "| %s | %.0f | %,.0f | %.4f | %.4f | %.4f [%.4f, %.4f] | %d/%d | %s |%n",
                    e.getKey(), median(runs.stream().mapToDouble(Run::trials).toArray()),
                    median(runs.stream().mapToDouble(Run::epochs).toArray()),
                    median(runs.stream().mapToDouble(r -> r.bestFinalAt(third)).toArray()),
                    median(runs.stream().mapToDouble(r -> r.bestFinalAt(half)).toArray()),
                    median(best), SamplerBenchmark.quantile(best, 0.25), SamplerBenchmark.quantile(best, 0.75),
                    reached, runs.size(), Double.isFinite(medianToTarget)
                            ? String.format(Locale.ROOT, "%,.0f", medianToTarget) : "not reached by half");
        }
    }

    /** {@code auto}'s stopping rule, asked only at the epochs where its scheduler pauses trials. */
    private static Pruner atRungsOnly(AdaptiveScheduler auto) {
        List<Integer> rungs = auto.rungResources();
        return (study, trial) -> rungs.contains(trial.lastStep()) && auto.prune(study, trial);
    }

    private Pruner hyperband() {
        return Pruners.hyperband(1, epochs, 3);
    }

    private Pruner asha() {
        return Pruners.successiveHalving(1, epochs, 3);
    }

    List<Run> study(LongFunction<Sampler> sampler, Supplier<Pruner> pruner, Budget budget, int seeds) {
        List<Run> runs = new ArrayList<>();
        for (int seed = 0; seed < seeds; seed++) {
            Study study = Study.builder().direction(Direction.MAXIMIZE).sampler(sampler.apply(seed))
                    .pruner(pruner.get()).seed(seed).build();
            long[] spent = {0};
            List<double[]> improvements = new ArrayList<>();
            Objective objective = trial -> {
                double[] curve = curve(trial);
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    spent[0]++;
                    trial.report(epoch, curve[epoch - 1]);
                    if (epoch < epochs && trial.shouldPrune()) {
                        throw new TrialPrunedException("pruned at epoch " + epoch);
                    }
                }
                record(improvements, spent[0], curve[epochs - 1]);
                return curve[epochs - 1];
            };
            study.optimize(objective, budget);
            runs.add(new Run(spent[0], improvements, study.trials().size()));
        }
        return runs;
    }

    private List<Run> synchronous(LongFunction<Sampler> sampler, int seeds) {
        return resumable(sampler, seeds, (study, objective) ->
                Hyperband.builder().minResource(1).maxResource(epochs).eta(3).iterations(5).build().run(study, objective));
    }

    /** Promotion-based ASHA (trials pause at a rung and resume when promoted) under {@code budget}. */
    private List<Run> promotion(LongFunction<Sampler> sampler, Budget budget, int seeds) {
        return scheduled(sampler, budget, seeds, () -> Pruners.promotionAsha(1, epochs, 3));
    }

    /** A scheduler ({@link Study#optimizeResumable}: trials pause at rungs and resume) under {@code budget}. */
    private List<Run> scheduled(LongFunction<Sampler> sampler, Budget budget, int seeds, Supplier<Pruner> scheduler) {
        List<Run> runs = new ArrayList<>();
        for (int seed = 0; seed < seeds; seed++) {
            runs.addAll(resumable(sampler, seed, seed + 1,
                    (study, objective) -> study.optimizeResumable(objective, budget, 1), scheduler.get()));
        }
        return runs;
    }

    private List<Run> resumable(LongFunction<Sampler> sampler, int seeds,
            java.util.function.BiConsumer<Study, ResumableObjective> schedule) {
        return resumable(sampler, 0, seeds, schedule, Pruners.none());
    }

    /** Runs a schedule that continues configurations where they stopped (no epoch is read twice), seeds [from, to). */
    private List<Run> resumable(LongFunction<Sampler> sampler, int from, int to,
            java.util.function.BiConsumer<Study, ResumableObjective> schedule, Pruner pruner) {
        List<Run> runs = new ArrayList<>();
        for (int seed = from; seed < to; seed++) {
            Study study = Study.builder().direction(Direction.MAXIMIZE).sampler(sampler.apply(seed)).pruner(pruner)
                    .seed(seed).build();
            long[] spent = {0};
            Map<Integer, Integer> trained = new HashMap<>();
            List<double[]> improvements = new ArrayList<>();
            ResumableObjective objective = (trial, resource) -> {
                double[] curve = curve(trial);
                int done = trained.getOrDefault(trial.number(), 0);
                for (int epoch = done + 1; epoch <= resource; epoch++) {
                    spent[0]++;
                    trial.report(epoch, curve[epoch - 1]);
                }
                trained.put(trial.number(), resource);
                if (resource == epochs) {
                    record(improvements, spent[0], curve[epochs - 1]);
                }
                return curve[resource - 1];
            };
            schedule.accept(study, objective);
            runs.add(new Run(spent[0], improvements, study.trials().size()));
        }
        return runs;
    }

    private double[] curve(Trial trial) {
        return table.curve(trial).values();
    }

    private static void record(List<double[]> improvements, long spent, double finalAccuracy) {
        if (improvements.isEmpty() || finalAccuracy > improvements.get(improvements.size() - 1)[1]) {
            improvements.add(new double[] {spent, finalAccuracy});
        }
    }

    static List<Run> optuna(Path script, Path table, String variant, int seeds, int trials)
            throws IOException, InterruptedException {
        List<Run> runs = new ArrayList<>();
        for (JsonNode line : SamplerBenchmark.python(script, "lc", table.toString(), variant, Integer.toString(seeds),
                Integer.toString(trials))) {
            List<double[]> improvements = new ArrayList<>();
            for (JsonNode i : line.get("improvements")) {
                improvements.add(new double[] {i.get(0).asDouble(), i.get(1).asDouble()});
            }
            runs.add(new Run(line.get("epochs").asLong(), improvements, trials));
        }
        return runs;
    }

    /** The best final accuracy per seed of {@code trials} unpruned trials of {@code sampler} on the table. */
    static double[] bestFinals(Path table, LongFunction<Sampler> sampler, int seeds, int trials) throws IOException {
        return new LearningCurveBenchmark(load(table)).study(sampler, Pruners::none, Budget.trials(trials), seeds)
                .stream().mapToDouble(Run::bestFinal).toArray();
    }

    private static double[] sorted(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s;
    }

    private static double median(double[] values) {
        return values.length == 0 ? Double.NaN : SamplerBenchmark.quantile(sorted(values), 0.5);
    }
}
