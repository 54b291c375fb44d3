package org.dl4jtuner.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.dl4jtuner.datasets.DataPreparation;
import org.dl4jtuner.datasets.DataSource;
import org.dl4jtuner.datasets.PreparedData;
import org.dl4jtuner.models.Dl4jObjective;
import org.dl4jtuner.models.Family;
import org.dl4jtuner.models.Metric;
import org.dl4jtuner.models.NetworkFactory;
import org.dl4jtuner.models.NetworkObjective;
import org.dl4jtuner.models.NetworkSpace;
import org.dl4jtuner.models.updater.AdamHd;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.TpeSampler;
import org.dl4jtuner.tuner.space.ParameterSpace;

/**
 * Tuned Adam against tuned Adam-HD (hypergradient descent on the learning rate) on the Fashion
 * CNN of {@code examples/fashion-cnn.yaml}: its bundled data (4,000 training, 1,000 validation,
 * 1,000 test images) and a fixed architecture from its space (one 3x3 convolution block of 16
 * filters, a dense layer of 64 units, batch 64, no dropout), so that only the updater differs. Each
 * arm is a TPE study (5 random start-up trials) of the same trials and epochs, unpruned, over the learning rate in
 * [1e-4, 1e-2] (the example's range) and, for Adam-HD, also the hypergradient learning rate in
 * [1e-9, 1e-5]; the two arms of a seed run side by side, one thread each. Then the family's
 * default network (learning rate 1e-3) is trained once with each updater (Adam-HD at the paper's
 * beta = 1e-7). Reported per arm, median over seeds: best validation accuracy, test accuracy of
 * the best network, epochs the study spent before a trial first reached the target (the lower of
 * the two tuned arms' median best validation accuracy), and the epoch at which the best trial
 * reached it; for Adam-HD, how the best trial's learning rate moved epoch by epoch.
 *
 * <pre>
 * benchmarks/run hypergradient [trials] [epochs] [seeds] [first-seed]     (defaults 14, 4, 1, 0)
 * </pre>
 */
public final class HypergradientBenchmark {
    private static final int BATCH = 64;
    /** Random trials before TPE models the results: 5 rather than 10, as the budget is a dozen or so trials. */
    private static final int STARTUP_TRIALS = 5;

    private HypergradientBenchmark() {
    }

    /** One arm's study for one seed. */
    record Outcome(String arm, long seed, List<FrozenTrial> trials, double test, String studyName) {
        FrozenTrial best() {
            return trials.stream().filter(t -> t.state() == TrialState.COMPLETE)
                    .max(Comparator.comparingDouble(FrozenTrial::value)).orElseThrow();
        }

        double bestValidation() {
            return best().value();
        }

        /** Epochs the study trained (trials in number order) until a trial first reported >= target; -1 if never. */
        long epochsTo(double target) {
            long spent = 0;
            for (FrozenTrial t : trials.stream().sorted(Comparator.comparingInt(FrozenTrial::number)).toList()) {
                for (Map.Entry<Integer, Double> e : t.intermediateValues().entrySet()) {
                    spent++;
                    if (e.getValue() >= target - 1e-9) {
                        return spent;
                    }
                }
            }
            return -1;
        }

