package org.dl4jtuner.tuner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.storage.InMemoryStorage;
import org.dl4jtuner.tuner.storage.Storage;
import org.junit.jupiter.api.Test;

class StudyTest {
    @Test
    void stepListenersHearEveryReportInOrderAfterItIsStored() {
        List<String> heard = new java.util.ArrayList<>();
        Study[] holder = new Study[1];
        holder[0] = Study.builder().onReport((trial, step, value) -> heard.add(trial + ":" + step + "=" + value
                + (holder[0].storage().getTrial(holder[0].trials().get(trial).id()).intermediateValues().get(step) == value
                        ? "" : " (not stored yet)"))).build();
        holder[0].optimize(trial -> {
            trial.report(1, 0.5);
            trial.report(2, 0.25);
            return 0.25;
        }, 2);
        assertEquals(List.of("0:1=0.5", "0:2=0.25", "1:1=0.5", "1:2=0.25"), heard);
    }


    private static final Objective QUADRATIC = trial -> {
        double x = trial.suggestFloat("x", -10, 10);
        return (x - 2) * (x - 2);
    };

    @Test
    void randomSearchGetsCloseToTheMinimumOfAQuadratic() {
        Study study = Study.builder().sampler(Samplers.random(1)).build();
        study.optimize(QUADRATIC, 200);
        assertEquals(200, study.trials(TrialState.COMPLETE).size());
        assertTrue(study.bestValue() < 0.05, "best " + study.bestValue());
        assertEquals(study.bestValue(), study.bestTrial().value());
        double x = (double) study.bestTrial().param("x");
        assertEquals(2, x, 0.25);
    }

    @Test
    void maximizingPicksTheLargestValue() {
        Study study = Study.builder().direction(Direction.MAXIMIZE).sampler(Samplers.random(1)).build();
        study.optimize(QUADRATIC, 50);
        double max = study.trials().stream().mapToDouble(FrozenTrial::value).max().orElseThrow();
        assertEquals(max, study.bestValue());
    }

