package org.dl4jtuner.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;

import com.fasterxml.jackson.databind.JsonNode;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.MultiObjective;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.pareto.Hypervolume;
import org.dl4jtuner.tuner.sampler.Nsga2Sampler;
import org.dl4jtuner.tuner.sampler.Sampler;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.sampler.TpeSampler;

/**
 * Our NSGA-II, multi-objective TPE and random search against Optuna's NSGAIISampler, TPESampler
 * (its multi-objective TPE) and RandomSampler (run by {@code benchmarks/optuna/optuna_bench.py} in
 * the same invocation) on ZDT1, ZDT2 and DTLZ2: the hypervolume of every trial's values after each
 * checkpoint (default 100 and 300 trials), median [Q1, Q3] over the seeds, all computed by our
 * {@link Hypervolume}. Optuna runs one process per function, sampler and seed, at most
 * {@code --optuna-processes} (default 2) at a time beside our samplers. Seeds run from
 * {@code --first-seed} (default 0) on; after the table, one line per row gives each seed's
 * hypervolumes, so runs over disjoint seeds can be pooled.
 * {@code benchmarks/run mo [seeds] [trials...] [--functions ZDT1,DTLZ2] [--samplers nsga2,tpe,tpe-multivariate,optuna-nsga2]
 * [--optuna-processes 2] [--first-seed 0]}.
 */
public final class MultiObjectiveBenchmark {
    private static final Map<String, LongFunction<Sampler>> OURS = new LinkedHashMap<>();
    private static final List<String> OPTUNA = List.of("optuna-nsga2", "optuna-motpe", "optuna-motpe-multivariate",
            "optuna-random");

    static {
        OURS.put("nsga2", Samplers::nsga2);
        OURS.put("tpe", Samplers::tpe);
        OURS.put("tpe-multivariate", seed -> TpeSampler.builder(seed).multivariate(true).build());
        OURS.put("random", Samplers::random);
    }

