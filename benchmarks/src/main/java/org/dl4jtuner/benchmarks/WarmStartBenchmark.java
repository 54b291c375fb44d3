package org.dl4jtuner.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.ToDoubleFunction;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Objective;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.sampler.CmaEsSampler;
import org.dl4jtuner.tuner.sampler.GpSampler;
import org.dl4jtuner.tuner.sampler.Sampler;
import org.dl4jtuner.tuner.sampler.TpeSampler;

/**
 * Warm start and transfer on the sampler benchmark's functions ({@code benchmarks/run warmstart
 * [seeds] [past-trials] [variant-prefix] [--functions NAME,...] [--first-seed N]}; a prefix such as
 * {@code tpe} runs only those variants, {@code --functions ACKLEY5} only those functions (all four
 * by default), and {@code --first-seed 60} seeds 60 onwards instead of 0 onwards, to check a
 * result on seeds it was not developed on).
 * Per function and seed: a past study of {@code past-trials} TPE trials on the function itself, and one on an unrelated function of the same box; then, on the function
 * <em>shifted</em> by {@value #SHIFT} of each range (alternately down and up, so the optimum moves
 * by that much per coordinate), a cold study and studies warm-started from the unshifted past in
 * each variant, 50 trials each. Prints per function the median regret after 25 and 50 trials, the
 * median number of trials each variant needs to reach the cold study's median 50-trial regret, and
 * the regret ratio after 50 trials of a study warm-started from the unrelated past to the cold one,
 * each with how many seeds meet the bar (the cold regret within 25 trials; an unrelated
 * past's regret after 50 trials at most 1.10 times the cold median).
 */
public final class WarmStartBenchmark {
    /** The shift of the optimum, as a share of each parameter's range. */
    static final double SHIFT = 0.05;
    /** Where the unrelated function's minimum lies, as a share of each range. */
    static final double UNRELATED_MINIMUM = 0.9;
    private static final int TRIALS = 50;

    /** One way to run the shifted study: a sampler and, for a warm one, how the past is used. */
    private record Variant(String name, LongFunction<Sampler> sampler, boolean warm, int top, boolean prime) {
    }

    private static final List<Variant> VARIANTS = List.of(
            new Variant("tpe cold", s -> TpeSampler.builder(s).build(), false, 0, false),
            new Variant("tpe + top 3 only", s -> TpeSampler.builder(s).build(), true, 3, false),
            new Variant("tpe + transfer only", s -> TpeSampler.builder(s).build(), true, 0, true),
            new Variant("tpe + top 3 + transfer (default)", s -> TpeSampler.builder(s).build(), true,
                    Study.DEFAULT_WARM_START_TOP, true),
            new Variant("gp cold", s -> GpSampler.builder(s).build(), false, 0, false),
            new Variant("gp + top 3 + prior", s -> GpSampler.builder(s).build(), true, Study.DEFAULT_WARM_START_TOP, true),
            new Variant("cmaes cold", s -> CmaEsSampler.builder(s).build(), false, 0, false),
            new Variant("cmaes + top 3 + start", s -> CmaEsSampler.builder(s).build(), true,
                    Study.DEFAULT_WARM_START_TOP, true));

    private WarmStartBenchmark() {
    }

    public static void main(String[] arguments) {
        List<String> positional = new ArrayList<>(Arrays.asList(arguments));
        List<TestFunction> functions = functions(positional);
        int firstSeed = firstSeed(positional);
        String[] args = positional.toArray(String[]::new);
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int pastTrials = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        String only = args.length > 2 ? args[2] : "";
        System.out.printf(Locale.ROOT, "Warm start on functions shifted by %.1f%% of each range, from %d past TPE trials"
                + " of the unshifted function; %d seeds (%d to %d) x %d trials, median simple regret%n%n", 100 * SHIFT,
                pastTrials, seeds, firstSeed, firstSeed + seeds - 1, TRIALS);
        System.out.println("| function | variant | after 25 | after 50 | trials to cold's 50-trial regret"
                + " | seeds within 25 trials | unrelated past: regret after 50 / cold's | seeds within 1.10x |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (TestFunction f : functions) {
            List<List<FrozenTrial>> past = new ArrayList<>();
            List<List<FrozenTrial>> unrelated = new ArrayList<>();
            for (int seed = firstSeed; seed < firstSeed + seeds; seed++) {
                past.add(pastStudy(f, f::value, 1000 + seed, pastTrials));
                unrelated.add(pastStudy(f, x -> unrelated(f, x), 2000 + seed, pastTrials));
            }
            Map<String, double[][]> curves = new LinkedHashMap<>();
            Map<String, double[][]> unrelatedCurves = new LinkedHashMap<>();
            for (Variant v : VARIANTS) {
                if (!only.isEmpty() && !v.name.startsWith(only)) {
                    continue;
                }
                double[][] c = new double[seeds][];
                double[][] u = new double[seeds][];
                for (int i = 0; i < seeds; i++) {
                    int seed = firstSeed + i;
                    c[i] = run(f, v, seed, past.get(i));
                    if (v.warm) {
                        u[i] = run(f, v, seed, unrelated.get(i));
                    }
                }
                curves.put(v.name, c);
                unrelatedCurves.put(v.name, v.warm ? u : null);
            }
            Map<String, Double> coldTargets = new LinkedHashMap<>();
            for (Map.Entry<String, double[][]> e : curves.entrySet()) {
                String sampler = e.getKey().substring(0, e.getKey().indexOf(' '));
                double[][] c = e.getValue();
                boolean cold = e.getKey().endsWith("cold");
                if (cold) {
                    coldTargets.put(sampler, median(at(c, TRIALS)));
                }
                Double target = coldTargets.get(sampler);
                double[][] u = unrelatedCurves.get(e.getKey());
                System.out.printf(Locale.ROOT, "| %s | %s | %.4g | %.4g | %s | %s | %s | %s |%n", f.name(), e.getKey(),
                        median(at(c, 25)), median(at(c, TRIALS)),
                        target == null ? "" : trialsTo(c, target),
                        target == null || cold ? "" : seedsWithin(c, target),
                        u == null || target == null ? "" : String.format(Locale.ROOT, "%.2f",
                                median(at(u, TRIALS)) / target),
                        u == null || target == null ? "" : seedsBelow(at(u, TRIALS), 1.1 * target));
            }
        }
    }

