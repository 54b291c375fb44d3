package org.dl4jtuner.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dl4jtuner.tuner.Objective;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.sampler.Sampler;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.sampler.TpeSampler;

/**
 * Our samplers against Optuna's (Debian's python3-optuna, run by {@code benchmarks/optuna/optuna_bench.py}
 * in the same invocation) on Branin, Hartmann6, Rosenbrock-4 and Ackley-5: simple regret after 25,
 * 50 and 100 trials over many seeds, and the sampler's overhead per trial at 100 and 1,000 trials.
 */
public final class SamplerBenchmark {
    private static final int[] CHECKPOINTS = {25, 50, 100};
    private static final Map<String, LongFunction<Sampler>> OURS = new LinkedHashMap<>();
    private static final List<String> MODEL_BASED = List.of("tpe", "tpe-multivariate", "gp", "cmaes", "evolution");
    /** The GP's cost grows with the cube of the trials: its overhead is measured over this many. */
    private static final int GP_OVERHEAD_TRIALS = 100;
    private static final List<String> OPTUNA = List.of("optuna-tpe", "optuna-tpe-multivariate", "optuna-cmaes",
            "optuna-random");

    static {
        OURS.put("tpe", Samplers::tpe);
        OURS.put("tpe-multivariate", s -> TpeSampler.builder(s).multivariate(true).build());
        OURS.put("gp", Samplers::gp);
        OURS.put("cmaes", Samplers::cmaEs);
        OURS.put("evolution", Samplers::evolution);
        OURS.put("sobol", Samplers::sobol);
        OURS.put("random", Samplers::random);
    }

