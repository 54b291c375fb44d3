package org.dl4jtuner.cli.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.dl4jtuner.models.Metric;
import org.dl4jtuner.tuner.pareto.ParetoTrials;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;

/**
 * The outcome of a run: the best trial with its test-split metrics, the baseline, and how many
 * trials ended in each state.
 *
 * @param best          the best COMPLETE trial, or null if none completed
 * @param metric        the validation metric
 * @param test          the best network's metrics on the test split
 * @param baselineValue the untuned default network's validation value, or null
 * @param baselineTest  its test metrics, or null
 * @param states        trials per state
 * @param epochs        epochs reported in total
 * @param took          wall time of the trials
 * @param stoppedBecause why {@code study.stop_when} ended the run early, or null
 * @param front         a multi-objective study's Pareto front and its hypervolume, or null for one objective
 */
public record Summary(FrozenTrial best, Metric metric, Map<Metric, Double> test, Double baselineValue,
        Map<Metric, Double> baselineTest, Map<TrialState, Integer> states, long epochs, Duration took,
        String stoppedBecause, Front front) {

    /**
     * A multi-objective study's outcome: its Pareto front ({@link ParetoFront#of}) and the front's
     * hypervolume against {@link ParetoTrials#referencePoint} (in losses: maximized objectives negated).
     *
     * @param names      the objectives' names
     * @param directions their directions
     * @param trials     the front's trials, in trial order
     * @param reference  the reference point in losses, or null without a complete trial
     * @param hypervolume the front's hypervolume (0 when empty)
     */
    public record Front(List<String> names, List<Direction> directions, List<FrozenTrial> trials, double[] reference,
            double hypervolume) {
        static Front of(Study study, List<String> names) {
            List<FrozenTrial> all = study.trials();
            List<Direction> directions = study.directions();
            double[] reference = ParetoTrials.referencePoint(all, directions);
            List<FrozenTrial> front = ParetoTrials.front(all, directions);
            return new Front(names, directions, front, reference, ParetoTrials.hypervolume(front, directions, reference));
        }
    }

    static Summary of(Study study, Metric metric, Map<Metric, Double> test, Double baselineValue,
            Map<Metric, Double> baselineTest, Duration took) {
        Map<TrialState, Integer> states = new EnumMap<>(TrialState.class);
        long epochs = 0;
        for (FrozenTrial t : study.trials()) {
            states.merge(t.state(), 1, Integer::sum);
            epochs += t.intermediateValues().size();
        }
        return of(study, metric, test, baselineValue, baselineTest, took, null);
    }

    /** As above; for a multi-objective study ({@code objectives} holds its names) the front replaces the best trial. */
    static Summary of(Study study, Metric metric, Map<Metric, Double> test, Double baselineValue,
            Map<Metric, Double> baselineTest, Duration took, List<String> objectives) {
        Map<TrialState, Integer> states = new EnumMap<>(TrialState.class);
        long epochs = 0;
        for (FrozenTrial t : study.trials()) {
            states.merge(t.state(), 1, Integer::sum);
            epochs += t.intermediateValues().size();
        }
        boolean multi = study.isMultiObjective();
        FrozenTrial best = multi || study.trials(TrialState.COMPLETE).isEmpty() || study.bestTrials().isEmpty() ? null
                : study.bestTrial();
        return new Summary(best, metric, test, baselineValue, baselineTest, states, epochs, took,
                study.terminator().isPresent() ? study.stopReason().orElse(null) : null,
                multi ? Front.of(study, objectives) : null);
    }

    /** Whether the run found something: a best trial, or for several objectives a non-empty front. */
    public boolean found() {
        return front != null ? !front.trials().isEmpty() : best != null;
    }

    void print(PrintWriter out) {
        out.println();
        out.println("Summary");
        // the states and epochs are the study's, over all its runs; the time is this run's
        out.printf(Locale.ROOT, "  trials    %s, %d epochs trained in all; this run took %s%n", states, epochs, format(took));
        if (stoppedBecause != null) {
            out.printf(Locale.ROOT, "  stopped   early, %s%n", stoppedBecause);
        }
        if (front != null) {
            printFront(out);
        } else if (best == null) {
            out.println("  best      no trial completed");
        } else {
            out.printf(Locale.ROOT, "  best      trial %d, validation %s %s%n", best.number(), metric.id(),
                    TrialLines.format(best.value()));
            out.printf(Locale.ROOT, "  params    %s%n", TrialLines.params(best.params()));
            out.printf(Locale.ROOT, "  network   %s%n", best.userAttrs().get("hyperparameters"));
            if (!test.isEmpty()) {
                out.printf(Locale.ROOT, "  test      %s%n", metrics(test));
            }
        }
        if (baselineValue != null) {
            out.printf(Locale.ROOT, "  baseline  untuned default network: validation %s %s%s%n", metric.id(),
                    TrialLines.format(baselineValue), baselineTest == null || baselineTest.isEmpty() ? ""
                            : ", test " + metrics(baselineTest));
            if (best != null && front == null) {
                double gain = best.value() - baselineValue;
                out.printf(Locale.ROOT, "  tuning    %s%s over the baseline on validation %s%n", gain >= 0 ? "+" : "",
                        TrialLines.format(gain), metric.id());
            }
        }
        out.flush();
    }

    private void printFront(PrintWriter out) {
        if (front.trials().isEmpty()) {
            out.println("  front     no feasible trial completed");
            return;
        }
        out.printf(Locale.ROOT, "  front     %d trial%s on the Pareto front of %s%n", front.trials().size(),
                front.trials().size() == 1 ? "" : "s", front.names());
        for (FrozenTrial t : front.trials()) {
            StringBuilder values = new StringBuilder();
            for (int k = 0; k < front.names().size(); k++) {
                values.append(k == 0 ? "" : ", ").append(front.names().get(k)).append(' ')
                        .append(ParetoFront.format(t.values()[k]));
            }
            out.printf(Locale.ROOT, "            trial %d: %s%n", t.number(), values);
        }
        double[] reference = ParetoFront.inValues(front.reference(), front.directions());
        StringBuilder ref = new StringBuilder();
        for (int k = 0; k < reference.length; k++) {
            ref.append(k == 0 ? "" : ", ").append(front.names().get(k)).append(' ').append(ParetoFront.format(reference[k]));
        }
        out.printf(Locale.ROOT, "  volume    hypervolume %s (reference point: %s, the worst complete trial's values"
                + " moved out by a tenth of each range)%n", TrialLines.format(front.hypervolume()), ref);
        out.println("  export    dl4j-tuner best --export --trial N picks one of the front");
    }

    private static String metrics(Map<Metric, Double> values) {
        StringBuilder sb = new StringBuilder();
        values.forEach((m, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(m.id()).append(' ')
                .append(TrialLines.format(v)));
        return sb.toString();
    }

    private static String format(Duration d) {
        return String.format(Locale.ROOT, "%dm%02ds", d.toMinutes(), d.toSecondsPart());
    }

    /** The summary as JSON: {"best":{"number","value","params","test"},"states",...}. */
    public Map<String, Object> toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        if (best != null) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("number", best.number());
            b.put("value", best.value());
            b.put("params", best.params());
            b.put("test", byId(test));
            root.put("best", b);
        } else {
            root.put("best", null);
        }
        if (front != null) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("metrics", front.names());
            List<Map<String, Object>> trials = new java.util.ArrayList<>();
            for (FrozenTrial t : front.trials()) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("number", t.number());
                one.put("values", java.util.Arrays.stream(t.values()).boxed().toList());
                one.put("params", t.params());
                trials.add(one);
            }
            f.put("trials", trials);
            f.put("hypervolume", front.hypervolume());
            if (front.reference() != null) {
                f.put("reference_point", java.util.Arrays.stream(ParetoFront.inValues(front.reference(),
                        front.directions())).boxed().toList());
            }
            root.put("front", f);
        }
        Map<String, Integer> s = new LinkedHashMap<>();
        states.forEach((k, v) -> s.put(k.name(), v));
        root.put("states", s);
        root.put("metric", metric.id());
        root.put("epochs", epochs);
        if (stoppedBecause != null) {
            root.put("stopped_because", stoppedBecause);
        }
        if (baselineValue != null) {
            Map<String, Object> base = new LinkedHashMap<>();
            base.put("value", baselineValue);
            base.put("test", byId(baselineTest));
            root.put("baseline", base);
        }
        return root;
    }

    private static Map<String, Double> byId(Map<Metric, Double> values) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((k, v) -> m.put(k.id(), v));
        }
        return m;
    }

    /** Writes {@link #toJson()} to a file. */
    public void write(Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), toJson());
    }
}