        /** The first epoch at which the best trial reported >= target; -1 if never. */
        int bestTrialEpochTo(double target) {
            for (Map.Entry<Integer, Double> e : best().intermediateValues().entrySet()) {
                if (e.getValue() >= target - 1e-9) {
                    return e.getKey();
                }
            }
            return -1;
        }
    }

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 14;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int seeds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int firstSeed = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        Path work = Path.of(System.getProperty("benchmarks.dir", "benchmarks")).resolve("target/hypergradient");
        PreparedData data = DataPreparation.prepare(DataSource.bundledFashionMnist(), false, 42);
        Map<String, List<Outcome>> results = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int seed = firstSeed; seed < firstSeed + seeds; seed++) {
                final long s = seed;
                Future<Outcome> adam = pool.submit(() -> run("adam", tuned("adam"), trials, epochs, s, data, work));
                Future<Outcome> hd = pool.submit(() -> run(NetworkFactory.ADAM_HD, tuned(NetworkFactory.ADAM_HD),
                        trials, epochs, s, data, work));
                results.computeIfAbsent("adam, tuned", k -> new ArrayList<>()).add(adam.get());
                results.computeIfAbsent("adam-hd, tuned", k -> new ArrayList<>()).add(hd.get());
                Future<Outcome> adamDefault = pool.submit(() -> run("adam", fixed("adam"), 1, epochs, s, data, work));
                Future<Outcome> hdDefault = pool.submit(() -> run(NetworkFactory.ADAM_HD, fixed(NetworkFactory.ADAM_HD),
                        1, epochs, s, data, work));
                results.computeIfAbsent("adam, lr 1e-3", k -> new ArrayList<>()).add(adamDefault.get());
                results.computeIfAbsent("adam-hd, lr 1e-3, beta 1e-7", k -> new ArrayList<>()).add(hdDefault.get());
            }
        } finally {
            pool.shutdown();
        }
        double target = Math.min(median(results.get("adam, tuned").stream().mapToDouble(Outcome::bestValidation).toArray()),
                median(results.get("adam-hd, tuned").stream().mapToDouble(Outcome::bestValidation).toArray()));
        System.out.printf(Locale.ROOT, "%nFashion CNN (bundled subset; conv 16 + dense 64, batch %d), %d trials x %d"
                + " epochs per tuned arm (TPE, %d start-up trials, no pruner), %d seeds from %d; target = the lower tuned median best validation"
                + " accuracy = %.4f%n%n", BATCH, trials, epochs, STARTUP_TRIALS, seeds, firstSeed,
                target);
        System.out.println("| arm | trials x epochs | best val acc, median [min, max] | test acc of the best, median"
                + " | study epochs to the target, median | best trial's epoch at the target, median |");
        System.out.println("|---|---|---|---|---|---|");
        for (Map.Entry<String, List<Outcome>> e : results.entrySet()) {
            List<Outcome> runs = e.getValue();
            double[] best = runs.stream().mapToDouble(Outcome::bestValidation).sorted().toArray();
            System.out.printf(Locale.ROOT, "| %s | %d x %d | %.4f [%.4f, %.4f] | %.4f | %s | %s |%n", e.getKey(),
                    runs.get(0).trials().size(), epochs, median(best), best[0], best[best.length - 1],
                    median(runs.stream().mapToDouble(Outcome::test).toArray()),
                    reached(runs.stream().mapToDouble(r -> r.epochsTo(target)).toArray()),
                    reached(runs.stream().mapToDouble(r -> r.bestTrialEpochTo(target)).toArray()));
        }
        System.out.println();
        for (String arm : List.of("adam, tuned", "adam-hd, tuned")) {
            for (Outcome o : results.get(arm)) {
                FrozenTrial b = o.best();
                System.out.printf(Locale.ROOT, "%s, seed %d: best trial %d, val %.4f, test %.4f, params %s%s%n", arm,
                        o.seed(), b.number(), b.value(), o.test(), b.params(), rates(b));
            }
        }
        System.out.println();
        for (Outcome o : results.get("adam-hd, tuned")) {
            double[] ratios = o.trials().stream().filter(t -> t.state() == TrialState.COMPLETE)
                    .mapToDouble(HypergradientBenchmark::finalOverStart).filter(Double::isFinite).sorted().toArray();
            System.out.printf(Locale.ROOT, "adam-hd, seed %d: last epoch's rate / starting rate over %d trials: median"
                    + " %.3g, min %.3g, max %.3g%n", o.seed(), ratios.length, median(ratios), ratios[0],
                    ratios[ratios.length - 1]);
        }
        for (Outcome o : results.get("adam-hd, lr 1e-3, beta 1e-7")) {
            System.out.printf(Locale.ROOT, "adam-hd, lr 1e-3, beta 1e-7, seed %d:%s%n", o.seed(), rates(o.best()));
        }
    }

    /** The tuned arm's space: the learning rate, and beta for Adam-HD, over the fixed architecture. */
    static NetworkSpace tuned(String updater) {
        NetworkSpace.Builder b = architecture(updater).set("learning_rate", ParameterSpace.logUniform(1e-4, 1e-2));
        if (updater.equals(NetworkFactory.ADAM_HD)) {
            b.set("hypergradient_lr", ParameterSpace.logUniform(1e-9, 1e-5));
        }
        return b.build();
    }

    /** The default network: learning rate 1e-3 and, for Adam-HD, the paper's beta. */
    static NetworkSpace fixed(String updater) {
        return architecture(updater).fix("learning_rate", 1e-3)
                .fix("hypergradient_lr", AdamHd.DEFAULT_HYPERGRADIENT_LEARNING_RATE).build();
    }

    private static NetworkSpace.Builder architecture(String updater) {
        return NetworkSpace.builder(Family.CNN).fix("updater", updater).fix("batch_size", BATCH).fix("layers", 1)
                .fix("filters", 16).fix("kernel", 3).fix("units", 64).fix("dropout", 0.0);
    }

    private static Outcome run(String arm, NetworkSpace space, int trials, int epochs, long seed, PreparedData data,
            Path work) throws Exception {
        String name = arm + "-" + (trials == 1 ? "default" : "tuned") + "-seed" + seed;
        NetworkObjective objective = NetworkObjective.builder().space(space).data(data).metric(Metric.ACCURACY)
                .maxEpochs(epochs).workDir(work.resolve(name)).build();
        Study study = Study.builder().name(name).direction(Direction.MAXIMIZE).sampler(TpeSampler.builder(seed).startupTrials(STARTUP_TRIALS).build())
                .pruner(Pruners.none()).seed(seed)
                .callback(t -> System.err.printf(Locale.ROOT, "%s trial %d: %s %s%n", name, t.number(), t.state(),
                        t.value()))
                .build();
        study.optimize(objective, trials);
        double test = objective.evaluateBest(data.test()).get(Metric.ACCURACY);
        return new Outcome(arm, seed, study.trials(), test, name);
    }

    /** " lr by epoch: 0.001 -> 1: 0.0012, 2: ..." for an Adam-HD trial, else "". */
    private static String rates(FrozenTrial t) {
        if (!(t.userAttrs().get(Dl4jObjective.ADAPTED_LEARNING_RATES_ATTR) instanceof Map<?, ?> byEpoch)) {
            return "";
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "; learning rate %.3g ->",
                ((Number) ((Map<?, ?>) t.userAttrs().get(NetworkObjective.HYPERPARAMETERS_ATTR)).get("learning_rate"))
                        .doubleValue()));
        byEpoch.forEach((epoch, r) -> sb.append(String.format(Locale.ROOT, " e%s %.3g", epoch,
                ((Number) ((List<?>) r).get(0)).doubleValue())));
        return sb.toString();
    }

    private static double finalOverStart(FrozenTrial t) {
        if (!(t.userAttrs().get(Dl4jObjective.ADAPTED_LEARNING_RATES_ATTR) instanceof Map<?, ?> byEpoch)
                || byEpoch.isEmpty()) {
            return Double.NaN;
        }
        Object last = byEpoch.get(Integer.toString(byEpoch.size()));
        double start = ((Number) ((Map<?, ?>) t.userAttrs().get(NetworkObjective.HYPERPARAMETERS_ATTR))
                .get("learning_rate")).doubleValue();
        return last == null ? Double.NaN : ((Number) ((List<?>) last).get(0)).doubleValue() / start;
    }

    private static String reached(double[] values) {
        long ok = Arrays.stream(values).filter(v -> v >= 0).count();
        double[] asInf = Arrays.stream(values).map(v -> v < 0 ? Double.POSITIVE_INFINITY : v).sorted().toArray();
        double m = asInf[(asInf.length - 1) / 2];
        return (Double.isFinite(m) ? String.format(Locale.ROOT, "%.0f", m) : "not reached") + " (" + ok + "/"
                + values.length + " seeds)";
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