    /**
     * The functions named by {@code --functions NAME,...} (removed from {@code args}), every test
     * function without it.
     */
    static List<TestFunction> functions(List<String> args) {
        int at = args.indexOf("--functions");
        if (at < 0) {
            return List.of(TestFunction.values());
        }
        if (at + 1 >= args.size()) {
            throw new IllegalArgumentException("--functions needs a comma-separated list of "
                    + Arrays.toString(TestFunction.values()));
        }
        List<TestFunction> result = new ArrayList<>();
        for (String name : args.get(at + 1).split(",")) {
            try {
                result.add(TestFunction.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--functions: '" + name + "' is not one of "
                        + Arrays.toString(TestFunction.values()), e);
            }
        }
        args.subList(at, at + 2).clear();
        return result;
    }

    /** The first seed, from {@code --first-seed N} (removed from {@code args}); 0 without it. */
    static int firstSeed(List<String> args) {
        int at = args.indexOf("--first-seed");
        if (at < 0) {
            return 0;
        }
        String value = at + 1 < args.size() ? args.get(at + 1) : "";
        int first;
        try {
            first = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--first-seed: '" + value + "' is not an integer >= 0", e);
        }
        if (first < 0) {
            throw new IllegalArgumentException("--first-seed: " + first + " is not an integer >= 0");
        }
        args.subList(at, at + 2).clear();
        return first;
    }

    /** The shifted function: its value at x is the function's at x minus the shift. */
    static double shifted(TestFunction f, double[] x) {
        double[] moved = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double sign = i % 2 == 0 ? -1 : 1;
            moved[i] = x[i] - sign * SHIFT * (f.high(i) - f.low(i));
        }
        return f.value(moved);
    }

    /** A function unrelated to f on f's box: a quadratic bowl whose minimum lies at 90% of every range. */
    static double unrelated(TestFunction f, double[] x) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double u = (x[i] - f.low(i)) / (f.high(i) - f.low(i)) - UNRELATED_MINIMUM;
            sum += u * u;
        }
        return sum;
    }

    private static Objective on(TestFunction f, ToDoubleFunction<double[]> g) {
        return t -> {
            double[] x = new double[f.dimensions()];
            for (int i = 0; i < x.length; i++) {
                x[i] = t.suggestFloat("x" + i, f.low(i), f.high(i));
            }
            return g.applyAsDouble(x);
        };
    }

    private static List<FrozenTrial> pastStudy(TestFunction f, ToDoubleFunction<double[]> g, long seed, int trials) {
        Study study = Study.builder().sampler(TpeSampler.builder(seed).build()).seed(seed).build();
        Objective objective = on(f, g);
        for (int n = 0; n < trials; n++) {
            Trial trial = study.ask();
            study.tell(trial, evaluate(objective, trial));
        }
        return study.trials();
    }

    /** The regret after each trial, 1-based: curve[n] after n trials. */
    private static double[] run(TestFunction f, Variant v, long seed, List<FrozenTrial> past) {
        Study.Builder b = Study.builder().sampler(v.sampler.apply(seed)).seed(seed);
        if (v.warm) {
            b.warmStartFrom("past", past).warmStartTop(v.top).warmStartSampler(v.prime);
        }
        Study study = b.build();
        Objective objective = on(f, x -> shifted(f, x));
        double[] curve = new double[TRIALS + 1];
        double best = Double.POSITIVE_INFINITY;
        curve[0] = Double.POSITIVE_INFINITY;
        for (int n = 1; n <= TRIALS; n++) {
            Trial trial = study.ask();
            double value = evaluate(objective, trial);
            study.tell(trial, value);
            best = Math.min(best, value);
            curve[n] = best - f.optimum();
        }
        return curve;
    }

    private static double evaluate(Objective objective, Trial trial) {
        try {
            return objective.evaluate(trial);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static double[] at(double[][] curves, int n) {
        double[] v = new double[curves.length];
        for (int s = 0; s < curves.length; s++) {
            v[s] = curves[s][n];
        }
        return v;
    }

    /** The median over seeds of the first trial whose regret is at most the target (">50" counts as 51). */
    private static String trialsTo(double[][] curves, double target) {
        double[] first = new double[curves.length];
        for (int s = 0; s < curves.length; s++) {
            first[s] = TRIALS + 1;
            for (int n = 1; n <= TRIALS; n++) {
                if (curves[s][n] <= target) {
                    first[s] = n;
                    break;
                }
            }
        }
        double m = median(first);
        return m > TRIALS ? ">" + TRIALS : String.format(Locale.ROOT, "%.1f", m);
    }

    /** How many seeds reach the target within half the trials, as "k/n". */
    private static String seedsWithin(double[][] curves, double target) {
        int k = 0;
        for (double[] curve : curves) {
            if (curve[TRIALS / 2] <= target) {
                k++;
            }
        }
        return k + "/" + curves.length;
    }

    /** How many values are at most the bound, as "k/n". */
    private static String seedsBelow(double[] values, double bound) {
        int k = 0;
        for (double v : values) {
            if (v <= bound) {
                k++;
            }
        }
        return k + "/" + values.length;
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
