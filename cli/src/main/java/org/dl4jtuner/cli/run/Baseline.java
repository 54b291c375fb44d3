package org.dl4jtuner.cli.run;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.dl4jtuner.datasets.PreparedData;
import org.dl4jtuner.models.Metric;
import org.dl4jtuner.models.NetworkObjective;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.storage.StudyRecord;

/**
 * The untuned default network's result, which the summary sets the tuned one against: its
 * validation value and test metrics. It is trained once per study and stored with it (study
 * attribute {@value #ATTR}), so a resumed study reuses it.
 *
 * @param value the baseline's validation value
 * @param test  its test metrics (empty without a test split)
 */
record Baseline(double value, Map<Metric, Double> test) {
    /** Study attribute holding the baseline's validation value and test metrics. */
    static final String ATTR = "baseline";

    /**
     * The stored baseline of {@code existing}, else one trained now (printing each epoch); null when
     * training it failed (the reason is printed).
     */
    static Baseline obtain(RunPlan plan, Storage storage, Optional<StudyRecord> existing, Objectives objectives,
            PreparedData data, Path work, PrintWriter out) {
        Metric metric = plan.metric();
        if (existing.isPresent()) {
            Baseline stored = from(storage.studySystemAttrs(existing.get().id()).get(ATTR));
            if (stored != null) {
                out.printf(Locale.ROOT, "baseline (from the study's first run): validation %s %s%n", metric.id(),
                        TrialLines.format(stored.value));
                return stored;
            }
        }
        return train(plan, objectives.baseline(work.resolve("baseline")), data, out);
    }

    private static Baseline train(RunPlan plan, NetworkObjective objective, PreparedData data, PrintWriter out) {
        Metric metric = plan.metric();
        int epochs = plan.spec().pruner().maxEpochs();
        BaselineProgress progress = new BaselineProgress(out, metric.id(), epochs, plan.options().progress());
        Study study = Study.builder().name("baseline").direction(metric.direction()).seed(plan.spec().study().seed())
                .onReport(progress).build();
        out.printf(Locale.ROOT, "baseline: training the untuned default %s network for %d epochs...%n",
                plan.family().id(), epochs);
        out.flush();
        try {
            study.optimize(objective, 1);
        } finally {
            progress.done();
        }
        FrozenTrial t = study.trials().get(0);
        if (t.state() != TrialState.COMPLETE) {
            out.printf(Locale.ROOT, "baseline: %s (%s)%n", t.state(), t.systemAttrs().get(Study.FAIL_REASON_ATTR));
            return null;
        }
        Map<Metric, Double> test = data.test() == null ? new LinkedHashMap<>() : objective.evaluateBest(data.test());
        out.printf(Locale.ROOT, "baseline: validation %s %s with %s%n", metric.id(), TrialLines.format(t.value()),
                TrialLines.params(defaultsUsed(t)));
        out.flush();
        return new Baseline(t.value(), test);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> defaultsUsed(FrozenTrial t) {
        Object hp = t.userAttrs().get(NetworkObjective.HYPERPARAMETERS_ATTR);
        return hp instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The form stored as the study attribute. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", value);
        Map<String, Object> t = new LinkedHashMap<>();
        test.forEach((metric, v) -> t.put(metric.id(), v));
        m.put("test", t);
        return m;
    }

    /** The baseline a study attribute holds, or null when it holds none. */
    static Baseline from(Object stored) {
        if (!(stored instanceof Map<?, ?> m) || !(m.get("value") instanceof Number v)) {
            return null;
        }
        Map<Metric, Double> test = new LinkedHashMap<>();
        if (m.get("test") instanceof Map<?, ?> t) {
            t.forEach((k, x) -> {
                if (x instanceof Number n) {
                    test.put(Metric.of(String.valueOf(k)), n.doubleValue());
                }
            });
        }
        return new Baseline(v.doubleValue(), test);
    }
}
