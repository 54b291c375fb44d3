package org.dl4jtuner.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.dl4jtuner.tuner.Objective;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.terminator.RegretBoundTerminator;
import org.dl4jtuner.tuner.terminator.Terminator;
import org.dl4jtuner.tuner.terminator.Terminators;

/**
 * Where each terminator stops a study of a noisy objective, against the trial where the study's
 * best last improved by more than the noise.
 *
 * <p><b>The noise.</b> The test functions are noise-free, so each trial observes {@code f(x) +
 * sigma e}, {@code e} standard normal, with one fixed {@code sigma} per function: half the range
 * of the function near its optimum, that range being the median regret (value minus the known
 * minimum) of 2,000 uniformly random points in the box of half-width 5% of each parameter's
 * range around a global minimiser. The half comes from a real table: on digits-mlp-lc the
 * validation accuracy's noise (the spread of validation minus test accuracy over the better half
 * of the configurations, over {@code sqrt 2}: 0.0045) is 0.54 times the median regret of the best
 * configuration's neighbours one grid step away in one hyperparameter (0.0083), a neighbourhood
 * wider than 5% of the ranges; so this noise is, if anything, quieter than a real objective's.
 * It is chosen from the functions only, before and apart from any terminator.
 *
 * <p><b>The last real improvement</b> {@code T*}, from the true (noise-free) values: walking the
 * trials in order with a reference value (the first trial's), a trial whose true value is below
 * the reference by more than {@code sigma} is an improvement by more than the noise and becomes
 * the reference; {@code T*} is the last such trial. After it, the study's best true value never
 * gained more than {@code sigma}. True values and not observed ones: the observed best keeps
 * falling by luck alone (the smallest of many noisy draws near the optimum), so it "improves by
 * more than the noise" without finding better configurations.
 *
 * <p>A TPE study runs the whole budget (500 trials by default); each terminator is asked after
 * every trial, as {@code Study.optimize} would ask it before the next, on the observed (noisy)
 * values only; the trial where it first answers is where it would have stopped (the budget if
 * never). The regret bound over the whole space (the paper's candidate set, half the trials
 * fitted) is asked after every trial up to 100 and every 25th trial after, to keep the
 * benchmark's time down (fitted to up to 250 trials, each answer is costly; a stop after trial 100
 * is then known to within 25 trials). The ratio is
 * the stopping trial over {@code T*} (0.8 to 1.2 is asked); medians over the seeds.
 *
 * <p>Arguments: seeds (10), trials (500), the functions ({@code all} or a comma-separated list such
 * as {@code branin,ackley5}), a regular expression the terminators' names must contain a match of
 * ({@code .*}), and the first seed (0): {@code terminator 10 500 ackley5 converged 100} runs only
 * {@code converged} on Ackley5 over seeds 100 to 109.
 */
public final class TerminatorBenchmark {
    private TerminatorBenchmark() {
    }

    /** Half-width of the box around a minimiser, as a share of each parameter's range, and the noise's share of its median regret. */
    private static final double NEAR = 0.05;
    private static final double NOISE_SHARE = 0.5;
    private static final int NEAR_POINTS = 2000;

    /** A global minimiser of each function, in the parameters x0, x1, ..., and each parameter's bounds. */
    private static double[] minimiser(TestFunction f) {
        return switch (f) {
            case BRANIN -> new double[] {Math.PI, 2.275};
            case HARTMANN6 -> new double[] {0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573};
            case ROSENBROCK4 -> new double[] {1, 1, 1, 1};
            case ACKLEY5 -> new double[5];
        };
    }

    private static double[][] bounds(TestFunction f) {
        return switch (f) {
            case BRANIN -> new double[][] {{-5, 10}, {0, 15}};
            case HARTMANN6 -> repeat(6, 0, 1);
            case ROSENBROCK4 -> repeat(4, -5, 10);
            case ACKLEY5 -> repeat(5, -32.768, 32.768);
        };
    }

