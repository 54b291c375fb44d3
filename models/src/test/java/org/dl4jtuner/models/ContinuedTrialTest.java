package org.dl4jtuner.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dl4jtuner.tuner.Budget;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.storage.InMemoryStorage;
import org.dl4jtuner.tuner.storage.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;

/**
 * Dl4jObjective under {@code Study.optimize} on storage that outlives the process: a trial a dead
 * process left after 2 of its 4 epochs continues from its checkpoint at epoch 3 in a new objective
 * and study object (as a new process would), and its checkpoint is gone once it ends.
 */
class ContinuedTrialTest {
    @TempDir
    Path dir;

    /** Storage that is not an {@link InMemoryStorage} to the objective, as SQLite or PostgreSQL would be. */
    private static Storage outliving(Storage inside) {
        return (Storage) Proxy.newProxyInstance(Storage.class.getClassLoader(), new Class<?>[] {Storage.class},
                (proxy, method, args) -> {
                    try {
                        return method.invoke(inside, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private Dl4jObjective objective(boolean checkpointEveryEpoch) {
        DataSet train = Dl4jObjectiveTest.rawTrain();
        DataSet validation = Dl4jObjectiveTest.rawValidation();
        return Dl4jObjective.builder()
                .multiLayer(trial -> Dl4jObjectiveTest.mlp(trial.suggestFloat("learning_rate", 1e-3, 1e-2, true), 10))
                .train(trial -> new ViewIterator(train, 100))
                .validation(new ViewIterator(validation, 250))
                .normalizer(new ImagePreProcessingScaler(0, 1))
                .maxEpochs(4).workDir(dir.resolve("work")).checkpointEveryEpoch(checkpointEveryEpoch).build();
    }

    private static Study study(Storage storage, List<Integer> reported) {
        return Study.builder().name("continued").direction(Direction.MAXIMIZE).seed(3).storage(storage)
                .onReport((number, step, value) -> reported.add(step)).build();
    }

    @Test
    void aTrialADeadProcessLeftContinuesFromItsCheckpointAtTheNextEpoch() throws Exception {
        Storage storage = outliving(new InMemoryStorage());
        Study killed = study(storage, new ArrayList<>());
        Trial trial = killed.ask();
        objective(true).evaluate(trial, 2);   // trains 2 epochs and checkpoints, as a run killed then would have
        FrozenTrial atDeath = trial.frozen();
        Path checkpoint = Path.of((String) atDeath.systemAttrs().get(Dl4jObjective.CHECKPOINT_ATTR));
        assertTrue(Files.isDirectory(checkpoint), "checkpointed at " + checkpoint);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String host = String.valueOf(atDeath.systemAttrs().get(Study.WORKER_ATTR)).replaceAll("^[0-9]+", "");
        storage.setTrialSystemAttr(trial.id(), Study.WORKER_ATTR, gone.pid() + host);

        List<Integer> reported = new ArrayList<>();
        Study next = study(storage, reported);
        Dl4jObjective again = objective(true);
        assertTrue(again.continuesTrials(next));
        next.optimize(again, Budget.studyTrials(1));

        FrozenTrial after = storage.getTrial(trial.id());
        assertEquals(TrialState.COMPLETE, after.state(), after.toString());
        assertEquals(1, next.trials().size(), "the trial counted once");
        assertEquals(List.of(3, 4), reported, "only the remaining epochs trained");
        assertEquals(atDeath.intermediateValues().get(1), after.intermediateValues().get(1));
        assertEquals(atDeath.intermediateValues().get(2), after.intermediateValues().get(2));
        assertEquals(4, after.intermediateValues().size());
        assertEquals(4, ((Map<?, ?>) after.systemAttrs().get(Dl4jObjective.EPOCH_COSTS_ATTR)).size());
        assertFalse(Files.exists(checkpoint), "the checkpoint is deleted once the trial ended");
    }

    @Test
    void inMemoryOrSwitchedOffTheObjectiveDoesNotContinueTrials() {
        Study inMemory = study(new InMemoryStorage(), new ArrayList<>());
        Study stored = study(outliving(new InMemoryStorage()), new ArrayList<>());
        assertFalse(objective(true).continuesTrials(inMemory));
        assertFalse(objective(false).continuesTrials(stored));
        assertTrue(objective(true).continuesTrials(stored));
    }
}
