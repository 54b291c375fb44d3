package org.dl4jtuner.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.sampler.TpeSampler;

/**
 * Our TPE with bandwidth-weighted kernels (the default, as Optuna 3.1 to 3.4 scored), ours with
 * normalized kernels ({@link TpeSampler.Builder#normalizedKernels}, as Optuna 3.5 and later), and
 * Debian's Optuna 3.1 TPE, on the four test functions and the digits-mlp-lc table.
 *
 * <p>{@code benchmarks/run tpe [seeds] [trials]}
 */
public final class TpeDensityBenchmark {
    private TpeDensityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path script = Path.of(System.getProperty("benchmarks.dir", "benchmarks")).resolve("optuna/optuna_bench.py");
        System.out.printf(Locale.ROOT, "Simple regret, %d seeds x %d trials, median [Q1, Q3]%n%n", seeds, trials);
        System.out.println("| function | sampler | after 25 | after 50 | after 100 |");
        System.out.println("|---|---|---|---|---|");
        for (TestFunction f : TestFunction.values()) {
            row(f, "tpe (bandwidth-weighted kernels, the default)", SamplerBenchmark.ours(f, Samplers::tpe, seeds, trials));
            row(f, "tpe (normalized kernels)", SamplerBenchmark.ours(f,
                    s -> TpeSampler.builder(s).normalizedKernels(true).build(), seeds, trials));
            row(f, "optuna-tpe 3.1", SamplerBenchmark.optunaRegret(script, f, "optuna-tpe", seeds, trials));
        }
        Path table = script.getParent().getParent().resolveSibling("../shared/benchmarks/digits-mlp-lc/lc_table.csv.gz")
                .normalize();
        if (!Files.isRegularFile(table)) {
            System.out.println("\n(digits-mlp-lc table not found at " + table + "; skipped)");
            return;
        }
        System.out.printf(Locale.ROOT, "%ndigits-mlp-lc: best final validation accuracy after %d trials (no pruning),"
                + " %d seeds, median [Q1, Q3]%n%n", trials, seeds);
        System.out.println("| sampler | best final accuracy |");
        System.out.println("|---|---|");
        lcRow("tpe (bandwidth-weighted kernels, the default)", LearningCurveBenchmark.bestFinals(table, Samplers::tpe,
                seeds, trials));
        lcRow("tpe (normalized kernels)", LearningCurveBenchmark.bestFinals(table,
                s -> TpeSampler.builder(s).normalizedKernels(true).build(), seeds, trials));
        lcRow("optuna-tpe 3.1", LearningCurveBenchmark.optuna(script, table, "tpe+none", seeds, trials).stream()
                .mapToDouble(LearningCurveBenchmark.Run::bestFinal).toArray());
    }

    private static void lcRow(String name, double[] bestFinals) {
        double[] sorted = bestFinals.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "| %s | %.4f [%.4f, %.4f] |%n", name, SamplerBenchmark.quantile(sorted, 0.5),
                SamplerBenchmark.quantile(sorted, 0.25), SamplerBenchmark.quantile(sorted, 0.75));
    }

    private static void row(TestFunction f, String name, double[][] regret) {
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", f.name(), name,
                SamplerBenchmark.quartiles(regret[0]), SamplerBenchmark.quartiles(regret[1]),
                SamplerBenchmark.quartiles(regret[2]));
    }
}