    private static double[][] repeat(int d, double low, double high) {
        double[][] b = new double[d][];
        Arrays.setAll(b, i -> new double[] {low, high});
        return b;
    }

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        List<TestFunction> functions = args.length > 2 && !args[2].equals("all")
                ? Arrays.stream(args[2].split(",")).map(name -> TestFunction.valueOf(name.toUpperCase(Locale.ROOT))).toList()
                : List.of(TestFunction.values());
        java.util.regex.Pattern only = java.util.regex.Pattern.compile(args.length > 3 ? args[3] : ".*");
        int firstSeed = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        System.out.printf(Locale.ROOT, "Stopping trials on noisy test functions, TPE, %d seeds x %d trials, median [Q1, Q3]%n%n",
                seeds, trials);
        System.out.println("| function | noise sigma | last improvement > sigma (T*) | terminator | stopped at | stopped / T* | seeds within 0.8-1.2 | regret at stop - final regret |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        StringBuilder verdict = new StringBuilder();
        verdict.append("| function | terminator | median stopped / T* | within 0.8 to 1.2 |\n|---|---|---|---|\n");
        for (TestFunction f : functions) {
            double sigma = noise(f);
            Map<String, List<Double>> stops = new LinkedHashMap<>();
            Map<String, List<Double>> ratios = new LinkedHashMap<>();
            Map<String, List<Double>> lost = new LinkedHashMap<>();
            List<Double> lastImprovements = new ArrayList<>();
            for (int seed = firstSeed; seed < firstSeed + seeds; seed++) {
                Map<String, Terminator> terminators = terminators(sigma);
                terminators.keySet().removeIf(name -> !only.matcher(name).find());
                Run run = run(f, sigma, seed, trials, terminators);
                lastImprovements.add((double) run.lastImprovement);
                for (String name : terminators.keySet()) {
                    int stop = run.stops.getOrDefault(name, trials);
                    stops.computeIfAbsent(name, k -> new ArrayList<>()).add((double) stop);
                    ratios.computeIfAbsent(name, k -> new ArrayList<>()).add((double) stop / run.lastImprovement);
                    lost.computeIfAbsent(name, k -> new ArrayList<>()).add(run.bestTrue[stop - 1] - run.bestTrue[trials - 1]);
                }
                System.err.printf(Locale.ROOT, "%s seed %d: T* %d, stops %s%n", f.name(), seed, run.lastImprovement, run.stops);
            }
            for (String name : stops.keySet()) {
                long within = ratios.get(name).stream().filter(r -> r >= 0.8 && r <= 1.2).count();
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %d/%d | %s |%n", f.name(), fmt(sigma),
                        quartiles(lastImprovements), name, quartiles(stops.get(name)), quartiles(ratios.get(name)),
                        within, seeds, quartiles(lost.get(name)));
                verdict.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %s |%n", f.name(), name,
                        median(ratios.get(name)), Math.abs(median(ratios.get(name)) - 1) <= 0.2 ? "yes" : "no"));
            }
        }
        System.out.println();
        System.out.print(verdict);
    }

    private static final String BOUND_SIGMA = "regret_bound(noise sigma)";
    private static final String BOUND_FITTED = "regret_bound(fitted noise)";
    private static final String BOUND_SPACE = "regret_bound(noise sigma, region space, top half)";

    /** The terminators compared; the regret-bound ones are evaluated in {@link #run}, the others asked. */
    private static Map<String, Terminator> terminators(double sigma) {
        Map<String, Terminator> t = new LinkedHashMap<>();
        t.put("no_improvement(30)", Terminators.noImprovement(30));
        t.put("no_improvement(100)", Terminators.noImprovement(100));
        t.put(BOUND_SIGMA, Terminators.regretBound(sigma));
        t.put(BOUND_FITTED, Terminators.regretBound());
        t.put(BOUND_SPACE, SPACE_BOUND);
        t.put(CONVERGED, Terminators.converged(sigma));
        return t;
    }

    private static final String CONVERGED = "converged(noise sigma)";

    /** The whole-space bound is asked after every trial up to this one, then every {@link #SPACE_EVERY} trials. */
    private static final int SPACE_EVERY_TRIAL_UNTIL = 100;
    private static final int SPACE_EVERY = 25;

    /**
     * The default regret bound with the fitted noise; {@link #BOUND_SIGMA} fits the same process to
     * the same trials and differs only in the noise it is held against, so one evaluation serves both.
     */
    private static final RegretBoundTerminator BOUND = RegretBoundTerminator.builder().build();
    private static final RegretBoundTerminator SPACE_BOUND = RegretBoundTerminator.builder()
            .region(RegretBoundTerminator.Region.SPACE).topTrialsRatio(0.5).build();

    private record Run(int lastImprovement, double[] bestTrue, Map<String, Integer> stops) {
    }

    private static Run run(TestFunction f, double sigma, long seed, int trials, Map<String, Terminator> terminators) {
        Study study = Study.builder().sampler(Samplers.tpe(seed)).seed(seed).build();
        Objective objective = f.objective();
        SplittableRandom noise = new SplittableRandom(seed ^ 0x6e6f697365L);
        double[] bestTrue = new double[trials];
        Map<String, Integer> stops = new LinkedHashMap<>();
        double best = Double.POSITIVE_INFINITY;
        double reference = Double.NaN;
        int last = 1;
        for (int n = 1; n <= trials; n++) {
            Trial trial = study.ask();
            double value;
            try {
                value = objective.evaluate(trial);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            study.tell(trial, value + sigma * gaussian(noise));
            best = Math.min(best, value - f.optimum());
            bestTrue[n - 1] = best;
            if (n == 1) {
                reference = best;
            } else if (best < reference - sigma) {
                reference = best;
                last = n;
            }
            for (Map.Entry<String, Terminator> t : terminators.entrySet()) {
                if (!t.getKey().startsWith("regret_bound") && !stops.containsKey(t.getKey())
                        && t.getValue().reasonToStop(study).isPresent()) {
                    stops.put(t.getKey(), n);
                }
            }
            if (terminators.containsKey(BOUND_SIGMA) && !stops.containsKey(BOUND_SIGMA)
                    || terminators.containsKey(BOUND_FITTED) && !stops.containsKey(BOUND_FITTED)) {
                RegretBoundTerminator.Evaluation e = BOUND.evaluate(study);
                if (e != null && e.regretBound() < sigma) {
                    stops.putIfAbsent(BOUND_SIGMA, n);
                }
                if (e != null && e.shouldStop()) {
                    stops.putIfAbsent(BOUND_FITTED, n);
                }
            }
            boolean askSpace = n <= SPACE_EVERY_TRIAL_UNTIL || n % SPACE_EVERY == 0;
            if (askSpace && terminators.containsKey(BOUND_SPACE) && !stops.containsKey(BOUND_SPACE)) {
                RegretBoundTerminator.Evaluation e = SPACE_BOUND.evaluate(study);
                if (e != null && e.regretBound() < sigma) {
                    stops.put(BOUND_SPACE, n);
                }
            }
        }
        return new Run(last, bestTrue, stops);
    }

    /** The noise of a function: half the median regret of {@value #NEAR_POINTS} uniformly random points near a minimiser. */
    private static double noise(TestFunction f) {
        double[] center = minimiser(f);
        double[][] bounds = bounds(f);
        Study study = Study.builder().sampler(Samplers.random(12345)).seed(12345).build();
        Objective objective = f.objective();
        SplittableRandom rng = new SplittableRandom(12345);
        double[] regret = new double[NEAR_POINTS];
        for (int i = 0; i < regret.length; i++) {
            Map<String, Object> point = new LinkedHashMap<>();
            for (int j = 0; j < center.length; j++) {
                double half = NEAR * (bounds[j][1] - bounds[j][0]);
                double x = center[j] + half * (2 * rng.nextDouble() - 1);
                point.put("x" + j, Math.max(bounds[j][0], Math.min(bounds[j][1], x)));
            }
            study.enqueueTrial(point);
            Trial trial = study.ask();
            try {
                regret[i] = objective.evaluate(trial) - f.optimum();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            study.tell(trial, regret[i]);
        }
        Arrays.sort(regret);
        return NOISE_SHARE * SamplerBenchmark.quantile(regret, 0.5);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return SamplerBenchmark.quantile(v, 0.5);
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private static String quartiles(List<Double> values) {
        return SamplerBenchmark.quartiles(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
