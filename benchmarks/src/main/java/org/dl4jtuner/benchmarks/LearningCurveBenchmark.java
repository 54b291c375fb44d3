package org.dl4jtuner.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
import java.util.zip.GZIPInputStream;

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

/**
 * The digits-mlp-lc tabular benchmark: 1,344 MLP configurations x 81 epochs of recorded validation
 * accuracy. A trial "trains" by reading its configuration's curve epoch by epoch, reporting each
 * epoch to the pruner; budget is counted in epochs. Ours and Optuna's (run by
 * {@code optuna_bench.py lc} in the same invocation) on the same table, 100 trials per seed, plus
 * our pruned variants given the epochs that 100 unpruned trials spend (8,100).
 */
public final class LearningCurveBenchmark {
    private static final int EPOCHS = 81;
    private static final int FULL_BUDGET = 100 * EPOCHS;
    private static final List<String> OPTUNA = List.of("tpe+none", "random+none", "tpe+hyperband", "tpe+sha",
            "tpe+median", "random+hyperband", "random+sha");

    private final Map<String, double[]> curves;

    private LearningCurveBenchmark(Map<String, double[]> curves) {
        this.curves = curves;
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
        ours.put("gp+hyperband", () -> bench.study(Samplers::gp, LearningCurveBenchmark::hyperband,
                Budget.trials(trials), seeds));
        ours.put("tpe+hyperband", () -> bench.study(Samplers::tpe, LearningCurveBenchmark::hyperband,
                Budget.trials(trials), seeds));
        ours.put("tpe+asha", () -> bench.study(Samplers::tpe, LearningCurveBenchmark::asha, Budget.trials(trials), seeds));
        ours.put("tpe+auto", () -> bench.study(Samplers::tpe, () -> Pruners.auto(1, EPOCHS), Budget.trials(trials), seeds));
        ours.put("random+auto", () -> bench.study(Samplers::random, () -> Pruners.auto(1, EPOCHS), Budget.trials(trials),
                seeds));
        ours.put("tpe+median", () -> bench.study(Samplers::tpe, () -> Pruners.median(5, 0), Budget.trials(trials), seeds));
        ours.put("random+hyperband", () -> bench.study(Samplers::random, LearningCurveBenchmark::hyperband,
                Budget.trials(trials), seeds));
        ours.put("bohb+hyperband", () -> bench.study(Samplers::bohb, LearningCurveBenchmark::hyperband,
                Budget.trials(trials), seeds));
        ours.put("tpe+hyperband, 8,100 epochs", () -> bench.study(Samplers::tpe, LearningCurveBenchmark::hyperband,
                Budget.steps(FULL_BUDGET), seeds));
        ours.put("bohb+hyperband, 8,100 epochs", () -> bench.study(Samplers::bohb, LearningCurveBenchmark::hyperband,
                Budget.steps(FULL_BUDGET), seeds));
        ours.put("tpe+auto, 8,100 epochs", () -> bench.study(Samplers::tpe, () -> Pruners.auto(1, EPOCHS),
                Budget.steps(FULL_BUDGET), seeds));
        ours.put("tpe+asha, 8,100 epochs", () -> bench.study(Samplers::tpe, LearningCurveBenchmark::asha,
                Budget.steps(FULL_BUDGET), seeds));
        ours.put("synchronous Hyperband, random, 5 iterations", () -> bench.synchronous(Samplers::random, seeds));
        ours.put("synchronous Hyperband, BOHB, 5 iterations", () -> bench.synchronous(Samplers::bohb, seeds));
        for (Map.Entry<String, Supplier<List<Run>>> e : ours.entrySet()) {
            results.put("ours " + e.getKey(), e.getValue().get());
        }
        System.out.printf(Locale.ROOT, "digits-mlp-lc: %d seeds; target = Optuna's best median final validation"
                + " accuracy in this run = %.4f%n%n", seeds, target);
        System.out.println("| variant | trials | epochs spent | best final val acc after 2,700 epochs | after 4,050"
                + " | at the end, median [Q1, Q3] | seeds reaching the target | epochs to the target, median |");
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
                    median(runs.stream().mapToDouble(r -> r.bestFinalAt(2700)).toArray()),
                    median(runs.stream().mapToDouble(r -> r.bestFinalAt(4050)).toArray()),
                    median(best), SamplerBenchmark.quantile(best, 0.25), SamplerBenchmark.quantile(best, 0.75),
                    reached, runs.size(), Double.isFinite(medianToTarget)
                            ? String.format(Locale.ROOT, "%,.0f", medianToTarget) : "not reached by half");
        }
    }

    private static Pruner hyperband() {
        return Pruners.hyperband(1, EPOCHS, 3);
    }

    private static Pruner asha() {
        return Pruners.successiveHalving(1, EPOCHS, 3);
    }

    private List<Run> study(LongFunction<Sampler> sampler, Supplier<Pruner> pruner, Budget budget, int seeds) {
        List<Run> runs = new ArrayList<>();
        for (int seed = 0; seed < seeds; seed++) {
            Study study = Study.builder().direction(Direction.MAXIMIZE).sampler(sampler.apply(seed))
                    .pruner(pruner.get()).seed(seed).build();
            long[] spent = {0};
            List<double[]> improvements = new ArrayList<>();
            Objective objective = trial -> {
                double[] curve = curve(trial);
                for (int epoch = 1; epoch <= EPOCHS; epoch++) {
                    spent[0]++;
                    trial.report(epoch, curve[epoch - 1]);
                    if (epoch < EPOCHS && trial.shouldPrune()) {
                        throw new TrialPrunedException("pruned at epoch " + epoch);
                    }
                }
                record(improvements, spent[0], curve[EPOCHS - 1]);
                return curve[EPOCHS - 1];
            };
            study.optimize(objective, budget);
            runs.add(new Run(spent[0], improvements, study.trials().size()));
        }
        return runs;
    }

    private List<Run> synchronous(LongFunction<Sampler> sampler, int seeds) {
        List<Run> runs = new ArrayList<>();
        for (int seed = 0; seed < seeds; seed++) {
            Study study = Study.builder().direction(Direction.MAXIMIZE).sampler(sampler.apply(seed)).seed(seed).build();
            long[] spent = {0};
            Map<Integer, Integer> trained = new HashMap<>();
            List<double[]> improvements = new ArrayList<>();
            ResumableObjective objective = (trial, resource) -> {
                double[] curve = curve(trial);
                int from = trained.getOrDefault(trial.number(), 0);
                for (int epoch = from + 1; epoch <= resource; epoch++) {
                    spent[0]++;
                    trial.report(epoch, curve[epoch - 1]);
                }
                trained.put(trial.number(), resource);
                if (resource == EPOCHS) {
                    record(improvements, spent[0], curve[EPOCHS - 1]);
                }
                return curve[resource - 1];
            };
            Hyperband.builder().minResource(1).maxResource(EPOCHS).eta(3).iterations(5).build().run(study, objective);
            runs.add(new Run(spent[0], improvements, study.trials().size()));
        }
        return runs;
    }

    private double[] curve(Trial trial) {
        String key = trial.suggestInt("lr_idx", 0, 6) + "," + trial.suggestInt("alpha_idx", 0, 5) + ","
                + trial.suggestInt("width_idx", 0, 3) + "," + trial.suggestInt("depth", 1, 2) + ","
                + trial.suggestInt("bs_idx", 0, 3);
        return curves.get(key);
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

    private static Map<String, double[]> load(Path table) throws IOException {
        Map<String, double[]> curves = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(table)), StandardCharsets.UTF_8))) {
            List<String> header = Arrays.asList(r.readLine().split(","));
            int[] keyColumns = {header.indexOf("lr_idx"), header.indexOf("alpha_idx"), header.indexOf("width_idx"),
                header.indexOf("depth"), header.indexOf("bs_idx")};
            int epochColumn = header.indexOf("epoch");
            int accColumn = header.indexOf("val_acc");
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",");
                StringBuilder key = new StringBuilder();
                for (int c : keyColumns) {
                    key.append(key.length() == 0 ? "" : ",").append(f[c]);
                }
                curves.computeIfAbsent(key.toString(), k -> new double[EPOCHS])[Integer.parseInt(f[epochColumn]) - 1] =
                        Double.parseDouble(f[accColumn]);
            }
        }
        return curves;
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
