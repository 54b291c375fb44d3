package org.dl4jtuner.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.distribution.DistributionJson;
import org.dl4jtuner.tuner.importance.Importance;
import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.storage.StudyRecord;

/**
 * Everything the dashboard and the reports show of one study, read from storage at one moment:
 * the study (direction, sampler, pruner, counts by state, best trial, parameter ranges), its
 * trials in {@link TrialJson} form, the parameters' fANOVA importance and the pruner's
 * {@link RungPicture}. Reading only: nothing is written to storage.
 */
public final class StudySnapshot {
    /**
     * Study system attribute naming the metric that trials' values measure (e.g. {@code accuracy});
     * the dashboard names it on every axis and number that shows a value, and says "value" without it.
     */
    public static final String METRIC_ATTR = org.dl4jtuner.tuner.Study.METRIC_NAME_ATTR;
    /** Trial system attributes left out of {@link #systemAttrsJson()}: long, and the fail reason is shown anyway. */
    private static final Set<String> BULKY_SYSTEM_ATTRS = Set.of(Study.FAIL_TRACE_ATTR);

    private final StudyRecord study;
    private final Map<String, Object> attrs;
    private final List<FrozenTrial> trials;
    private final Instant taken;

    private StudySnapshot(StudyRecord study, Map<String, Object> attrs, List<FrozenTrial> trials, Instant taken) {
        this.study = study;
        this.attrs = attrs;
        this.trials = trials;
        this.taken = taken;
    }

    /** Reads the study's attributes and trials now. */
    public static StudySnapshot read(Storage storage, StudyRecord study) {
        return new StudySnapshot(study, storage.studySystemAttrs(study.id()), storage.trials(study.id(), Set.of()),
                Instant.now());
    }

    /** Reads a study of this process (from its storage) now. */
    public static StudySnapshot of(Study study) {
        StudyRecord record = study.storage().findStudy(study.name())
                .orElseThrow(() -> new IllegalStateException("study '" + study.name() + "' is not in its storage"));
        return read(study.storage(), record);
    }

    /** The study read. */
    public StudyRecord study() {
        return study;
    }

    /** The trials, ordered by number. */
    public List<FrozenTrial> trials() {
        return trials;
    }

    /** The best complete trial, or null before the first. */
    public FrozenTrial best() {
        return ParetoJson.directions(attrs, study.direction()).size() > 1 ? null : study.direction().best(trials);
    }

    /** The trials as the JSON array of {@code trials --json} and {@code GET /api/trials}. */
    public List<Map<String, Object>> trialsJson() {
        List<Map<String, Object>> rows = new ArrayList<>(trials.size());
        for (FrozenTrial t : trials) {
            rows.add(TrialJson.of(t));
        }
        return rows;
    }

    /** The summary object of {@code GET /api/study}. */
    public Map<String, Object> summaryJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", study.name());
        json.put("direction", study.direction().name());
        json.put("sampler", attrs.get(Study.SAMPLER_ATTR));
        json.put("sampler_settings", attrs.get(Study.SAMPLER_SETTINGS_ATTR));
        json.put("pruner", attrs.get(Study.PRUNER_ATTR));
        json.put("seed", attrs.get(Study.SEED_ATTR));
        json.put("metric", attrs.get(METRIC_ATTR) instanceof String metric ? metric : null);
        Map<TrialState, Integer> counts = new EnumMap<>(TrialState.class);
        for (TrialState s : TrialState.values()) {
            counts.put(s, 0);
        }
        for (FrozenTrial t : trials) {
            counts.merge(t.state(), 1, Integer::sum);
        }
        Map<String, Integer> countsJson = new LinkedHashMap<>();
        counts.forEach((s, n) -> countsJson.put(s.name(), n));
        json.put("counts", countsJson);
        json.put("trials", trials.size());
        json.put("epochs", trials.stream().mapToInt(t -> t.intermediateValues().size()).sum());
        FrozenTrial best = best();
        json.put("best", best == null ? null : TrialJson.of(best));
        json.put("params", paramsJson());
        json.put("pareto", ParetoJson.of(attrs, trials, study.direction()));
        json.put("taken", taken.toString());
        return json;
    }

    /** The importance ranking as {@code [{"param": ..., "importance": ...}, ...]}, most important first. */
    public List<Map<String, Object>> importanceJson() {
        List<Map<String, Object>> rows = new ArrayList<>();
        Importance.fanova(trials, 0L).forEach((param, importance) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("param", param);
            row.put("importance", importance);
            rows.add(row);
        });
        return rows;
    }

    /** The pruner's picture ({@link RungPicture}). */
    public Map<String, Object> rungsJson() {
        @SuppressWarnings("unchecked")
        Map<String, Object> pruner = attrs.get(Study.PRUNER_ATTR) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        return RungPicture.of(pruner, trials);
    }

    /**
     * Each trial's system attributes (seed, worker, bracket, model file, ...) by trial number, for
     * the page's trial view; the fail stack trace is left out.
     */
    public Map<String, Object> systemAttrsJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        for (FrozenTrial t : trials) {
            Map<String, Object> kept = new TreeMap<>(t.systemAttrs());
            kept.keySet().removeAll(BULKY_SYSTEM_ATTRS);
            json.put(Integer.toString(t.number()), kept);
        }
        return json;
    }

    /**
     * All of the above in one object: {@code study}, {@code trials}, {@code importance},
     * {@code rungs} and {@code system_attrs}.
     */
    public Map<String, Object> toJson() {
        return toJson(summaryJson(), trialsJson(), importanceJson());
    }

    /** As {@link #toJson()}, with the summary, trials and importance already computed. */
    Map<String, Object> toJson(Map<String, Object> summary, List<Map<String, Object>> trials,
            List<Map<String, Object>> importance) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("study", summary);
        json.put("trials", trials);
        json.put("importance", importance);
        json.put("rungs", rungsJson());
        json.put("system_attrs", systemAttrsJson());
        return json;
    }

    /** Each parameter's range, for chart axes, in its {@link DistributionJson} form. Sorted by name. */
    private Map<String, Object> paramsJson() {
        Map<String, Object> params = new TreeMap<>();
        for (FrozenTrial t : trials) {
            t.distributions().forEach((name, d) -> params.putIfAbsent(name, DistributionJson.toJson(d)));
        }
        return params;
    }
}
