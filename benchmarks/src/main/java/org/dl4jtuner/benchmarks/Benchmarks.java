package org.dl4jtuner.benchmarks;

import java.util.Arrays;

/**
 * Entry point: {@code benchmarks/run throughput [repetitions]} or
 * {@code benchmarks/run samplers [seeds] [trials] [overhead-trials]} or
 * {@code benchmarks/run lc [seeds] [trials] [table]} or
 * {@code benchmarks/run lc-anatomy TABLE TARGET [RUNGS] [BUDGET]} or
 * {@code benchmarks/run importance [repeats] [sizes...]} or {@code benchmarks/run tpe [seeds] [trials]} or
 * {@code benchmarks/run parallel [repetitions] [trials] [epochs] [uneven]} or
 * {@code benchmarks/run parallel waiting [trials] [epoch-millis]},
 * {@code benchmarks/run storage-rate [clients] [trials-per-client] [postgresql-url]},
 * {@code benchmarks/run warmstart [seeds] [past-trials] [variant-prefix] [--functions NAME,...] [--first-seed N]} or {@code benchmarks/run mo [seeds] [trials...]}.
 */
public final class Benchmarks {
    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: benchmarks/run throughput [repetitions] | samplers [seeds] [trials] [overhead-trials] | auto-sampler [seeds] | terminator [seeds] [trials] [functions] [terminator-regex] [first-seed] | lc [seeds] [trials] [table] [ours target [row-regex]] | lc-anatomy TABLE TARGET [RUNGS|default] [BUDGET] | importance [repeats] [sizes...] | tpe [seeds] [trials] | parallel [repetitions] [trials] [epochs] [uneven] | parallel waiting [trials] [epoch-millis] | simulate [table] [trials] [seeds] [target] [row-regex] | storage-rate [clients] [trials-per-client] [postgresql-url] | warmstart [seeds] [past-trials] [variant-prefix] [--functions NAME,...] [--first-seed N] | mo [seeds] [trials...] [--functions F,..] [--samplers S,..] [--first-seed N] | mo-lc [seeds] [trials] [table] | mo-real [seeds] [trials] [processes] [first-seed] [subset] [--pruners none,pareto_asha] | mo-real report | hypergradient [trials] [epochs] [seeds] [first-seed]");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "throughput" -> TrainingThroughput.main(rest);
            case "samplers" -> SamplerBenchmark.main(rest);
            case "auto-sampler" -> AutoSamplerBenchmark.main(rest);
            case "terminator" -> TerminatorBenchmark.main(rest);
            case "lc" -> LearningCurveBenchmark.main(rest);
            case "lc-anatomy" -> CurveAnatomy.main(rest);
            case "importance" -> ImportanceBenchmark.main(rest);
            case "tpe" -> TpeDensityBenchmark.main(rest);
            case "parallel" -> ParallelThroughput.main(rest);
            case "simulate" -> WallClockSimulation.main(rest);
            case "storage-rate" -> StorageRate.main(rest);
            case "warmstart" -> WarmStartBenchmark.main(rest);
            case "mo" -> MultiObjectiveBenchmark.main(rest);
            case "mo-lc" -> MultiObjectiveLcBenchmark.main(rest);
            case "mo-real" -> MultiObjectiveRealBenchmark.main(rest);
            case "hypergradient" -> HypergradientBenchmark.main(rest);
            default -> {
                System.err.println("unknown benchmark '" + args[0] + "'; known: throughput, samplers, auto-sampler, terminator, lc, lc-anatomy, importance, tpe, parallel, simulate, storage-rate, warmstart, mo, mo-lc, mo-real, hypergradient");
                System.exit(2);
            }
        }
    }
}
