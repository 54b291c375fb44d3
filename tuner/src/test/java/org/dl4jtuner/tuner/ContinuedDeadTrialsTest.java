package org.dl4jtuner.tuner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.storage.InMemoryStorage;
import org.dl4jtuner.tuner.storage.Storage;
import org.junit.jupiter.api.Test;

/**
 * A {@link ContinuableObjective} under {@link Study#optimize}: the trials a dead process left
 * RUNNING are taken over and continued from their checkpoints, each once, as the trials they are.
 * The scenarios are public so that the storage module runs them on a real SQLite file too.
 */
public class ContinuedDeadTrialsTest {
    private static Study study(Storage storage) {
        return Study.builder().name("continued").direction(Direction.MAXIMIZE).sampler(Samplers.random(8)).seed(8)
                .pruner(Pruners.median(2, 0)).storage(storage).build();
    }

    @Test
    void deadTrialsContinueFromTheEpochAfterTheStoredOnesInMemory() throws Exception {
        Storage storage = new InMemoryStorage();
        continuesFromTheEpochAfterTheStoredOnes(storage, storage);
    }

    @Test
    void twoRunsNeverTakeTheSameDeadTrialInMemory() throws Exception {
        Storage storage = new InMemoryStorage();
        twoRunsNeverTakeTheSameDeadTrial(() -> storage);
    }

    @Test
    void anObjectiveThatCannotContinueFailsDeadTrialsAsBefore() throws Exception {
        for (boolean continuable : new boolean[] {false, true}) {
            Storage storage = new InMemoryStorage();
            CheckpointedCurves curves = new CheckpointedCurves(CheckpointedCurves.disk(), CheckpointedCurves.log(), "dead", 0);
            FrozenTrial orphan = curves.leaveRunning(study(storage), 0.5, 3, CheckpointedCurves.deadWorker());
            Objective plain = curves::evaluate;
            ContinuableObjective declines = new ContinuableObjective() {
                @Override
                public double evaluate(Trial trial) throws Exception {
                    return curves.evaluate(trial);
                }

                @Override
                public boolean continuesTrials(Study study) {
                    return false;
                }
            };
            study(storage).optimize(continuable ? declines : plain, Budget.studyTrials(2));
            FrozenTrial after = storage.getTrial(orphan.id());
            assertEquals(TrialState.FAIL, after.state(), "continuable=" + continuable);
            assertEquals(Boolean.TRUE, after.systemAttrs().get(org.dl4jtuner.tuner.storage.Storage.DIED_ATTR));
        }
    }

    @Test
    void failingTheDeadTrialsOfOneWorkerLeavesTheOthersToBeContinued() throws Exception {
        Storage storage = new InMemoryStorage();
        CheckpointedCurves curves = new CheckpointedCurves(CheckpointedCurves.disk(), CheckpointedCurves.log(), "dead", 0);
        String crashed = CheckpointedCurves.deadWorker();
        String killedEarlier = CheckpointedCurves.deadWorker();
        Study killed = study(storage);
        FrozenTrial ofCrashed = curves.leaveRunning(killed, 0.5, 2, crashed);
        FrozenTrial ofKilled = curves.leaveRunning(killed, 0.6, 2, killedEarlier);
        List<FrozenTrial> failed = study(storage).failDeadTrials(t -> crashed.equals(t.systemAttrs().get(Study.WORKER_ATTR)));
        assertEquals(List.of(ofCrashed.number()), failed.stream().map(FrozenTrial::number).toList());
        assertEquals(TrialState.FAIL, storage.getTrial(ofCrashed.id()).state());
        assertEquals(TrialState.RUNNING, storage.getTrial(ofKilled.id()).state(), "left for a worker to continue");
        assertEquals(List.of(ofKilled.number()), study(storage).failDeadTrials().stream().map(FrozenTrial::number).toList(),
                "without a predicate every dead trial is failed, and a failed one is not failed twice");
    }

    @Test
    void aTrialContinuedTooOftenIsFailedSoItCannotTakeEveryWorkerDown() throws Exception {
        Storage storage = new InMemoryStorage();
        CheckpointedCurves curves = new CheckpointedCurves(CheckpointedCurves.disk(), CheckpointedCurves.log(), "dead", 0);
        String dead = CheckpointedCurves.deadWorker();
        Study killed = study(storage);
        FrozenTrial once = curves.leaveRunning(killed, 0.5, 3, dead);
        FrozenTrial often = curves.leaveRunning(killed, 0.6, 3, dead);
        storage.setTrialSystemAttr(once.id(), Study.TAKEN_OVER_ATTR, Study.MAX_TAKEOVERS - 1);
        storage.setTrialSystemAttr(often.id(), Study.TAKEN_OVER_ATTR, Study.MAX_TAKEOVERS);
        Study next = study(storage);
        assertEquals(List.of(once.number()), next.deadTrials().stream().map(FrozenTrial::number).toList());
        next.optimize(curves, Budget.studyTrials(2));
        assertEquals(TrialState.COMPLETE, storage.getTrial(once.id()).state());
        assertEquals(Study.MAX_TAKEOVERS, storage.getTrial(once.id()).systemAttrs().get(Study.TAKEN_OVER_ATTR));
        FrozenTrial failed = storage.getTrial(often.id());
        assertEquals(TrialState.FAIL, failed.state());
        assertTrue(String.valueOf(failed.systemAttrs().get(Study.FAIL_REASON_ATTR))
                .contains("taken over and continued " + Study.MAX_TAKEOVERS + " times already"), failed.toString());
    }

