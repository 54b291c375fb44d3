package org.dl4jtuner.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;

import org.dl4jtuner.datasets.Task;
import org.dl4jtuner.models.Family;
import org.dl4jtuner.models.HyperParameters;
import org.dl4jtuner.models.NetworkFactory;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.MultiObjective;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialPrunedException;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.pareto.Dominance;
import org.dl4jtuner.tuner.pareto.Hypervolume;
import org.dl4jtuner.tuner.pruner.Pruner;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.Sampler;
import org.dl4jtuner.tuner.sampler.Samplers;

/**
 * Multi-objective pruning on real learning curves: the Fashion-MNIST CNN table
 * ({@code fashion-cnn-lc/lc_table.csv.gz}, 128 configurations x 27 epochs of recorded DL4J
 * training) replayed as a study of validation accuracy (maximized) against the network's parameter
 * count (minimized), which {@link NetworkFactory} gives exactly for each configuration without
 * training. Each trial reports {accuracy, parameters} after every epoch; {@code pareto_asha}
 * (min 1, max 27, eta 3) against no pruning, with the same sampler and seeds: epochs spent, and the
 * hypervolume of the complete trials' final values against the reference point (the lowest final
 * accuracy in the table, 1.1 x the largest parameter count).
 *
 * <pre>{@code
 * benchmarks/run mo-lc 20 60
 * }</pre>
 */
public final class MultiObjectiveLcBenchmark {
    private static final List<String> SPACE = List.of("learning_rate", "batch_size", "filters_1", "units", "dropout",
            "updater");

    private MultiObjectiveLcBenchmark() {
    }

    /** One study's outcome. */
    record Outcome(long epochs, double hypervolume, int complete) {
    }

    public static void main(String[] args) throws Exception {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Path file = args.length > 2 ? Path.of(args[2])
                : Path.of(System.getProperty("benchmarks.dir", "benchmarks"), "fashion-cnn-lc", "lc_table.csv.gz");
        CurveTable table = CurveTable.load(file, SPACE);
        Map<String, Long> sizes = new HashMap<>();
        double[] reference = {Double.NEGATIVE_INFINITY, 0};
        for (Map<String, String> config : table.configurations()) {
            long size = parameters(config);
            sizes.put(config.get("filters_1") + "," + config.get("units"), size);
            reference[1] = Math.max(reference[1], 1.1 * size);
        }
        reference[0] = -table.minFinal();   // losses: accuracy negated
        System.out.printf(Locale.ROOT, "Fashion-MNIST CNN (%s), accuracy vs parameters, %d configurations x %d epochs,"
                + " %d trials, %d seeds; reference point: accuracy %.3f, parameters %.0f%n%n", file.getFileName(),
                table.size(), table.epochs(), trials, seeds, -reference[0], reference[1]);
        System.out.println("| sampler | pruner | epochs (median) | epochs vs none | hypervolume median [Q1, Q3] |"
                + " hypervolume vs none | complete trials (median) |");
        System.out.println("|---|---|---|---|---|---|---|");
        Map<String, LongFunction<Sampler>> samplers = new java.util.LinkedHashMap<>();
        samplers.put("random", Samplers::random);
        samplers.put("nsga2", Samplers::nsga2);
        for (Map.Entry<String, LongFunction<Sampler>> s : samplers.entrySet()) {
            Outcome[] none = new Outcome[seeds];
            Outcome[] pruned = new Outcome[seeds];
            for (int seed = 0; seed < seeds; seed++) {
                none[seed] = run(table, sizes, reference, s.getValue().apply(seed), Pruners.none(), trials);
                pruned[seed] = run(table, sizes, reference, s.getValue().apply(seed), Pruners.paretoRung(1, 27, 3),
                        trials);
            }
            row(s.getKey(), "none", none, none);
            row(s.getKey(), "pareto_asha", pruned, none);
        }
    }

    private static void row(String sampler, String pruner, Outcome[] outcomes, Outcome[] none) {
        double epochs = median(Arrays.stream(outcomes).mapToDouble(Outcome::epochs).toArray());
        double baseEpochs = median(Arrays.stream(none).mapToDouble(Outcome::epochs).toArray());
        double[] hv = Arrays.stream(outcomes).mapToDouble(Outcome::hypervolume).sorted().toArray();
        double baseHv = median(Arrays.stream(none).mapToDouble(Outcome::hypervolume).toArray());
        System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %.0f%% | %.4g [%.4g, %.4g] | %+.2f%% | %.0f |%n", sampler,
                pruner, epochs, 100 * epochs / baseEpochs, median(hv), quantile(hv, 0.25), quantile(hv, 0.75),
                100 * (median(hv) - baseHv) / baseHv, median(Arrays.stream(outcomes).mapToDouble(Outcome::complete)
                        .toArray()));
    }

    /** The parameter count of the table's CNN for a configuration (one 3x3 convolution block, 28x28x1 input, 10 classes). */
    static long parameters(Map<String, String> config) {
        HyperParameters hp = new HyperParameters(Double.parseDouble(config.get("learning_rate")),
                Integer.parseInt(config.get("batch_size")), List.of(Integer.parseInt(config.get("units"))),
                List.of(Integer.parseInt(config.get("filters_1"))), 3, Double.parseDouble(config.get("dropout")),
                config.get("updater"), 0, "relu");
        return NetworkFactory.build(Family.CNN, hp, new int[] {1, 28, 28}, 10, Task.CLASSIFICATION, 1).numParams();
    }

    private static Outcome run(CurveTable table, Map<String, Long> sizes, double[] reference, Sampler sampler,
            Pruner pruner, int trials) {
        Study study = Study.builder().directions(Direction.MAXIMIZE, Direction.MINIMIZE).sampler(sampler).pruner(pruner)
                .build();
        long[] epochs = {0};
        MultiObjective objective = trial -> {
            CurveTable.Curve curve = table.curve(trial);
            double size = sizes.get(trial.params().get("filters_1") + "," + trial.params().get("units"));
            for (int e = 1; e <= table.epochs(); e++) {
                epochs[0]++;
                trial.report(e, new double[] {curve.values()[e - 1], size});
                if (trial.shouldPrune()) {
                    throw new TrialPrunedException("pruned at epoch " + e);
                }
            }
            return new double[] {curve.values()[table.epochs() - 1], size};
        };
        study.optimize(objective, trials);
        List<double[]> losses = new ArrayList<>();
        for (FrozenTrial t : study.trials(TrialState.COMPLETE)) {
            losses.add(Dominance.losses(t, study.directions()));
        }
        return new Outcome(epochs[0], Hypervolume.of(losses, reference), losses.size());
    }

    private static double median(double[] values) {
        return quantile(Arrays.stream(values).sorted().toArray(), 0.5);
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
