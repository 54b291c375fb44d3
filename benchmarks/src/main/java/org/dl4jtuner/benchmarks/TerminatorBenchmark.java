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
 * Where each terminator stops a study of a noisy objective, against the trial after which the
 * study's best stopped improving by more than the noise.
 *
 * <p>The test functions are noise-free, so noise is added: each trial observes {@code f(x) + sigma
 * e} with {@code e} standard normal and {@code sigma} 1% of the median regret of uniformly random
 * points (from 10,000 of them), printed per function. A TPE study runs the whole budget (500
 * trials by default). <b>The last real improvement</b> {@code T*} is the first trial whose best
 * true value (without noise) so far is within {@code sigma} of the best true value of the whole
 * run: after it, the study gained less than the noise. Each terminator is asked after every trial,
 * as {@code Study.optimize} would ask it before the next (the regret bound after every fifth once past
 * trial 100, to keep the benchmark's time down), on the observed (noisy) values only; the
 * trial where it first answers is where it would have stopped (the budget if never). The ratio is
 * that trial over {@code T*} (within 0.8 to 1.2 is asked); medians over the seeds.
 */
public final class TerminatorBenchmark {
    private TerminatorBenchmark() {
    }

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        System.out.printf(Locale.ROOT, "Stopping trials on noisy test functions, TPE, %d seeds x %d trials, median [Q1, Q3]%n%n",
                seeds, trials);
        System.out.println("| function | noise sigma | last improvement > sigma (T*) | terminator | stopped at | stopped / T* | regret at stop - final regret |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (TestFunction f : TestFunction.values()) {
            double sigma = 0.01 * medianRandomRegret(f);
            Map<String, List<Double>> stops = new LinkedHashMap<>();
            Map<String, List<Double>> ratios = new LinkedHashMap<>();
            Map<String, List<Double>> lost = new LinkedHashMap<>();
            List<Double> lastImprovements = new ArrayList<>();
            for (int seed = 0; seed < seeds; seed++) {
                Map<String, Terminator> terminators = terminators(sigma);
                Run run = run(f, sigma, seed, trials, terminators);
                lastImprovements.add((double) run.lastImprovement);
                for (String name : terminators.keySet()) {
                    int stop = run.stops.getOrDefault(name, trials);
                    stops.computeIfAbsent(name, k -> new ArrayList<>()).add((double) stop);
                    ratios.computeIfAbsent(name, k -> new ArrayList<>()).add((double) stop / run.lastImprovement);
                    lost.computeIfAbsent(name, k -> new ArrayList<>()).add(run.bestTrue[stop - 1] - run.bestTrue[trials - 1]);
                }
            }
            for (String name : stops.keySet()) {
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", f.name(), fmt(sigma),
                        quartiles(lastImprovements), name, quartiles(stops.get(name)), quartiles(ratios.get(name)),
                        quartiles(lost.get(name)));
            }
        }
    }

    private static final String BOUND_SIGMA = "regret_bound(noise sigma)";
    private static final String BOUND_FITTED = "regret_bound(fitted noise)";

    /**
     * The terminators compared. The two regret-bound ones fit the same Gaussian process to the same
     * trials and differ only in the noise the bound is held against, so one evaluation serves both.
     */
    private static Map<String, Terminator> terminators(double sigma) {
        Map<String, Terminator> t = new LinkedHashMap<>();
        t.put("no_improvement(30)", Terminators.noImprovement(30));
        t.put("no_improvement(100)", Terminators.noImprovement(100));
        t.put(BOUND_SIGMA, Terminators.regretBound(sigma));
        t.put(BOUND_FITTED, Terminators.regretBound());
        return t;
    }

    /**
     * The regret bound is asked after every trial up to this one, then every {@link #LATER_EVERY}
     * trials: each answer fits a Gaussian process to up to half the trials, which would cost most
     * of the benchmark's time; so a stop after trial 100 is known to within 5 trials (1% of 500).
     */
    private static final int EVERY_TRIAL_UNTIL = 100;
    private static final int LATER_EVERY = 5;

    /** Regret bound with the fitted noise; its bound is the same as with a given noise. */
    private static final RegretBoundTerminator BOUND = RegretBoundTerminator.builder().build();

    private record Run(int lastImprovement, double[] bestTrue, Map<String, Integer> stops) {
    }

    private static Run run(TestFunction f, double sigma, long seed, int trials, Map<String, Terminator> terminators) {
        Study study = Study.builder().sampler(Samplers.tpe(seed)).seed(seed).build();
        Objective objective = f.objective();
        SplittableRandom noise = new SplittableRandom(seed ^ 0x6e6f697365L);
        double[] bestTrue = new double[trials];
        Map<String, Integer> stops = new LinkedHashMap<>();
        double best = Double.POSITIVE_INFINITY;
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
            for (Map.Entry<String, Terminator> t : terminators.entrySet()) {
                if (!t.getKey().startsWith("regret_bound") && !stops.containsKey(t.getKey())
                        && t.getValue().reasonToStop(study).isPresent()) {
                    stops.put(t.getKey(), n);
                }
            }
            boolean asked = n <= EVERY_TRIAL_UNTIL || n % LATER_EVERY == 0;
            if (asked && (!stops.containsKey(BOUND_SIGMA) || !stops.containsKey(BOUND_FITTED))) {
                RegretBoundTerminator.Evaluation e = BOUND.evaluate(study);
                if (e != null && e.regretBound() < sigma) {
                    stops.putIfAbsent(BOUND_SIGMA, n);
                }
                if (e != null && e.shouldStop()) {
                    stops.putIfAbsent(BOUND_FITTED, n);
                }
            }
        }
        int last = 1;
        while (bestTrue[last - 1] > bestTrue[trials - 1] + sigma) {
            last++;
        }
        return new Run(last, bestTrue, stops);
    }

    /** The median regret of 10,000 uniformly random points. */
    private static double medianRandomRegret(TestFunction f) {
        Study study = Study.builder().sampler(Samplers.random(12345)).seed(12345).build();
        Objective objective = f.objective();
        double[] regret = new double[10_000];
        for (int i = 0; i < regret.length; i++) {
            Trial trial = study.ask();
            try {
                regret[i] = objective.evaluate(trial) - f.optimum();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            study.tell(trial, regret[i]);
        }
        Arrays.sort(regret);
        return SamplerBenchmark.quantile(regret, 0.5);
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
