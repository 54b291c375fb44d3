package org.dl4jtuner.benchmarks;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;

import org.dl4jtuner.tuner.sampler.Sampler;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.sampler.TpeSampler;

/**
 * {@code sampler: auto} against each of our single samplers and Optuna 3.1's TPE (run by
 * {@code benchmarks/optuna/optuna_bench.py} in the same invocation) on the sampler benchmark's four
 * test functions: simple regret after 50 and 100 trials, median over the seeds, and the two ratios
 * the automatic sampler is held to (at most 1.2 times the best single sampler of ours, below
 * Optuna's TPE).
 */
public final class AutoSamplerBenchmark {
    private static final Map<String, LongFunction<Sampler>> OURS = new LinkedHashMap<>();

    static {
        OURS.put("auto", Samplers::auto);
        OURS.put("gp", Samplers::gp);
        OURS.put("tpe", Samplers::tpe);
        OURS.put("tpe-multivariate", s -> TpeSampler.builder(s).multivariate(true).build());
        OURS.put("cmaes", Samplers::cmaEs);
        OURS.put("evolution", Samplers::evolution);
        OURS.put("sobol", Samplers::sobol);
        OURS.put("random", Samplers::random);
    }

    private AutoSamplerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int trials = 100;
        Path script = Path.of(System.getProperty("benchmarks.dir", "benchmarks")).resolve("optuna/optuna_bench.py");
        System.out.printf(Locale.ROOT, "Simple regret, %d seeds x %d trials, median [Q1, Q3]%n%n", seeds, trials);
        System.out.println("| function | sampler | after 50 | after 100 |");
        System.out.println("|---|---|---|---|");
        StringBuilder verdict = new StringBuilder();
        verdict.append("| function | best single of ours (50 / 100) | auto / best single, 50 | 100 | auto / optuna-tpe, 50 | 100 |\n");
        verdict.append("|---|---|---|---|---|---|\n");
        for (TestFunction f : TestFunction.values()) {
            Map<String, double[]> at50 = new LinkedHashMap<>();
            Map<String, double[]> at100 = new LinkedHashMap<>();
            for (Map.Entry<String, LongFunction<Sampler>> e : OURS.entrySet()) {
                double[][] r = SamplerBenchmark.ours(f, e.getValue(), seeds, trials);
                at50.put(e.getKey(), r[1]);
                at100.put(e.getKey(), r[2]);
            }
            double[][] optuna = SamplerBenchmark.optunaRegret(script, f, "optuna-tpe", seeds, trials);
            at50.put("optuna-tpe", optuna[1]);
            at100.put("optuna-tpe", optuna[2]);
            for (String name : at50.keySet()) {
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s |%n", f.name(), name,
                        SamplerBenchmark.quartiles(at50.get(name)), SamplerBenchmark.quartiles(at100.get(name)));
            }
            String best50 = bestSingle(at50);
            String best100 = bestSingle(at100);
            verdict.append(String.format(Locale.ROOT, "| %s | %s / %s | %s | %s | %s | %s |%n", f.name(), best50, best100,
                    ratio(at50.get("auto"), at50.get(best50)), ratio(at100.get("auto"), at100.get(best100)),
                    ratio(at50.get("auto"), at50.get("optuna-tpe")), ratio(at100.get("auto"), at100.get("optuna-tpe"))));
        }
        System.out.println();
        System.out.println("Median regret of auto over the best single sampler of ours (<= 1.20 asked) and over Optuna's TPE (< 1 asked)");
        System.out.println();
        System.out.print(verdict);
    }

    /** The single sampler of ours (not auto, not Optuna's) with the smallest median. */
    private static String bestSingle(Map<String, double[]> regrets) {
        String best = null;
        for (String name : regrets.keySet()) {
            if (!name.equals("auto") && !name.startsWith("optuna")
                    && (best == null || median(regrets.get(name)) < median(regrets.get(best)))) {
                best = name;
            }
        }
        return best;
    }

    private static String ratio(double[] a, double[] b) {
        return String.format(Locale.ROOT, "%.2f", median(a) / median(b));
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return SamplerBenchmark.quantile(s, 0.5);
    }

    static List<String> names() {
        return List.copyOf(OURS.keySet());
    }
}