    private MultiObjectiveBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        List<String> functions = Arrays.stream(MultiObjectiveFunction.values()).map(Enum::name).toList();
        List<String> samplers = new ArrayList<>(OURS.keySet());
        int processes = 2;
        int firstSeed = 0;
        samplers.addAll(OPTUNA);
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--functions")) {
                functions = List.of(args[++i].split(","));
            } else if (args[i].equals("--samplers")) {
                samplers = List.of(args[++i].split(","));
            } else if (args[i].equals("--optuna-processes")) {
                processes = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--first-seed")) {
                firstSeed = Integer.parseInt(args[++i]);
            } else {
                positional.add(args[i]);
            }
        }
        int seeds = positional.isEmpty() ? 10 : Integer.parseInt(positional.get(0));
        int[] checkpoints = positional.size() > 1
                ? positional.subList(1, positional.size()).stream().mapToInt(Integer::parseInt).toArray()
                : new int[] {100, 300};
        int trials = Arrays.stream(checkpoints).max().orElseThrow();
        Path script = Path.of(System.getProperty("benchmarks.dir", "benchmarks")).resolve("optuna/optuna_bench.py");
        System.out.printf(Locale.ROOT, "Hypervolume of all trials' values (larger is better), seeds %d to %d, median"
                + " [Q1, Q3]%n%n", firstSeed, firstSeed + seeds - 1);
        List<String> perSeed = new ArrayList<>();
        StringBuilder header = new StringBuilder("| problem | reference point | sampler |");
        StringBuilder rule = new StringBuilder("|---|---|---|");
        for (int c : checkpoints) {
            header.append(" after ").append(c).append(" |");
            rule.append("---|");
        }
        // Optuna's runs (MOTPE takes minutes per run) start at once, one process per seed, a few at a time,
        // and are read in turn
        ExecutorService pool = Executors.newFixedThreadPool(processes);
        Map<String, List<Future<List<JsonNode>>>> optuna = new LinkedHashMap<>();
        for (String name : functions) {
            for (String sampler : samplers) {
                if (sampler.startsWith("optuna-")) {
                    List<Future<List<JsonNode>>> runs = new ArrayList<>();
                    for (int seed = firstSeed; seed < firstSeed + seeds; seed++) {
                        String first = Integer.toString(seed);
                        runs.add(pool.submit(() -> SamplerBenchmark.python(script, "mo", name, sampler, "1",
                                Integer.toString(trials), first)));
                    }
                    optuna.put(name + " " + sampler, runs);
                }
            }
        }
        pool.shutdown();
        System.out.println(header);
        System.out.println(rule);
        for (String name : functions) {
            MultiObjectiveFunction f = MultiObjectiveFunction.valueOf(name);
            for (String sampler : samplers) {
                double[][] hv = new double[checkpoints.length][seeds];
                for (int seed = 0; seed < seeds; seed++) {
                    List<double[]> values = sampler.startsWith("optuna-") ? null
                            : ours(f, factory(sampler), firstSeed + seed, trials);
                    if (values != null) {
                        record(hv, seed, values, checkpoints, f);
                    }
                }
                if (sampler.startsWith("optuna-")) {
                    List<JsonNode> lines = new ArrayList<>();
                    for (Future<List<JsonNode>> run : optuna.get(name + " " + sampler)) {
                        lines.addAll(run.get());
                    }
                    for (JsonNode line : lines) {
                        List<double[]> values = new ArrayList<>();
                        for (JsonNode v : line.get("values")) {
                            double[] point = new double[v.size()];
                            for (int k = 0; k < point.length; k++) {
                                point[k] = v.get(k).asDouble();
                            }
                            values.add(point);
                        }
                        record(hv, line.get("seed").asInt() - firstSeed, values, checkpoints, f);
                    }
                }
                StringBuilder row = new StringBuilder("| " + f.name() + " | " + Arrays.toString(f.reference()) + " | "
                        + sampler + " |");
                for (int c = 0; c < checkpoints.length; c++) {
                    row.append(' ').append(quartiles(hv[c])).append(" |");
                    StringBuilder each = new StringBuilder(f.name() + " " + sampler + " after " + checkpoints[c] + ":");
                    for (int seed = 0; seed < seeds; seed++) {
                        each.append(String.format(Locale.ROOT, " s%d=%.4f", firstSeed + seed, hv[c][seed]));
                    }
                    perSeed.add(each.toString());
                }
                System.out.println(row);
            }
        }
        System.out.println();
        System.out.println("Each seed's hypervolume:");
        perSeed.forEach(System.out::println);
    }

    private static void record(double[][] hv, int seed, List<double[]> values, int[] checkpoints,
            MultiObjectiveFunction f) {
        for (int c = 0; c < checkpoints.length; c++) {
            hv[c][seed] = Hypervolume.of(values.subList(0, Math.min(values.size(), checkpoints[c])), f.reference());
        }
    }

    /** Every trial's values, in order, of one run of our sampler. */
    static List<double[]> ours(MultiObjectiveFunction f, LongFunction<Sampler> sampler, long seed, int trials) {
        Direction[] directions = new Direction[f.objectives()];
        Arrays.fill(directions, Direction.MINIMIZE);
        Study study = Study.builder().directions(directions).sampler(sampler.apply(seed)).seed(seed).build();
        MultiObjective objective = f.objective();
        List<double[]> values = new ArrayList<>();
        for (int n = 0; n < trials; n++) {
            Trial trial = study.ask();
            double[] v;
            try {
                v = objective.evaluate(trial);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            study.tell(trial, v);
            values.add(v);
        }
        return values;
    }

    private static String quartiles(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", SamplerBenchmark.quantile(s, 0.5),
                SamplerBenchmark.quantile(s, 0.25), SamplerBenchmark.quantile(s, 0.75));
    }

    /**
     * One of ours by name. For tuning runs, {@code nsga2-} followed by settings joined with
     * {@code -}: {@code pN} population N, {@code cX} SBX's eta X, {@code mX} mutation's eta X,
     * {@code uX} share X of uniform redraws among mutations, {@code sX} share X of a crossover blended
     * by SBX (e.g. {@code nsga2-p20-c10}, {@code nsga2-u0.5}).
     */
    private static LongFunction<Sampler> factory(String name) {
        if (name.startsWith("nsga2-")) {
            String[] settings = name.substring("nsga2-".length()).split("-");
            return seed -> {
                Nsga2Sampler.Builder b = Nsga2Sampler.builder(seed);
                for (String setting : settings) {
                    double v = Double.parseDouble(setting.substring(1));
                    switch (setting.charAt(0)) {
                        case 'p' -> b.populationSize((int) v);
                        case 'c' -> b.crossoverEta(v);
                        case 'm' -> b.mutationEta(v);
                        case 'u' -> b.uniformMutation(v);
                        case 's' -> b.sbxShare(v);
                        default -> throw new IllegalArgumentException("unknown NSGA-II setting '" + setting + "' in "
                                + name + "; known: pN (population), cX (crossover eta), mX (mutation eta),"
                                + " uX (uniform mutation share), sX (SBX share of crossover)");
                    }
                }
                return b.build();
            };
        }
        LongFunction<Sampler> factory = OURS.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown sampler '" + name + "'; known: " + OURS.keySet() + ", nsga2-pN-cX-mX-uX-sX, "
                    + OPTUNA + ", optuna-nsga2-pN");
        }
        return factory;
    }
}
