package org.dl4jtuner.examples.casestudies;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dl4jtuner.models.Family;
import org.dl4jtuner.models.NetworkSpace;

/**
 * The before/after of a case study that the command line runs from its YAML spec: reads the JSON
 * summary {@code dl4j-tuner run SPEC --summary FILE} writes (the untuned default network's
 * validation value and test metrics, the best trial's params, value and test metrics, the trials'
 * states and epochs) and prints the case study's table and its last, baseline-vs-tuned line.
 * The baseline's hyperparameters are the family's defaults for the searched keys, which is what
 * {@code run} trains as its baseline (per layer for {@code units_N} and {@code filters_N}).
 *
 * <pre>
 * java ... SpecRunSummary SUMMARY.json TITLE FAMILY SAMPLER SECONDS
 * java ... SpecRunSummary target/summary.json "7.3.1 cnn fashion-mnist" cnn gp 812
 * </pre>
 *
 * @param baseline the untuned default network
 * @param tuned    the best trial
 * @param metric   the validation and test metric's id
 * @param trials   the trials the study holds, in any state
 * @param epochs   the epochs the trials reported, in total (the baseline's not counted)
 */
public record SpecRunSummary(Outcome baseline, Outcome tuned, String metric, int trials, long epochs) {
    /** The baseline's value of a per-layer key for a layer it does not have. */
    static final String NO_LAYER = "none";
    private static final Pattern PER_LAYER = Pattern.compile("(units|filters)_([1-9][0-9]*)");

    /** Reads a summary file; the baseline's params are {@code family}'s defaults for the tuned params' keys. */
    public static SpecRunSummary read(Path file, Family family) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        String metric = root.path("metric").asText();
        JsonNode best = required(root, "best", file);
        JsonNode base = required(root, "baseline", file);
        Map<String, Object> tunedParams = new LinkedHashMap<>();
        best.path("params").fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            tunedParams.put(e.getKey(), v.isIntegralNumber() ? (Object) v.asLong() : v.isNumber() ? v.asDouble() : v.asText());
        });
        Map<String, Object> baseParams = baselineParams(tunedParams.keySet(), family);
        int trials = 0;
        for (JsonNode count : root.path("states")) {
            trials += count.asInt();
        }
        return new SpecRunSummary(
                new Outcome(baseParams, base.path("value").asDouble(), test(base, metric, file)),
                new Outcome(tunedParams, best.path("value").asDouble(), test(best, metric, file)),
                metric, trials, root.path("epochs").asLong());
    }

    /**
     * The baseline's value of each searched key: the family's default, and for a per-layer key
     * ({@code units_2}, {@code filters_1}) the default of {@code units} or {@code filters} when the
     * baseline has that layer, {@value #NO_LAYER} when it has fewer layers. The baseline has the
     * family's default number of layers when {@code layers} is searched; otherwise the spec fixes
     * it, and every trial, the best one included, names that many per-layer keys.
     */
    static Map<String, Object> baselineParams(Collection<String> searchedKeys, Family family) {
        Map<String, Object> defaults = NetworkSpace.defaults(family);
        int layers = searchedKeys.contains("layers") ? ((Number) defaults.get("layers")).intValue()
                : searchedKeys.stream().map(PER_LAYER::matcher).filter(Matcher::matches)
                        .mapToInt(m -> Integer.parseInt(m.group(2))).max().orElse(0);
        Map<String, Object> base = new LinkedHashMap<>();
        for (String key : searchedKeys) {
            Matcher perLayer = PER_LAYER.matcher(key);
            if (defaults.containsKey(key)) {
                base.put(key, defaults.get(key));
            } else if (perLayer.matches() && defaults.containsKey(perLayer.group(1))) {
                base.put(key, Integer.parseInt(perLayer.group(2)) <= layers ? defaults.get(perLayer.group(1)) : NO_LAYER);
            } else {
                base.put(key, "?");
            }
        }
        return base;
    }

    private static JsonNode required(JsonNode root, String key, Path file) {
        JsonNode node = root.path(key);
        if (!node.isObject()) {
            throw new IllegalArgumentException(file + ": the summary must hold '" + key + "' (a completed "
                    + (key.equals("best") ? "trial" : "baseline, so run without --no-baseline") + "), but got " + node);
        }
        return node;
    }

    private static double test(JsonNode outcome, String metric, Path file) {
        JsonNode value = outcome.path("test").path(metric);
        if (!value.isNumber()) {
            throw new IllegalArgumentException(file + ": the summary must hold the test " + metric
                    + " (a spec whose data has a test split), but got " + outcome.path("test"));
        }
        return value.asDouble();
    }

    /** Prints the table and the baseline-vs-tuned line of a finished {@code dl4j-tuner run}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: SpecRunSummary SUMMARY.json TITLE FAMILY SAMPLER SECONDS,"
                    + " but got " + args.length + " arguments");
        }
        SpecRunSummary summary = read(Path.of(args[0]), Family.of(args[2]));
        System.out.println(BeforeAfter.table(summary.metric(), "validation", summary.baseline(), summary.tuned()));
        System.out.println(BeforeAfter.line(args[1], summary.metric(), summary.baseline(), summary.tuned(),
                String.format(Locale.ROOT, "%s %d trials, %d epochs", args[3], summary.trials(), summary.epochs()),
                Duration.ofSeconds(Long.parseLong(args[4]))));
    }
}
