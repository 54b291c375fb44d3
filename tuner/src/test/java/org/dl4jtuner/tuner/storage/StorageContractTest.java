package org.dl4jtuner.tuner.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.distribution.CategoricalDistribution;
import org.dl4jtuner.tuner.distribution.FloatDistribution;
import org.dl4jtuner.tuner.distribution.IntDistribution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every storage passes; each storage's test extends it. */
public abstract class StorageContractTest {

    /** A fresh, empty storage. */
    protected abstract Storage createStorage() throws Exception;

    protected Storage storage;

    @BeforeEach
    void open() throws Exception {
        storage = createStorage();
    }

    @AfterEach
    void close() throws Exception {
        storage.close();
    }

    @Test
    void studiesAreCreatedFoundAndUnique() {
        StudyRecord a = storage.createStudy("a", Direction.MAXIMIZE);
        storage.createStudy("b", Direction.MINIMIZE);
        assertEquals(a, storage.findStudy("a").orElseThrow());
        assertEquals(List.of("a", "b"), storage.studies().stream().map(StudyRecord::name).toList());
        assertTrue(storage.findStudy("c").isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> storage.createStudy("a", Direction.MAXIMIZE));
        assertTrue(e.getMessage().contains("'a' already exists"), e.getMessage());
    }

    @Test
    void aDeletedStudyTakesItsTrialsAndAttributesAndLeavesTheOthersAlone() {
        long gone = storage.createStudy("gone", Direction.MAXIMIZE).id();
        long kept = storage.createStudy("kept", Direction.MAXIMIZE).id();
        storage.setStudySystemAttr(gone, "seed", 1);
        for (long study : List.of(gone, kept)) {
            FrozenTrial t = storage.createTrial(study, TrialState.RUNNING, Map.of());
            storage.setTrialParam(t.id(), "lr", 0.01, FloatDistribution.of(0, 1));
            storage.setTrialIntermediateValue(t.id(), 1, 0.5);
            storage.finishTrial(t.id(), TrialState.COMPLETE, 0.5);
        }
        storage.deleteStudy(gone);
        assertTrue(storage.findStudy("gone").isEmpty());
        assertEquals(List.of("kept"), storage.studies().stream().map(StudyRecord::name).toList());
        List<FrozenTrial> left = storage.trials(kept, java.util.Set.of());
        assertEquals(1, left.size());
        assertEquals(0.5, left.get(0).value());
        assertEquals(Map.of(1, 0.5), left.get(0).intermediateValues());
        long again = storage.createStudy("gone", Direction.MINIMIZE).id();
        assertTrue(storage.trials(again, java.util.Set.of()).isEmpty(), "the name is free and the new study is empty");
        assertTrue(storage.studySystemAttrs(again).isEmpty(), "no attribute of the deleted study is left behind");
        assertThrows(IllegalArgumentException.class, () -> storage.deleteStudy(gone));
    }

    @Test
    void trialsRoundTripEverythingTheyHold() {
        long study = storage.createStudy("s", Direction.MINIMIZE).id();
        FrozenTrial t = storage.createTrial(study, TrialState.RUNNING, Map.of("seed", 5L));
        storage.setTrialParam(t.id(), "lr", 0.01, new FloatDistribution(1e-4, 1, true, null));
        storage.setTrialParam(t.id(), "units", 64, IntDistribution.of(16, 128));
        storage.setTrialParam(t.id(), "act", "relu", CategoricalDistribution.of(List.of("relu", "tanh")));
        storage.setTrialIntermediateValue(t.id(), 1, 0.5);
        storage.setTrialIntermediateValue(t.id(), 2, 0.4);
        storage.setTrialIntermediateValue(t.id(), 2, 0.3);
        storage.setTrialUserAttr(t.id(), "note", "hello");
        storage.setTrialSystemAttr(t.id(), "bracket", 2);
        storage.finishTrial(t.id(), TrialState.COMPLETE, 0.4);
        FrozenTrial back = storage.getTrial(t.id());
        assertEquals(TrialState.COMPLETE, back.state());
        assertEquals(0.4, back.value());
        assertEquals(List.of("lr", "units", "act"), new ArrayList<>(back.params().keySet()), "suggestion order kept");
        assertEquals(64, back.param("units"));
        assertEquals(new FloatDistribution(1e-4, 1, true, null), back.distributions().get("lr"));
        assertEquals(Map.of(1, 0.5, 2, 0.4), back.intermediateValues(), "a step reported twice keeps its first value");
        assertEquals("hello", back.userAttrs().get("note"));
        assertEquals(2, ((Number) back.systemAttrs().get("bracket")).intValue());
        assertEquals(5L, ((Number) back.systemAttrs().get("seed")).longValue());
        assertTrue(back.start() != null && back.end() != null && !back.end().isBefore(back.start()));
    }

