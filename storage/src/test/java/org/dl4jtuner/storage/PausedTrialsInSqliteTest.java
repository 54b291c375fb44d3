package org.dl4jtuner.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.dl4jtuner.tuner.Budget;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.pruner.SuccessiveHalvingPruner;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.schedule.CurveTableObjective;
import org.dl4jtuner.tuner.storage.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Promotion ASHA's paused trials in a real SQLite file: they outlive the study object and its connection. */
class PausedTrialsInSqliteTest {
    @TempDir
    Path dir;

    private static Study study(Storage storage) {
        return Study.builder().name("asha").direction(Direction.MAXIMIZE).sampler(Samplers.random(8)).seed(8)
                .pruner(Pruners.promotionAsha(1, 9, 3)).storage(storage).build();
    }

    @Test
    void pausedTrialsSurviveANewStudyOnTheSameFileAndArePromotedFromThere() {
        Path file = dir.resolve("asha.db");
        CurveTableObjective objective = new CurveTableObjective();
        AtomicInteger jobs = new AtomicInteger();
        List<FrozenTrial> paused;
        try (Storage first = SqliteStorage.open(file)) {
            Study study = study(first);
            study.optimizeResumable((trial, resource) -> {
                double v = objective.evaluate(trial, resource);
                if (jobs.incrementAndGet() == 9) {
                    trial.study().stop();
                }
                return v;
            }, Budget.studyTrials(12), 1);
            paused = study.trials(TrialState.PAUSED);
        }
        assertTrue(paused.size() >= 5, "after 9 jobs most trials wait at rung 0: " + paused);
        try (Storage second = SqliteStorage.open(file)) {
            Study study = study(second);
            assertEquals(paused.stream().map(FrozenTrial::number).toList(),
                    study.trials(TrialState.PAUSED).stream().map(FrozenTrial::number).toList(), "read back from the file");
            study.optimizeResumable(objective, Budget.studyTrials(12), 1);
            List<FrozenTrial> all = second.trials(study.id(), Set.of());
            assertEquals(12, all.size());
            assertTrue(study.trials(TrialState.PAUSED, TrialState.RUNNING).isEmpty());
            long promotedNow = paused.stream().filter(p -> rungs(all.get(p.number())) > rungs(p)).count();
            assertTrue(promotedNow >= 1, "a trial paused by the first study object was promoted by the second");
            List<List<Integer>> calls = objective.calls;
            for (int i = 9; i < calls.size(); i++) {
                int trial = calls.get(i).get(0);
                int resource = calls.get(i).get(1);
                assertTrue(calls.subList(0, i).stream().noneMatch(c -> c.get(0) == trial && c.get(1) >= resource),
                        "no rung is trained twice: " + calls);
            }
            assertEquals(objective.epochsTrained.get(), all.stream().mapToLong(t -> t.intermediateValues().size()).sum());
        }
    }

    private static int rungs(FrozenTrial t) {
        int k = 0;
        while (t.systemAttrs().containsKey(SuccessiveHalvingPruner.RUNG_ATTR_PREFIX + k)) {
            k++;
        }
        return k;
    }
}