    @Test
    void askAndTellDriveAStudyByHand() {
        Study study = Study.builder().build();
        Trial t = study.ask();
        assertEquals(0, t.number());
        double x = t.suggestFloat("x", 0, 1);
        FrozenTrial done = study.tell(t, x * 2);
        assertEquals(TrialState.COMPLETE, done.state());
        assertEquals(x * 2, done.value());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> study.tell(t, 1.0));
        assertEquals("trial 0 is already COMPLETE", e.getMessage());
        assertEquals(1, study.ask().number());
    }

    @Test
    void aFailingObjectiveFailsOnlyItsTrialAndKeepsTheReason() {
        Study study = Study.builder().build();
        study.optimize(trial -> {
            double x = trial.suggestFloat("x", 0, 1);
            if (trial.number() % 2 == 1) {
                throw new IllegalStateException("out of cheese at trial " + trial.number());
            }
            return x;
        }, 6);
        assertEquals(3, study.trials(TrialState.COMPLETE).size());
        List<FrozenTrial> failed = study.trials(TrialState.FAIL);
        assertEquals(3, failed.size());
        FrozenTrial first = failed.get(0);
        assertEquals("IllegalStateException: out of cheese at trial 1", first.systemAttrs().get(Study.FAIL_REASON_ATTR));
        assertTrue(String.valueOf(first.systemAttrs().get(Study.FAIL_TRACE_ATTR)).contains("StudyTest"));
        assertNull(first.value());
    }

    @Test
    void aNanValueFailsTheTrial() {
        Study study = Study.builder().build();
        study.optimize(trial -> Double.NaN, 1);
        FrozenTrial t = study.trials().get(0);
        assertEquals(TrialState.FAIL, t.state());
        assertEquals("the objective returned NaN", t.systemAttrs().get(Study.FAIL_REASON_ATTR));
        assertThrows(IllegalStateException.class, study::bestTrial);
    }

    @Test
    void aPrunedTrialKeepsItsLastReportedValue() {
        Study study = Study.builder().build();
        study.optimize(trial -> {
            trial.report(1, 0.9);
            trial.report(2, 0.7);
            throw new TrialPrunedException();
        }, 1);
        FrozenTrial t = study.trials().get(0);
        assertEquals(TrialState.PRUNED, t.state());
        assertEquals(0.7, t.value());
        assertEquals(2, t.lastStep());
    }

    @Test
    void parallelTrialsRunExactlyTheRequestedNumber() {
        Study study = Study.builder().sampler(Samplers.random(3)).build();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        // the first two trials wait for each other, so two threads must run them
        java.util.concurrent.CountDownLatch twoRunning = new java.util.concurrent.CountDownLatch(2);
        study.optimize(trial -> {
            threads.add(Thread.currentThread().getName());
            twoRunning.countDown();
            assertTrue(twoRunning.await(10, java.util.concurrent.TimeUnit.SECONDS), "a second trial started");
            return QUADRATIC.evaluate(trial);
        }, 40, 4);
        List<FrozenTrial> trials = study.trials();
        assertEquals(40, trials.size());
        assertEquals(40, new HashSet<>(trials.stream().map(FrozenTrial::number).toList()).size());
        assertTrue(trials.stream().allMatch(t -> t.state() == TrialState.COMPLETE));
        assertTrue(threads.size() > 1, "ran in threads " + threads);
    }

    @Test
    void theSameSeedGivesTheSameTrialsParameterForParameter() {
        Objective mixed = trial -> {
            double lr = trial.suggestFloat("lr", 1e-5, 1, true);
            int layers = trial.suggestInt("layers", 1, 4);
            String updater = trial.suggestCategorical("updater", List.of("adam", "nesterovs", "rmsprop"));
            return lr * layers + updater.length();
        };
        Study a = Study.builder().seed(5).sampler(Samplers.random(5)).build();
        Study b = Study.builder().seed(5).sampler(Samplers.random(5)).build();
        Study c = Study.builder().seed(6).sampler(Samplers.random(6)).build();
        a.optimize(mixed, 30);
        b.optimize(mixed, 30);
        c.optimize(mixed, 30);
        for (int i = 0; i < 30; i++) {
            assertEquals(a.trials().get(i).params(), b.trials().get(i).params());
            assertEquals(a.trials().get(i).systemAttrs().get(Trial.SEED_ATTR), b.trials().get(i).systemAttrs().get(Trial.SEED_ATTR));
        }
        assertNotEquals(a.trials().get(0).params(), c.trials().get(0).params());
    }

    @Test
    void theDefaultSamplerIsSeededByTheStudySeed() {
        Study a = Study.builder().seed(9).build();
        Study b = Study.builder().seed(9).build();
        a.optimize(QUADRATIC, 5);
        b.optimize(QUADRATIC, 5);
        assertEquals(a.trials().get(4).params(), b.trials().get(4).params());
    }

    @Test
    void suggestingANameAgainReturnsTheSameValueButADifferentRangeIsAnError() {
        Study study = Study.builder().build();
        Trial t = study.ask();
        double x = t.suggestFloat("x", 0, 1);
        assertEquals(x, t.suggestFloat("x", 0, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.suggestFloat("x", 0, 2));
        assertTrue(e.getMessage().contains("parameter 'x' was already suggested in trial 0"), e.getMessage());
        assertTrue(e.getMessage().contains("high=1.0") && e.getMessage().contains("high=2.0"), e.getMessage());
    }

    @Test
    void badRangesAreRejectedWithTheRuleAndTheValues() {
        Trial t = Study.builder().build().ask();
        assertEquals("low <= high must hold, but got low=5.0, high=1.0",
                assertThrows(IllegalArgumentException.class, () -> t.suggestFloat("x", 5, 1)).getMessage());
        assertEquals("low <= high must hold, but got low=5, high=1",
                assertThrows(IllegalArgumentException.class, () -> t.suggestInt("n", 5, 1)).getMessage());
        assertEquals("choices of 'act' must hold at least one value, but got []",
                assertThrows(IllegalArgumentException.class, () -> t.suggestCategorical("act", List.of())).getMessage());
        assertEquals("low > 0 must hold for a log-scaled range, but got low=0.0",
                assertThrows(IllegalArgumentException.class, () -> t.suggestFloat("lr", 0, 1, true)).getMessage());
        assertEquals("step > 0 must hold, but got step=-0.5",
                assertThrows(IllegalArgumentException.class, () -> t.suggestFloat("q", 0, 1, -0.5)).getMessage());
        assertTrue(t.params().isEmpty(), "nothing was recorded by the failed calls");
    }

    @Test
    void enqueuedTrialsRunFirstWithTheirFixedParameters() {
        Study study = Study.builder().sampler(Samplers.random(2)).build();
        study.enqueueTrial(Map.of("x", 2.0));
        study.optimize(QUADRATIC, 3);
        assertEquals(2.0, study.trials().get(0).param("x"));
        assertEquals(0.0, study.trials().get(0).value());
        assertEquals(3, study.trials().size());
    }

    @Test
    void buildingAStudyByNameAgainResumesIt() {
        Storage storage = new InMemoryStorage();
        Study first = Study.builder().name("s").direction(Direction.MAXIMIZE).storage(storage).seed(4).build();
        first.optimize(QUADRATIC, 3);
        Study again = Study.builder().name("s").storage(storage).build();
        assertEquals(first.id(), again.id());
        assertEquals(Direction.MAXIMIZE, again.direction());
        assertEquals(4, again.seed(), "the stored seed is kept");
        again.optimize(QUADRATIC, 2);
        assertEquals(5, again.trials().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Study.builder().name("s").storage(storage).direction(Direction.MINIMIZE).build());
        assertTrue(e.getMessage().contains("exists with direction MAXIMIZE"), e.getMessage());
    }

    @Test
    void stopEndsOptimizeAfterTheRunningTrial() {
        Study study = Study.builder().build();
        study.optimize(trial -> {
            if (trial.number() == 2) {
                trial.study().stop();
            }
            return 1.0;
        }, 100);
        assertEquals(3, study.trials().size());
    }

    @Test
    void callbacksSeeEveryFinishedTrial() {
        List<Integer> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Study study = Study.builder().callback(t -> seen.add(t.number())).build();
        study.optimize(QUADRATIC, 4);
        assertEquals(List.of(0, 1, 2, 3), seen);
    }

    @Test
    void userAttributesMustBePlainData() {
        Study study = Study.builder().build();
        Trial t = study.ask();
        t.setUserAttr("note", Map.of("epochs", List.of(1, 2)));
        assertEquals(Map.of("epochs", List.of(1, 2)), t.frozen().userAttrs().get("note"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.setUserAttr("thread", Thread.currentThread()));
        assertTrue(e.getMessage().contains("attribute 'thread' must be plain data"), e.getMessage());
    }
}
