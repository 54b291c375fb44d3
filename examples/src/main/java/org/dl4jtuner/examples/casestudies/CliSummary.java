package org.dl4jtuner.examples.casestudies;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dl4jtuner.models.Family;
import org.dl4jtuner.models.NetworkSpace;

/**
 * The before/after table and the last line of a case study that runs through the command line
 * ({@code dl4j-tuner run SPEC --summary FILE}): reads the summary's baseline (the family's untuned
 * default network) and best trial, each with its validation value and test metrics.
 *
 * <pre>
 * java ... CliSummary SUMMARY.json TITLE SEARCH SECONDS FAMILY KEY...
 * java ... CliSummary summary.json "7.3.2 lstm fashion rows" "random 10 trials x 5 epochs" 312 lstm layers units dropout
 * </pre>
 *
 * The keys name the searched hyperparameters, shown with the family's defaults for the baseline.
 */
public final class CliSummary {
    private static final String USAGE = "usage: CliSummary SUMMARY.json TITLE SEARCH SECONDS FAMILY KEY...";

    private CliSummary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 6) {
            throw new IllegalArgumentException(USAGE + "; got " + args.length + " arguments");
        }
        JsonNode summary = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        Duration wallTime = Duration.ofSeconds(Long.parseLong(args[3]));
        String[] lines = lines(summary, args[1], args[2], wallTime, Family.of(args[4]),
                List.of(args).subList(5, args.length));
        System.out.println(lines[0]);
        System.out.println(lines[1]);
    }

    /** The table and the line, from a parsed summary. */
    static String[] lines(JsonNode summary, String title, String search, Duration wallTime, Family family,
            List<String> keys) {
        String metric = summary.path("metric").asText();
        JsonNode best = require(summary, "best");
        JsonNode base = require(summary, "baseline");
        Map<String, Object> defaults = NetworkSpace.defaults(family);
        Map<String, Object> baseParams = new LinkedHashMap<>();
        for (String key : keys) {
            if (!defaults.containsKey(key)) {
                throw new IllegalArgumentException("KEY must be one of " + defaults.keySet() + ", but got '" + key + "'");
            }
            baseParams.put(key, defaults.get(key));
        }
        Map<String, Object> bestParams = new LinkedHashMap<>();
        best.path("params").fields().forEachRemaining(e -> bestParams.put(e.getKey(),
                e.getValue().isNumber() ? (Object) e.getValue().numberValue() : e.getValue().asText()));
        Outcome baseline = new Outcome(baseParams, base.path("value").asDouble(), test(base, metric));
        Outcome tuned = new Outcome(bestParams, best.path("value").asDouble(), test(best, metric));
        return new String[] {BeforeAfter.table(metric, "validation", baseline, tuned),
            BeforeAfter.line(title, metric, baseline, tuned, search, wallTime)};
    }

    private static JsonNode require(JsonNode summary, String field) {
        JsonNode node = summary.path(field);
        if (!node.isObject()) {
            throw new IllegalArgumentException("the summary must have a '" + field + "' object (a run with a baseline"
                    + " and a complete trial), but got " + node);
        }
        return node;
    }

    private static double test(JsonNode node, String metric) {
        JsonNode value = node.path("test").path(metric);
        if (!value.isNumber()) {
            throw new IllegalArgumentException("the summary's test metrics must include '" + metric + "', but got "
                    + node.path("test"));
        }
        return value.asDouble();
    }
}
