package org.dl4jtuner.tuner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.dl4jtuner.tuner.storage.InMemoryStorage;
import org.dl4jtuner.tuner.storage.Storage;
import org.junit.jupiter.api.Test;

class TrialLivenessTest {
    private static final String HOST = TrialLiveness.WORKER.substring(TrialLiveness.WORKER.indexOf('@') + 1);

    /** A trial left RUNNING by another worker (another Study object on the same storage), with a parameter drawn. */
    private static FrozenTrial orphan(Study study, String worker, long heartbeatMs) {
        Study otherWorker = Study.builder().name(study.name()).clock(study.clock()).storage(study.storage()).build();
        Trial trial = otherWorker.ask();
        trial.suggestFloat("x", 0, 1);
        study.storage().setTrialSystemAttr(trial.id(), Study.WORKER_ATTR, worker);
        study.storage().setTrialSystemAttr(trial.id(), Study.HEARTBEAT_ATTR, heartbeatMs);
        return trial.frozen();
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void aTrialWhoseProcessOnThisHostIsGoneIsFailedAtOnce() throws Exception {
        WatchedClock clock = new WatchedClock();
        Study study = Study.builder().clock(clock).storage(new InMemoryStorage(clock)).build();
        String worker = deadPid() + "@" + HOST;
        FrozenTrial t = orphan(study, worker, clock.millis());
        List<FrozenTrial> dead = study.failDeadTrials();
        assertEquals(List.of(t.number()), dead.stream().map(FrozenTrial::number).toList());
        FrozenTrial after = study.storage().getTrial(t.id());
        assertEquals(TrialState.FAIL, after.state());
        assertTrue(after.systemAttrs().get(Study.FAIL_REASON_ATTR).toString().contains("(" + worker + ") is gone"),
                after.systemAttrs().toString());
    }

    @Test
    void aSilentTrialOfAnotherHostIsFailedOnlyAfterTheGracePeriod() {
        WatchedClock clock = new WatchedClock();
        Study study = Study.builder().clock(clock).storage(new InMemoryStorage(clock))
                .deadTrialGrace(Duration.ofMinutes(2)).build();
        FrozenTrial t = orphan(study, "4242@another-host", clock.millis());
        clock.advance(Duration.ofSeconds(119));
        assertTrue(study.failDeadTrials().isEmpty(), "within the grace period");
        assertEquals(TrialState.RUNNING, study.storage().getTrial(t.id()).state());
        clock.advance(Duration.ofSeconds(2));
        assertEquals(1, study.failDeadTrials().size());
        assertTrue(study.storage().getTrial(t.id()).systemAttrs().get(Study.FAIL_REASON_ATTR).toString()
                .contains("no heartbeat from its worker (4242@another-host) for 121 s"));
    }

    @Test
    void thisProcesssOwnRunningTrialsAreNeverReaped() {
        WatchedClock clock = new WatchedClock();
        Study study = Study.builder().clock(clock).storage(new InMemoryStorage(clock)).build();
        Trial mine = study.ask();
        clock.advance(Duration.ofHours(5));
        assertTrue(study.failDeadTrials().isEmpty());
        assertEquals(TrialState.RUNNING, mine.frozen().state());
    }

    @Test
    void aDeadTrialIsRetriedWithItsParametersAsOftenAsAllowed() throws Exception {
        WatchedClock clock = new WatchedClock();
        Storage storage = new InMemoryStorage(clock);
        Study study = Study.builder().clock(clock).storage(storage).retryDeadTrials(1).build();
        FrozenTrial first = orphan(study, deadPid() + "@" + HOST, clock.millis());
        study.failDeadTrials();
        Trial retry = study.ask();
        assertEquals(first.param("x"), retry.suggestFloat("x", 0, 1), "the retry gets the dead trial's parameters");
        assertEquals(first.number(), retry.frozen().systemAttrs().get(Study.RETRY_OF_ATTR));
        assertEquals(1, retry.frozen().systemAttrs().get(Study.RETRIES_ATTR));
        storage.setTrialSystemAttr(retry.id(), Study.WORKER_ATTR, deadPid() + "@" + HOST);
        // the retry dies too (seen from another worker): after one retry it is only marked FAIL
        Study other = Study.builder().name(study.name()).clock(clock).storage(storage).retryDeadTrials(1).build();
        assertEquals(1, other.failDeadTrials().size());
        assertTrue(other.trials(TrialState.WAITING).isEmpty(), "no second retry");
    }

    @Test
    void runningTrialsRenewTheirHeartbeat() {
        WatchedClock clock = new WatchedClock();
        Study study = Study.builder().clock(clock).storage(new InMemoryStorage()).heartbeatInterval(Duration.ofMillis(10))
                .build();
        long[] beats = new long[2];
        study.optimize(trial -> {
            beats[0] = ((Number) trial.frozen().systemAttrs().get(Study.HEARTBEAT_ATTR)).longValue();
            clock.advance(Duration.ofMinutes(5));
            // only the heartbeat reads the clock while the trial runs; a beat writes what it read before the next
            // beat reads again, so after two reads the first one's time is stored
            clock.awaitReads(2);
            beats[1] = ((Number) trial.frozen().systemAttrs().get(Study.HEARTBEAT_ATTR)).longValue();
            return 0;
        }, 1);
        assertEquals(Duration.ofMinutes(5).toMillis(), beats[1] - beats[0], "heartbeats at " + beats[0] + " and " + beats[1]);
        assertEquals(TrialLiveness.WORKER, study.trials().get(0).systemAttrs().get(Study.WORKER_ATTR));
    }

    @Test
    void tooManyFailuresInARowStopTheStudyWithTheLastReason() {
        Study study = Study.builder().maxConsecutiveFailures(3).build();
        int[] calls = {0};
        TooManyFailuresException e = assertThrows(TooManyFailuresException.class, () -> study.optimize(trial -> {
            calls[0]++;
            if (calls[0] == 2) {
                return 1.0;
            }
            throw new IllegalStateException("no GPU memory left");
        }, 100));
        assertEquals(5, calls[0], "fail, succeed (resets the count), fail, fail, fail");
        assertEquals(3, e.failures());
        assertTrue(e.getMessage().contains("trial 4") && e.getMessage().contains("no GPU memory left"), e.getMessage());
        assertEquals(Map.of(TrialState.FAIL, 4L, TrialState.COMPLETE, 1L), study.trials().stream()
                .collect(java.util.stream.Collectors.groupingBy(FrozenTrial::state, java.util.stream.Collectors.counting())));
    }
}
