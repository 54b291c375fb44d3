package org.dl4jtuner.tuner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BudgetTest {

    /** A clock that moves only when told to. */
    @Test
    void aTimeBudgetStopsStartingTrialsOnceItHasElapsed() {
        WatchedClock clock = new WatchedClock();
        Study study = Study.builder().clock(clock).build();
        study.optimize(trial -> {
            clock.advance(Duration.ofMinutes(10));
            return trial.suggestFloat("x", 0, 1);
        }, Budget.time(Duration.ofHours(1)));
        assertEquals(6, study.trials().size(), "trials start at minutes 0, 10, ..., 50");
        assertEquals(Duration.ofMinutes(10), study.trials().get(0).duration());
    }

    @Test
    void aStepBudgetCountsReportedEpochs() {
        Study study = Study.builder().build();
        Objective fiveEpochs = trial -> {
            for (int epoch = 1; epoch <= 5; epoch++) {
                trial.report(epoch, epoch);
            }
            return 5;
        };
        study.optimize(fiveEpochs, Budget.steps(12));
        assertEquals(3, study.trials().size(), "5 + 5 < 12 <= 15");
        study.optimize(fiveEpochs, Budget.steps(5));
        assertEquals(4, study.trials().size(), "each optimize call counts its own steps");
    }

    @Test
    void budgetsCompose() {
        Study study = Study.builder().build();
        study.optimize(trial -> 1.0, Budget.trials(2).or(Budget.trials(50)));
        assertEquals(2, study.trials().size());
        study.optimize(trial -> 1.0, Budget.trials(2).and(Budget.trials(5)));
        assertEquals(7, study.trials().size());
    }

    @Test
    void budgetsAreValidated() {
        assertEquals("n >= 0 must hold, but got n=-1",
                assertThrows(IllegalArgumentException.class, () -> Budget.trials(-1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Budget.time(Duration.ofSeconds(-1)));
    }

    @Test
    void aStudyTrialBudgetIsSharedByWorkersAndResumedRuns() throws Exception {
        org.dl4jtuner.tuner.storage.Storage storage = new org.dl4jtuner.tuner.storage.InMemoryStorage();
        Study first = Study.builder().name("shared").storage(storage).seed(1).build();
        first.optimize(t -> t.suggestFloat("x", 0, 1), Budget.studyTrials(5));
        assertEquals(5, first.trials().size());
        first.optimize(t -> t.suggestFloat("x", 0, 1), Budget.studyTrials(5));
        assertEquals(5, first.trials().size(), "a resumed run with the same total starts nothing");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.List<java.util.concurrent.Future<?>> workers = new java.util.ArrayList<>();
        // the first trials of all four threads (two workers, two threads each) wait for each other: they share the budget
        java.util.concurrent.CountDownLatch allRunning = new java.util.concurrent.CountDownLatch(4);
        for (int w = 0; w < 2; w++) {
            Study worker = Study.builder().name("shared").storage(storage).build();
            workers.add(pool.submit(() -> worker.optimize(t -> {
                allRunning.countDown();
                assertTrue(allRunning.await(10, java.util.concurrent.TimeUnit.SECONDS), "all four threads started a trial");
                return t.suggestFloat("x", 0, 1);
            }, Budget.studyTrials(40), 2)));
        }
        for (java.util.concurrent.Future<?> f : workers) {
            f.get();
        }
        pool.shutdown();
        assertEquals(40, first.trials().size());
        assertEquals(40, first.trials(TrialState.COMPLETE).size());
    }
}
