package org.dl4jtuner.tuner.terminator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.dl4jtuner.tuner.Budget;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialState;
import org.junit.jupiter.api.Test;

class NoImprovementTerminatorTest {
    /** A study holding the given outcomes: a number is a COMPLETE value, "pruned" and "fail" those states. */
    static Study history(Direction direction, List<?> outcomes) {
        Study study = Study.builder().direction(direction).seed(1).build();
        for (Object o : outcomes) {
            Trial t = study.ask();
            t.suggestFloat("x", 0, 1);
            if ("pruned".equals(o)) {
                t.report(1, 99);
                study.tell(t, TrialState.PRUNED);
            } else if ("fail".equals(o)) {
                study.tell(t, TrialState.FAIL);
            } else {
                study.tell(t, ((Number) o).doubleValue());
            }
        }
        return study;
    }

    @Test
    void stopsOnceTheGivenNumberOfTrialsFinishedAfterTheBestWithoutBeatingIt() {
        Study study = history(Direction.MINIMIZE, List.of(5.0, 3.0, 1.0, 2.0, 4.0, 1.0));
        Optional<String> why = Terminators.noImprovement(3).reasonToStop(study);
        assertTrue(why.isPresent());
        assertTrue(why.get().contains("after trial 2"), why.get());
        assertFalse(Terminators.noImprovement(4).reasonToStop(study).isPresent(),
                "three trials after the best are not four");
    }

    @Test
    void anEqualValueIsNoImprovementAndTheDirectionCounts() {
        Study max = history(Direction.MAXIMIZE, List.of(1.0, 5.0, 5.0, 4.0));
        assertTrue(Terminators.noImprovement(2).reasonToStop(max).isPresent());
        Study min = history(Direction.MINIMIZE, List.of(1.0, 5.0, 5.0, 4.0));
        assertTrue(Terminators.noImprovement(3).reasonToStop(min).isPresent());
        assertFalse(Terminators.noImprovement(4).reasonToStop(min).isPresent());
    }

    @Test
    void prunedTrialsCountButFailedOnesDoNot() {
        Study study = history(Direction.MINIMIZE, List.of(1.0, "pruned", "fail", "fail", 2.0));
        assertTrue(Terminators.noImprovement(2).reasonToStop(study).isPresent());
        assertFalse(Terminators.noImprovement(3).reasonToStop(study).isPresent());
    }

    @Test
    void neverStopsBeforeTheFirstCompleteTrial() {
        Study study = history(Direction.MINIMIZE, List.of("fail", "pruned", "pruned", "pruned"));
        assertFalse(Terminators.noImprovement(1).reasonToStop(study).isPresent());
    }

    @Test
    void aPatienceBelowOneIsRefusedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Terminators.noImprovement(0));
        assertTrue(e.getMessage().contains("no_improvement_trials"), e.getMessage());
    }

    @Test
    void optimizeEndsEarlyRecordsWhyAndAResumedRunStopsAgain() {
        Study study = Study.builder().seed(3).terminator(Terminators.noImprovement(5)).build();
        AtomicInteger calls = new AtomicInteger();
        // improves for the first 8 trials, then never again
        study.optimize(t -> {
            t.suggestFloat("x", 0, 1);
            int n = calls.getAndIncrement();
            return n < 8 ? 100 - n : 200;
        }, 500);
        assertEquals(13, study.trials().size(), "best is trial 7, then 5 trials without improvement");
        assertTrue(study.isStopping());
        Map<?, ?> stop = (Map<?, ?>) study.storage().studySystemAttrs(study.id()).get(Study.STOP_REASON_ATTR);
        assertEquals("no_improvement", stop.get("terminator"));
        assertEquals(12, ((Number) stop.get("trial")).intValue());
        assertTrue(study.stopReason().orElseThrow().contains("after trial 7"), study.stopReason().toString());

        study.optimize(t -> 300.0, 10);
        assertEquals(13, study.trials().size(), "the same trials give the same answer: no new trial starts");
    }

    @Test
    void parallelTrialsFinishAndNoNewOneStartsAfterTheStop() {
        Study study = Study.builder().seed(4).terminator(Terminators.noImprovement(6)).build();
        study.optimize(t -> t.number() == 0 ? -1.0 : t.suggestFloat("x", 0, 1), Budget.trials(400), 3);
        List<FrozenTrial> all = study.trials();
        assertTrue(all.size() >= 7 && all.size() <= 9, "6 trials after trial 0, plus at most 2 already running: "
                + all.size());
        assertTrue(all.stream().allMatch(FrozenTrial::isFinished), "running trials finished");
        assertTrue(study.stopReason().isPresent());
    }

    @Test
    void aRunEndedByItsBudgetClearsAnEarlierStopReason() {
        Study study = Study.builder().seed(5).terminator(Terminators.noImprovement(3)).build();
        AtomicInteger calls = new AtomicInteger();
        study.optimize(t -> t.suggestFloat("x", 0, 1) * 0 + (calls.getAndIncrement() == 0 ? 0.0 : 1.0), 100);
        assertTrue(study.stopReason().isPresent());
        study.optimize(t -> 1.0, 10);
        assertEquals(4, study.trials().size(), "the same trials, the same answer: no new trial");
        Study patient = Study.builder().name(study.name()).storage(study.storage())
                .terminator(Terminators.noImprovement(50)).build();
        patient.optimize(t -> 1.0, 2);
        assertEquals(6, patient.trials().size());
        assertTrue(patient.stopReason().isEmpty(), "the last run ended by its budget");
    }
}
