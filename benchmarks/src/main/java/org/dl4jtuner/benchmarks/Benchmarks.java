package org.dl4jtuner.benchmarks;

import java.util.Arrays;

/**
 * Entry point: {@code benchmarks/run throughput [repetitions]} or
 * {@code benchmarks/run samplers [seeds] [trials] [overhead-trials]} or
 * {@code benchmarks/run lc [seeds] [trials] [table]}.
 */
public final class Benchmarks {
    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: benchmarks/run throughput [repetitions] | samplers [seeds] [trials] [overhead-trials] | lc [seeds] [trials] [table]");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "throughput" -> TrainingThroughput.main(rest);
            case "samplers" -> SamplerBenchmark.main(rest);
            case "lc" -> LearningCurveBenchmark.main(rest);
            default -> {
                System.err.println("unknown benchmark '" + args[0] + "'; known: throughput, samplers");
                System.exit(2);
            }
        }
    }
}
