package org.dl4jtuner.tuner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.storage.InMemoryStorage;
import org.dl4jtuner.tuner.storage.Storage;
import org.junit.jupiter.api.Test;

/**
 * A trial taken over from a dead process of another host: while the new process records itself as
 * the trial's worker, no other process may see the new worker with the dead one's old heartbeat,
 * or it would judge the new worker dead at once and take the trial over a second time.
 */
class TakenOverHeartbeatTest {
    private static Study.Builder study(Storage storage) {
        return Study.builder().name("taken-over").direction(Direction.MAXIMIZE).sampler(Samplers.random(1)).seed(1)
                .storage(storage).heartbeatInterval(Duration.ofHours(1)).deadTrialGrace(Duration.ofMinutes(1));
    }

    @Test
    void aTakenOverTrialIsNeverSeenWithItsNewWorkerAndTheDeadOnesHeartbeat() {
        InMemoryStorage shared = new InMemoryStorage();
        Study killed = study(shared).build();
        Trial left = killed.ask();
        left.suggestFloat("x", 0, 1);
        left.report(1, 0.5);
        // a process of another host ran it and has been silent for long: dead by its heartbeat
        shared.setTrialSystemAttr(left.id(), Study.WORKER_ATTR, "1@another-host");
        shared.setTrialSystemAttr(left.id(), Study.HEARTBEAT_ATTR, 0L);
        Study observer = study(shared).build();
        assertEquals(List.of(left.number()), observer.deadTrials().stream().map(FrozenTrial::number).toList());

        // the taker records itself as another host's worker; the moment it does, the observer looks
        List<Integer> deadWhenTheWorkerChanged = new CopyOnWriteArrayList<>();
        List<Integer> looks = new CopyOnWriteArrayList<>();
        Storage taker = (Storage) Proxy.newProxyInstance(Storage.class.getClassLoader(), new Class<?>[] {Storage.class},
                (proxy, method, args) -> {
                    boolean worker = method.getName().equals("setTrialSystemAttr") && Study.WORKER_ATTR.equals(args[1]);
                    if (worker) {
                        args[2] = "2@another-host";
                    }
                    Object result;
                    try {
                        result = method.invoke(shared, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (worker) {
                        looks.add((int) (long) (Long) args[0]);
                        observer.deadTrials().forEach(t -> deadWhenTheWorkerChanged.add(t.number()));
                    }
                    return result;
                });
        ContinuableObjective continues = new ContinuableObjective() {
            @Override
            public double evaluate(Trial trial) {
                trial.report(2, 0.7);
                return 0.7;
            }

            @Override
            public boolean continuesTrials(Study study) {
                return true;
            }
        };
        study(taker).build().optimize(continues, Budget.trials(1));

        assertEquals(TrialState.COMPLETE, shared.getTrial(left.id()).state());
        assertEquals(List.of((int) left.id()), looks, "the taker recorded itself as the worker once");
        assertFalse(deadWhenTheWorkerChanged.contains(left.number()),
                "seen dead right after the takeover, so a third process could take it again: " + deadWhenTheWorkerChanged);
        assertTrue(observer.deadTrials().isEmpty());
    }
}