    /**
     * Two finished trials, then two trials a killed process left RUNNING with 3 epochs stored and
     * checkpointed: a poor one (x = 0.1) and a good one (x = 0.95). A new study object on {@code later}
     * continues both from epoch 4 before it asks its one new trial; the median pruner stops the
     * poor one at epoch 4, the good one completes at epoch 5; nothing fails and nothing is retried.
     */
    public static void continuesFromTheEpochAfterTheStoredOnes(Storage earlier, Storage later) throws Exception {
        Map<Integer, Integer> disk = CheckpointedCurves.disk();
        List<String> log = CheckpointedCurves.log();
        CheckpointedCurves before = new CheckpointedCurves(disk, log, "earlier", 0);
        Study killed = study(earlier);
        killed.enqueueTrial(Map.of("x", 0.9));
        killed.enqueueTrial(Map.of("x", 0.8));
        killed.optimize(before, 2);
        String dead = CheckpointedCurves.deadWorker();
        FrozenTrial poor = before.leaveRunning(killed, 0.1, 3, dead);
        FrozenTrial good = before.leaveRunning(killed, 0.95, 3, dead);

        Study next = study(later);
        next.optimize(new CheckpointedCurves(disk, log, "new", 0), Budget.studyTrials(5));

        List<FrozenTrial> all = next.trials();
        assertEquals(5, all.size(), "the continued trials count once each, plus one new: " + all);
        assertTrue(all.stream().noneMatch(t -> t.state() == TrialState.FAIL), all.toString());
        FrozenTrial poorAfter = later.getTrial(poor.id());
        assertEquals(TrialState.PRUNED, poorAfter.state(), "the median pruner still decides: " + poorAfter);
        assertEquals(List.of(1, 2, 3, 4), new ArrayList<>(poorAfter.intermediateValues().keySet()));
        FrozenTrial goodAfter = later.getTrial(good.id());
        assertEquals(TrialState.COMPLETE, goodAfter.state());
        assertEquals(1, ((Number) goodAfter.systemAttrs().get(Study.TAKEN_OVER_ATTR)).intValue(), "taken over once");
        assertEquals(CheckpointedCurves.value(0.95, 5), goodAfter.value(), 1e-12);
        assertEquals(List.of(1, 2, 3, 4, 5), new ArrayList<>(goodAfter.intermediateValues().keySet()));
        List<String> newLines = log.stream().filter(l -> l.startsWith("new ")).toList();
        assertEquals(List.of("new trained trial " + poor.number() + " epoch 4",
                "new trained trial " + good.number() + " epoch 4", "new trained trial " + good.number() + " epoch 5"),
                newLines.subList(0, 3), "the dead trials first, from epoch 4: " + log);
        assertTrue(newLines.stream().skip(3).allMatch(l -> l.startsWith("new trained trial 4 ")),
                "then the one new trial: " + log);
        for (int epoch = 1; epoch <= 3; epoch++) {
            assertTrue(log.contains("dead trained trial " + good.number() + " epoch " + epoch), log.toString());
        }
    }

    /**
     * Three trials a killed process left RUNNING; two study objects, each on its own
     * {@code storages.get()}, run optimize at once with no room for new trials: every dead trial is
     * continued by exactly one of them, from epoch 3, to its end (the median pruner may stop it).
     */
    public static void twoRunsNeverTakeTheSameDeadTrial(Supplier<Storage> storages) throws Exception {
        Map<Integer, Integer> disk = CheckpointedCurves.disk();
        List<String> log = CheckpointedCurves.log();
        Study killed = study(storages.get());
        CheckpointedCurves before = new CheckpointedCurves(disk, log, "dead", 0);
        String dead = CheckpointedCurves.deadWorker();
        List<FrozenTrial> orphans = List.of(before.leaveRunning(killed, 0.3, 2, dead),
                before.leaveRunning(killed, 0.6, 2, dead), before.leaveRunning(killed, 0.9, 2, dead));
        Study a = study(storages.get());
        Study b = study(storages.get());
        CountDownLatch ready = new CountDownLatch(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (Study s : List.of(a, b)) {
                String tag = s == a ? "a" : "b";
                runs.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await();
                    s.optimize(new CheckpointedCurves(disk, log, tag, 20), Budget.studyTrials(3), 2);
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        List<FrozenTrial> all = a.storage().trials(a.id(), Set.of());
        assertEquals(3, all.size(), all.toString());
        for (FrozenTrial orphan : orphans) {
            FrozenTrial after = a.storage().getTrial(orphan.id());
            assertTrue(after.state() == TrialState.COMPLETE || after.state() == TrialState.PRUNED, after.toString());
            assertTrue(after.lastStep() >= 3, "continued past its stored epochs: " + after);
            for (int epoch = 3; epoch <= after.lastStep(); epoch++) {
                String line = " trained trial " + orphan.number() + " epoch " + epoch;
                long trainers = log.stream().filter(l -> l.endsWith(line)).count();
                assertEquals(1, trainers, "epoch " + epoch + " of trial " + orphan.number() + " once: " + log);
            }
            assertTrue(log.stream().noneMatch(l -> !l.startsWith("dead") && l.endsWith(" trained trial "
                    + orphan.number() + " epoch 1")), "stored epochs are not trained again: " + log);
        }
    }
}