    @Test
    void aFinishedTrialCannotFinishAgainOrChangeItsParams() {
        long study = storage.createStudy("s", Direction.MINIMIZE).id();
        FrozenTrial t = storage.createTrial(study, TrialState.RUNNING, Map.of());
        storage.finishTrial(t.id(), TrialState.PRUNED, 1.0);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> storage.finishTrial(t.id(), TrialState.COMPLETE, 2.0));
        assertTrue(e.getMessage().contains("already PRUNED"), e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> storage.setTrialParam(t.id(), "x", 1.0, FloatDistribution.of(0, 2)));
        assertEquals(1.0, storage.getTrial(t.id()).value(), "the stored outcome is untouched");
    }

    @Test
    void waitingTrialsAreClaimedOnceInOrder() {
        long study = storage.createStudy("s", Direction.MINIMIZE).id();
        FrozenTrial w0 = storage.createTrial(study, TrialState.WAITING, Map.of());
        FrozenTrial w1 = storage.createTrial(study, TrialState.WAITING, Map.of());
        assertNull(w0.start());
        FrozenTrial first = storage.claimWaitingTrial(study).orElseThrow();
        assertEquals(w0.number(), first.number());
        assertEquals(TrialState.RUNNING, first.state());
        assertEquals(w1.number(), storage.claimWaitingTrial(study).orElseThrow().number());
        assertTrue(storage.claimWaitingTrial(study).isEmpty());
    }

    @Test
    void trialsAreFilteredByStateAndOrderedByNumber() {
        long study = storage.createStudy("s", Direction.MINIMIZE).id();
        for (int i = 0; i < 6; i++) {
            FrozenTrial t = storage.createTrial(study, TrialState.RUNNING, Map.of());
            if (i % 2 == 0) {
                storage.finishTrial(t.id(), TrialState.COMPLETE, (double) i);
            }
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5), storage.trials(study, Set.of()).stream().map(FrozenTrial::number).toList());
        assertEquals(List.of(1, 3, 5), storage.trials(study, EnumSet.of(TrialState.RUNNING)).stream()
                .map(FrozenTrial::number).toList());
    }

    @Test
    void aClaimIsHeldByExactlyOneTrial() {
        long study = storage.createStudy("s", Direction.MINIMIZE).id();
        FrozenTrial a = storage.createTrial(study, TrialState.RUNNING, Map.of());
        FrozenTrial b = storage.createTrial(study, TrialState.RUNNING, Map.of());
        assertTrue(storage.claim(study, "grid:0", a.id()));
        assertFalse(storage.claim(study, "grid:0", b.id()));
        assertTrue(storage.claim(study, "grid:0", a.id()), "the holder may claim again");
        long other = storage.createStudy("t", Direction.MINIMIZE).id();
        assertTrue(storage.claim(other, "grid:0", b.id()), "claims are per study");
    }

    @Test
    void concurrentWorkersGetDistinctTrialNumbers() throws Exception {
        long study = storage.createStudy("s", Direction.MINIMIZE).id();
        List<Integer> numbers = Collections.synchronizedList(new ArrayList<>());
        inFourWorkers(() -> {
            for (int i = 0; i < 50; i++) {
                FrozenTrial t = storage.createTrial(study, TrialState.RUNNING, Map.of());
                numbers.add(t.number());
                storage.finishTrial(t.id(), TrialState.COMPLETE, 1.0);
            }
        });
        assertEquals(200, new HashSet<>(numbers).size());
        assertEquals(199, Collections.max(numbers));
    }

    @Test
    void trialsAreCreatedUpToALimitThatDeadTrialsDoNotCount() {
        long study = storage.createStudy("s", Direction.MINIMIZE).id();
        FrozenTrial a = storage.createTrialWithinLimit(study, 2).orElseThrow();
        storage.createTrialWithinLimit(study, 2).orElseThrow();
        assertTrue(storage.createTrialWithinLimit(study, 2).isEmpty(), "the limit is reached");
        storage.setTrialSystemAttr(a.id(), Storage.DIED_ATTR, true);
        storage.finishTrial(a.id(), TrialState.FAIL, null);
        FrozenTrial replacement = storage.createTrialWithinLimit(study, 2).orElseThrow();
        assertEquals(2, replacement.number());
        assertEquals(TrialState.RUNNING, replacement.state());
        assertTrue(storage.createTrialWithinLimit(study, 2).isEmpty());
    }

    @Test
    void concurrentWorkersNeverExceedTheLimit() throws Exception {
        long study = storage.createStudy("s", Direction.MINIMIZE).id();
        List<Integer> numbers = Collections.synchronizedList(new ArrayList<>());
        inFourWorkers(() -> {
            for (int i = 0; i < 20; i++) {
                storage.createTrialWithinLimit(study, 37).ifPresent(t -> numbers.add(t.number()));
            }
        });
        assertEquals(37, numbers.size());
        assertEquals(37, new HashSet<>(numbers).size());
    }

    @Test
    void aPausedTrialKeepsItsDataIsResumedByOneWorkerAndCanFinish() throws Exception {
        long study = storage.createStudy("s", Direction.MAXIMIZE).id();
        FrozenTrial t = storage.createTrial(study, TrialState.RUNNING, Map.of());
        storage.setTrialIntermediateValue(t.id(), 1, 0.5);
        storage.setTrialSystemAttr(t.id(), "completed_rung_0", 0.5);
        assertTrue(storage.moveTrial(t.id(), TrialState.RUNNING, TrialState.PAUSED));
        assertFalse(storage.moveTrial(t.id(), TrialState.RUNNING, TrialState.PAUSED), "already paused");
        FrozenTrial paused = storage.getTrial(t.id());
        assertEquals(TrialState.PAUSED, paused.state());
        assertFalse(paused.isFinished());
        assertEquals(0.5, paused.intermediateValues().get(1));
        assertEquals(List.of(t.id()), storage.trials(study, EnumSet.of(TrialState.PAUSED)).stream().map(FrozenTrial::id)
                .toList());
        assertTrue(storage.trials(study, EnumSet.of(TrialState.RUNNING)).isEmpty());
        assertThrows(IllegalStateException.class, () -> storage.setTrialIntermediateValue(t.id(), 2, 0.6),
                "a paused trial reports nothing until it is resumed");
        List<Boolean> won = Collections.synchronizedList(new ArrayList<>());
        inFourWorkers(() -> won.add(storage.moveTrial(t.id(), TrialState.PAUSED, TrialState.RUNNING)));
        assertEquals(1, won.stream().filter(b -> b).count(), "exactly one worker resumes it: " + won);
        storage.setTrialIntermediateValue(t.id(), 3, 0.7);
        assertTrue(storage.moveTrial(t.id(), TrialState.RUNNING, TrialState.PAUSED));
        storage.finishTrial(t.id(), TrialState.PRUNED, 0.7);
        FrozenTrial pruned = storage.getTrial(t.id());
        assertEquals(TrialState.PRUNED, pruned.state());
        assertEquals(0.7, pruned.value());
        assertFalse(storage.moveTrial(t.id(), TrialState.PAUSED, TrialState.RUNNING), "a finished trial stays finished");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> storage.moveTrial(t.id(), TrialState.WAITING, TrialState.RUNNING));
        assertEquals("a trial moves from RUNNING to PAUSED or from PAUSED to RUNNING, but got WAITING to RUNNING",
                e.getMessage());
    }

    /** Runs {@code work} in four threads at once and waits for all of them (a minute at most). */
    private static void inFourWorkers(Runnable work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                futures.add(pool.submit(work));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }
    }
}
