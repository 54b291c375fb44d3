package org.dl4jtuner.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.dl4jtuner.tuner.Budget;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.junit.jupiter.api.Test;

class StudySnapshotTest {
    @Test
    void theSummaryNamesTheMetricWhenTheStudyRecordsOne() {
        Study study = Studies.hyperband(3);
        assertNull(StudySnapshot.of(study).summaryJson().get("metric"), "no metric recorded, none named");

        study.storage().setStudySystemAttr(study.id(), StudySnapshot.METRIC_ATTR, "accuracy");

        assertEquals("accuracy", StudySnapshot.of(study).summaryJson().get("metric"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void synchronousHyperbandIsPicturedByItsBracketsAndRungs() {
        Study study = Study.builder().sampler(Samplers.random(4)).pruner(Pruners.synchronousHyperband(1, 9, 3, 1)).build();
        Map<Integer, Integer> trained = new java.util.concurrent.ConcurrentHashMap<>();
        study.optimizeResumable((trial, epochs) -> {
            double x = trial.suggestFloat("x", 0, 1);
            for (int epoch = trained.getOrDefault(trial.number(), 0) + 1; epoch <= epochs; epoch++) {
                trial.report(epoch, x * epoch);
            }
            trained.put(trial.number(), epochs);
            return x * epochs;
        }, Budget.studyTrials(17), 1);

        Map<String, Object> picture = StudySnapshot.of(study).rungsJson();

        List<Map<String, Object>> groups = (List<Map<String, Object>>) picture.get("groups");
        assertEquals(List.of("bracket s=2", "bracket s=1", "bracket s=0"), groups.stream().map(g -> g.get("name")).toList());
        assertEquals(List.of(9, 5, 3), groups.stream().map(g -> g.get("trials")).toList());
        List<Map<String, Object>> first = (List<Map<String, Object>>) groups.get(0).get("rows");
        assertEquals(List.of(1L, 3L, 9L), first.stream().map(r -> ((Number) r.get("step")).longValue()).toList());
        assertEquals(List.of(9, 3, 1), first.stream().map(r -> r.get("reached")).toList(), "Table 1: 9, 3 and 1 configurations");
        assertEquals(List.of(3, 1, 1), first.stream().map(r -> r.get("continued")).toList());
    }

    @Test
    void systemAttributesAreKeyedByTrialNumberWithoutTheStackTrace() {
        Study study = Study.builder().sampler(Samplers.random(2)).build();
        study.optimize(trial -> {
            double x = trial.suggestFloat("x", 0, 1);
            if (trial.number() == 1) {
                throw new IllegalStateException("boom");
            }
            return x;
        }, 3);
        StudySnapshot snapshot = StudySnapshot.of(study);

        Map<String, Object> attrs = snapshot.systemAttrsJson();

        assertEquals(3, attrs.size());
        for (FrozenTrial t : study.trials()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> shown = (Map<String, Object>) attrs.get(Integer.toString(t.number()));
            assertFalse(shown.containsKey(Study.FAIL_TRACE_ATTR), "trial " + t.number() + " without its stack trace");
            if (t.state() == TrialState.FAIL) {
                assertTrue(t.systemAttrs().containsKey(Study.FAIL_TRACE_ATTR), "the failed trial has a trace in storage");
                assertEquals(t.systemAttrs().get(Study.FAIL_REASON_ATTR), shown.get(Study.FAIL_REASON_ATTR));
            }
        }
        assertEquals(attrs, snapshot.toJson().get("system_attrs"));
    }
}
