package org.dl4jtuner.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Objective;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.distribution.DistributionJson;
import org.dl4jtuner.tuner.importance.Importance;
import org.dl4jtuner.tuner.importance.TwoOfSix;
import org.dl4jtuner.tuner.sampler.Samplers;

/**
 * fANOVA importance, ours ({@link Importance#fanova}) against Optuna's default evaluator (Debian's
 * python3-optuna with python3-sklearn), on the same random-search trials: time per evaluation,
 * whether the two rank the same parameters first, the largest difference in a parameter's share,
 * and, where the function's shares are known analytically, each one's error.
 *
 * <p>{@code benchmarks/run importance [repeats] [sizes...]}
 */
public final class ImportanceBenchmark {
    private ImportanceBenchmark() {
    }

    /** A function with known or checkable importance. */
    private record Case(String name, Objective objective, Map<String, Double> analytic, int relevant) {
    }

    private static List<Case> cases() {
        Objective additive = trial -> 3 * trial.suggestFloat("a", 0, 1) + 2 * trial.suggestFloat("b", 0, 1)
                + trial.suggestFloat("c", 0, 1) + 0 * trial.suggestFloat("d", 0, 1);
        // Var(k x) = k^2 / 12 for x uniform on [0, 1]: shares 9/14, 4/14, 1/14, 0
        Map<String, Double> additiveShares = Map.of("a", 9 / 14.0, "b", 4 / 14.0, "c", 1 / 14.0, "d", 0.0);
        return List.of(new Case("two-of-six", TwoOfSix.objective(3), null, 2),
                new Case("additive-3a+2b+c", additive, additiveShares, 3),
                new Case("hartmann6", TestFunction.HARTMANN6.objective(), null, 2));
    }

    public static void main(String[] args) throws Exception {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int[] sizes = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {100, 300, 1000};
        Path script = Path.of(System.getProperty("benchmarks.dir", "benchmarks")).resolve("optuna/optuna_bench.py");
        ObjectMapper json = new ObjectMapper();
        System.out.printf(Locale.ROOT, "%-18s %6s %10s %10s %7s %9s %9s %10s %10s%n", "function", "trials", "ours ms",
                "optuna ms", "speed", "same top", "max diff", "ours err", "optuna err");
        for (Case c : cases()) {
            for (int n : sizes) {
                Study study = Study.builder().sampler(Samplers.random(7)).build();
                study.optimize(c.objective(), n);
                List<FrozenTrial> trials = study.trials(TrialState.COMPLETE);

                Importance.fanova(trials, 0); // warm-up
                double[] ours = new double[repeats];
                Map<String, Double> mine = null;
                for (int r = 0; r < repeats; r++) {
                    long start = System.nanoTime();
                    mine = Importance.fanova(trials, 0);
                    ours[r] = (System.nanoTime() - start) / 1e6;
                }

                Path file = Files.createTempFile("importance", ".json");
                json.writeValue(file.toFile(), export(trials));
                JsonNode result = SamplerBenchmark.python(script, "importance", file.toString(),
                        Integer.toString(repeats)).get(0);
                Files.delete(file);
                Map<String, Double> theirs = new LinkedHashMap<>();
                result.get("importance").fields().forEachRemaining(e -> theirs.put(e.getKey(), e.getValue().asDouble()));
                double[] optunaMs = new double[repeats];
                for (int r = 0; r < repeats; r++) {
                    optunaMs[r] = result.get("ms").get(r).asDouble();
                }

                double maxDiff = 0;
                for (String p : mine.keySet()) {
                    maxDiff = Math.max(maxDiff, Math.abs(mine.get(p) - theirs.getOrDefault(p, 0.0)));
                }
                boolean sameTop = top(mine, c.relevant()).equals(top(theirs, c.relevant()));
                double oursMedian = median(ours);
                double optunaMedian = median(optunaMs);
                System.out.printf(Locale.ROOT, "%-18s %6d %10.1f %10.1f %6.1fx %9s %9.3f %10s %10s%n", c.name(), n,
                        oursMedian, optunaMedian, optunaMedian / oursMedian, sameTop ? "yes" : "no", maxDiff,
                        error(mine, c.analytic()), error(theirs, c.analytic()));
            }
        }
        System.out.println();
        System.out.println("ms: median of " + repeats + " evaluations after a warm-up, 64 trees each;"
                + " same top: both rank the same " + "parameters first (2, 3 and 2 of them);"
                + " err: largest |share - analytic share|");
    }

    private static List<String> top(Map<String, Double> ranked, int k) {
        return ranked.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(k)
                .map(Map.Entry::getKey).sorted().toList();
    }

    private static String error(Map<String, Double> shares, Map<String, Double> analytic) {
        if (analytic == null) {
            return "-";
        }
        double worst = 0;
        for (Map.Entry<String, Double> e : analytic.entrySet()) {
            worst = Math.max(worst, Math.abs(shares.getOrDefault(e.getKey(), 0.0) - e.getValue()));
        }
        return String.format(Locale.ROOT, "%.3f", worst);
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return SamplerBenchmark.quantile(s, 0.5);
    }

    private static Map<String, Object> export(List<FrozenTrial> trials) {
        Map<String, Object> distributions = new LinkedHashMap<>();
        trials.get(0).distributions().forEach((name, d) -> distributions.put(name, DistributionJson.toJson(d)));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (FrozenTrial t : trials) {
            rows.add(Map.of("params", t.params(), "value", t.value()));
        }
        return Map.of("distributions", distributions, "trials", rows);
    }
}
