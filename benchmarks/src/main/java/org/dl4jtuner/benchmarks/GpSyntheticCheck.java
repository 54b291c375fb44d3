package org.dl4jtuner.benchmarks;

import java.util.Arrays;
import java.util.Locale;

import org.dl4jtuner.tuner.sampler.Samplers;

/**
 * The GP rows of {@code benchmarks/run samplers} without Optuna's: our GP's simple regret on the
 * synthetic test functions (no pruning), plus a checksum of every regret, so two builds of the
 * sampler can be shown to propose the same points.
 *
 * <pre>{@code
 * java -cp ... org.dl4jtuner.benchmarks.GpSyntheticCheck 20 100
 * }</pre>
 */
public final class GpSyntheticCheck {
    private GpSyntheticCheck() {
    }

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        System.out.printf(Locale.ROOT, "GP simple regret, %d seeds x %d trials, median [Q1, Q3]%n%n", seeds, trials);
        System.out.println("| function | sampler | after 25 | after 50 | after 100 | checksum |");
        System.out.println("|---|---|---|---|---|---|");
        for (TestFunction f : TestFunction.values()) {
            double[][] regret = SamplerBenchmark.ours(f, Samplers::gp, seeds, trials);
            System.out.printf(Locale.ROOT, "| %s | gp | %s | %s | %s | %08x |%n", f.name(),
                    SamplerBenchmark.quartiles(regret[0]), SamplerBenchmark.quartiles(regret[1]),
                    SamplerBenchmark.quartiles(regret[2]), Arrays.deepHashCode(box(regret)));
        }
    }

    private static Double[][] box(double[][] values) {
        return Arrays.stream(values).map(row -> Arrays.stream(row).boxed().toArray(Double[]::new))
                .toArray(Double[][]::new);
    }
}