    private SamplerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int overheadTrials = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        Path script = Path.of(System.getProperty("benchmarks.dir", "benchmarks")).resolve("optuna/optuna_bench.py");
        System.out.printf(Locale.ROOT, "Simple regret (best found minus the known minimum), %d seeds x %d trials,"
                + " median [Q1, Q3]%n%n", seeds, trials);
        System.out.println("| function | sampler | after 25 | after 50 | after 100 |");
        System.out.println("|---|---|---|---|---|");
        Map<String, Map<String, double[][]>> results = new LinkedHashMap<>();
        for (TestFunction f : TestFunction.values()) {
            Map<String, double[][]> byFunction = new LinkedHashMap<>();
            for (Map.Entry<String, LongFunction<Sampler>> e : OURS.entrySet()) {
                byFunction.put(e.getKey(), ours(f, e.getValue(), seeds, trials));
            }
            for (String name : OPTUNA) {
                byFunction.put(name, optunaRegret(script, f, name, seeds, trials));
            }
            results.put(f.name(), byFunction);
            for (Map.Entry<String, double[][]> e : byFunction.entrySet()) {
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", f.name(), e.getKey(),
                        quartiles(e.getValue()[0]), quartiles(e.getValue()[1]), quartiles(e.getValue()[2]));
            }
        }
        System.out.println();
        System.out.println("Median regret, ours / Optuna's TPE (below 1: ours is better)");
        System.out.println();
        System.out.println("| function | ours | after 25 | after 50 | after 100 |");
        System.out.println("|---|---|---|---|---|");
        for (Map.Entry<String, Map<String, double[][]>> f : results.entrySet()) {
            double[][] optuna = f.getValue().get("optuna-tpe");
            for (String ours : MODEL_BASED) {
                double[][] mine = f.getValue().get(ours);
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", f.getKey(), ours,
                        ratio(mine[0], optuna[0]), ratio(mine[1], optuna[1]), ratio(mine[2], optuna[2]));
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "Overhead per trial (ask + suggest + tell, one process, in-memory storage), ms%n%n");
        System.out.println("| function | sampler | mean over first 100 | mean over " + overheadTrials + " | last 10 trials | Optuna TPE / ours (" + overheadTrials + ") |");
        System.out.println("|---|---|---|---|---|---|");
        for (TestFunction f : List.of(TestFunction.BRANIN, TestFunction.HARTMANN6)) {
            double[] optunaTpe = optunaOverhead(script, f, "optuna-tpe", overheadTrials);
            Map<String, double[]> rows = new LinkedHashMap<>();
            rows.put("tpe", oursOverhead(f, OURS.get("tpe"), overheadTrials));
            rows.put("tpe-multivariate", oursOverhead(f, OURS.get("tpe-multivariate"), overheadTrials));
            rows.put("gp (" + GP_OVERHEAD_TRIALS + " trials)", oursOverhead(f, OURS.get("gp"), GP_OVERHEAD_TRIALS));
            rows.put("cmaes", oursOverhead(f, OURS.get("cmaes"), overheadTrials));
            rows.put("random", oursOverhead(f, OURS.get("random"), overheadTrials));
            rows.put("optuna-tpe", optunaTpe);
            rows.put("optuna-tpe-multivariate", optunaOverhead(script, f, "optuna-tpe-multivariate", overheadTrials));
            rows.put("optuna-cmaes", optunaOverhead(script, f, "optuna-cmaes", overheadTrials));
            rows.put("optuna-random", optunaOverhead(script, f, "optuna-random", overheadTrials));
            double optunaMean = mean(optunaTpe, 0, optunaTpe.length);
            for (Map.Entry<String, double[]> e : rows.entrySet()) {
                double[] ms = e.getValue();
                double all = mean(ms, 0, ms.length);
                System.out.printf(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.3f | %s |%n", f.name(), e.getKey(),
                        mean(ms, 0, Math.min(100, ms.length)), all, mean(ms, Math.max(0, ms.length - 10), ms.length),
                        e.getKey().startsWith("optuna") || ms.length != overheadTrials ? ""
                                : String.format(Locale.ROOT, "%.0fx", optunaMean / all));
            }
        }
    }

    /** Regret at each checkpoint per seed: result[checkpoint][seed]. */
    static double[][] ours(TestFunction f, LongFunction<Sampler> sampler, int seeds, int trials) {
        double[][] regret = new double[CHECKPOINTS.length][seeds];
        for (int seed = 0; seed < seeds; seed++) {
            Study study = Study.builder().sampler(sampler.apply(seed)).seed(seed).build();
            Objective objective = f.objective();
            double best = Double.POSITIVE_INFINITY;
            int c = 0;
            for (int n = 1; n <= trials; n++) {
                Trial trial = study.ask();
                double v = evaluate(objective, trial);
                study.tell(trial, v);
                best = Math.min(best, v);
                if (c < CHECKPOINTS.length && n == CHECKPOINTS[c]) {
                    regret[c++][seed] = best - f.optimum();
                }
            }
        }
        return regret;
    }

    private static double[] oursOverhead(TestFunction f, LongFunction<Sampler> sampler, int trials) {
        Study study = Study.builder().sampler(sampler.apply(0)).seed(0).build();
        Objective objective = f.objective();
        double[] ms = new double[trials];
        for (int n = 0; n < trials; n++) {
            long start = System.nanoTime();
            Trial trial = study.ask();
            study.tell(trial, evaluate(objective, trial));
            ms[n] = (System.nanoTime() - start) / 1e6;
        }
        return ms;
    }

    private static double evaluate(Objective objective, Trial trial) {
        try {
            return objective.evaluate(trial);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static double[][] optunaRegret(Path script, TestFunction f, String sampler, int seeds, int trials)
            throws IOException, InterruptedException {
        double[][] regret = new double[CHECKPOINTS.length][seeds];
        for (JsonNode line : python(script, "regret", f.name(), sampler, Integer.toString(seeds), Integer.toString(trials))) {
            int seed = line.get("seed").asInt();
            for (int c = 0; c < CHECKPOINTS.length; c++) {
                regret[c][seed] = line.get("best").get(CHECKPOINTS[c] - 1).asDouble() - f.optimum();
            }
        }
        return regret;
    }

    private static double[] optunaOverhead(Path script, TestFunction f, String sampler, int trials)
            throws IOException, InterruptedException {
        JsonNode ms = python(script, "overhead", f.name(), sampler, Integer.toString(trials)).get(0).get("ms");
        double[] result = new double[ms.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = ms.get(i).asDouble();
        }
        return result;
    }

    static List<JsonNode> python(Path script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<JsonNode> lines = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(json.readTree(line));
            }
        }
        if (p.waitFor() != 0) {
            throw new IOException("optuna_bench.py " + String.join(" ", args) + " failed with exit code " + p.exitValue()
                    + " (is Debian's python3-optuna installed?)");
        }
        return lines;
    }

    static String quartiles(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "%s [%s, %s]", fmt(quantile(s, 0.5)), fmt(quantile(s, 0.25)), fmt(quantile(s, 0.75)));
    }

    private static String ratio(double[] ours, double[] theirs) {
        double[] a = ours.clone();
        double[] b = theirs.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        return String.format(Locale.ROOT, "%.2f", quantile(a, 0.5) / quantile(b, 0.5));
    }

    static double quantile(double[] sorted, double q) {
        double rank = q * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
    }

    private static String fmt(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : Math.abs(v) >= 1 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static double mean(double[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return sum / (to - from);
    }
}
