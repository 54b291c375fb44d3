package org.dl4jtuner.tuner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.util.Requires;

/**
 * What a study learns from past studies of the same search space before its first trial
 * ({@link Study.Builder#warmStartFrom(List)}): the best configurations of each past study are
 * enqueued once, so they are evaluated first, and the past trials are handed to the sampler
 * ({@link Study#pastStudies()}), which may use them as a prior.
 *
 * <p>Enqueued once: the study records {@value Study#WARM_START_ATTR} when it enqueues, and a
 * study loaded again (a resumed run) finds it and enqueues nothing. Each enqueued trial records
 * where it came from in {@value Study#WARM_START_FROM_ATTR}: the past study's name, the trial's
 * number there and its value.
 *
 * @param pastStudies   one entry per past study: its name and its trials
 * @param top           how many of each past study's best complete trials are enqueued (0: none)
 * @param primeSampler  whether the sampler sees the past trials
 */
record WarmStart(List<PastStudy> pastStudies, int top, boolean primeSampler) {

    /** A past study: its name (for the records) and its trials. */
    record PastStudy(String name, List<FrozenTrial> trials) {
        PastStudy {
            Objects.requireNonNull(name, "name");
            trials = List.copyOf(trials);
        }
    }

    WarmStart {
        pastStudies = List.copyOf(pastStudies);
        Requires.atLeast("warmStartTop", top, 0);
    }

    /** Whether there is nothing to do. */
    boolean isEmpty() {
        return pastStudies.stream().allMatch(p -> p.trials().isEmpty());
    }

    /**
     * Enqueues the best {@link #top()} distinct configurations of each past study into the study,
     * unless it already did for this study; returns how many it enqueued.
     */
    int enqueueOnce(Storage storage, long studyId, Direction direction) {
        if (top == 0 || isEmpty() || storage.studySystemAttrs(studyId).get(Study.WARM_START_ATTR) != null) {
            return 0;
        }
        int enqueued = 0;
        List<Map<String, Object>> sources = new ArrayList<>();
        Set<Map<String, Object>> seen = new HashSet<>();
        for (PastStudy past : pastStudies) {
            int fromThis = 0;
            for (FrozenTrial t : best(past.trials(), direction)) {
                if (fromThis == top) {
                    break;
                }
                if (!seen.add(t.params())) {
                    continue;
                }
                Map<String, Object> from = new LinkedHashMap<>();
                from.put("study", past.name());
                from.put("trial", t.number());
                from.put("value", t.value());
                Map<String, Object> attrs = new LinkedHashMap<>();
                attrs.put(Trial.FIXED_PARAMS_ATTR, new LinkedHashMap<>(t.params()));
                attrs.put(Study.WARM_START_FROM_ATTR, from);
                storage.createTrial(studyId, TrialState.WAITING, attrs);
                fromThis++;
                enqueued++;
            }
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("study", past.name());
            source.put("trials", past.trials().size());
            source.put("enqueued", fromThis);
            sources.add(source);
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("top", top);
        record.put("prime_sampler", primeSampler);
        record.put("sources", sources);
        storage.setStudySystemAttr(studyId, Study.WARM_START_ATTR, record);
        return enqueued;
    }

    /** The complete trials with a finite value, best first (ties by number). */
    static List<FrozenTrial> best(List<FrozenTrial> trials, Direction direction) {
        List<FrozenTrial> complete = new ArrayList<>();
        for (FrozenTrial t : trials) {
            if (t.state() == TrialState.COMPLETE && t.value() != null && Double.isFinite(t.value())) {
                complete.add(t);
            }
        }
        complete.sort(Comparator.comparingDouble((FrozenTrial t) -> direction.toLoss(t.value()))
                .thenComparingInt(FrozenTrial::number));
        return complete;
    }
}
