package org.dl4jtuner.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import org.dl4jtuner.tuner.Budget;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialPrunedException;
import org.dl4jtuner.tuner.pruner.Pruner;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.Sampler;
import org.dl4jtuner.tuner.sampler.Samplers;

/**
 * A quicker companion of {@link LearningCurveBenchmark} for comparing ways of letting the GP sampler
 * learn from pruned trials: replays a learning-curve table with only the variants named on the
 * command line and prints the same columns (seeds reaching the target, epochs to it) plus the wall
 * time of each variant.
 *
 * <pre>{@code
 * java -cp ... org.dl4jtuner.benchmarks.GpFidelityBenchmark TABLE SEEDS TRIALS TARGET gp+hyperband,gp+asha
 * }</pre>
 */
public final class GpFidelityBenchmark {
    private GpFidelityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            throw new IllegalArgumentException("usage: GpFidelityBenchmark TABLE SEEDS TRIALS TARGET VARIANT[,VARIANT...]"
                    + " (VARIANT: SAMPLER+PRUNER, sampler tpe|random|gp, pruner none|hyperband|asha|auto|median)");
        }
        CurveTable table = LearningCurveBenchmark.load(Path.of(args[0]));
        int seeds = Integer.parseInt(args[1]);
        int trials = Integer.parseInt(args[2]);
        double target = Double.parseDouble(args[3]);
        int epochs = table.epochs();
        System.out.printf(Locale.ROOT, "%s: %d seeds x %d trials, target %.5f%n%n", args[0], seeds, trials, target);
        System.out.println("| variant | epochs spent | best final, median | seeds reaching the target |"
                + " epochs to the target, median | distinct configurations, median | seconds |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String variant : args[4].split(",")) {
            String[] parts = variant.split("\\+");
            LongFunction<Sampler> sampler = sampler(parts[0]);
            Supplier<Pruner> pruner = pruner(parts[1], epochs);
            long start = System.nanoTime();
            List<LearningCurveBenchmark.Run> runs = new ArrayList<>();
            double[] distinct = new double[seeds];
            for (int seed = 0; seed < seeds; seed++) {
                Set<Map<String, Object>> configurations = new HashSet<>();
                runs.add(run(table, sampler.apply(seed), pruner.get(), seed, trials, configurations));
                distinct[seed] = configurations.size();
            }
            Arrays.sort(distinct);
            double seconds = (System.nanoTime() - start) / 1e9;
            double[] toTarget = runs.stream().mapToDouble(r -> r.epochsTo(target) < 0 ? Double.POSITIVE_INFINITY
                    : r.epochsTo(target)).sorted().toArray();
            long reached = Arrays.stream(toTarget).filter(Double::isFinite).count();
            double median = toTarget[(toTarget.length - 1) / 2];
            double[] best = runs.stream().mapToDouble(LearningCurveBenchmark.Run::bestFinal).sorted().toArray();
            double[] spent = runs.stream().mapToDouble(LearningCurveBenchmark.Run::epochs).sorted().toArray();
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %.4f | %d/%d | %s | %.0f | %.0f |%n", variant,
                    SamplerBenchmark.quantile(spent, 0.5), SamplerBenchmark.quantile(best, 0.5), reached, seeds,
                    Double.isFinite(median) ? String.format(Locale.ROOT, "%,.0f", median) : "not reached by half",
                    SamplerBenchmark.quantile(distinct, 0.5), seconds);
        }
    }

    private static LongFunction<Sampler> sampler(String name) {
        return switch (name) {
            case "tpe" -> Samplers::tpe;
            case "random" -> Samplers::random;
            case "gp" -> Samplers::gp;
            default -> throw new IllegalArgumentException("unknown sampler '" + name + "'");
        };
    }

    private static Supplier<Pruner> pruner(String name, int epochs) {
        return switch (name) {
            case "none" -> Pruners::none;
            case "hyperband" -> () -> Pruners.hyperband(1, epochs, 3);
            case "asha" -> () -> Pruners.successiveHalving(1, epochs, 3);
            case "auto" -> () -> Pruners.auto(1, epochs);
            case "median" -> () -> Pruners.median(5, 0);
            default -> throw new IllegalArgumentException("unknown pruner '" + name + "'");
        };
    }

    private static LearningCurveBenchmark.Run run(CurveTable table, Sampler sampler, Pruner pruner, long seed,
            int trials, Set<Map<String, Object>> configurations) {
        int epochs = table.epochs();
        Study study = Study.builder().direction(Direction.MAXIMIZE).sampler(sampler).pruner(pruner).seed(seed).build();
        long[] spent = {0};
        List<double[]> improvements = new ArrayList<>();
        study.optimize(trial -> {
            double[] curve = table.curve(trial).values();
            for (int epoch = 1; epoch <= epochs; epoch++) {
                spent[0]++;
                trial.report(epoch, curve[epoch - 1]);
                if (epoch < epochs && trial.shouldPrune()) {
                    throw new TrialPrunedException("pruned at epoch " + epoch);
                }
            }
            double last = curve[epochs - 1];
            if (improvements.isEmpty() || last > improvements.get(improvements.size() - 1)[1]) {
                improvements.add(new double[] {spent[0], last});
            }
            return last;
        }, Budget.trials(trials));
        study.trials().forEach(t -> configurations.add(t.params()));
        return new LearningCurveBenchmark.Run(spent[0], improvements, study.trials().size());
    }
}
