package org.dl4jtuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.dl4jtuner.storage.Storages;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.storage.StudyRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --reproducible}: the wine example (TPE, median pruning, real DL4J training) gives the
 * same parameters, states and values for every trial number with 1 and with 4 trials at a time.
 */
class ReproducibleRunTest {
    @TempDir
    Path dir;

    /** One trial as the comparison sees it: what was proposed, how it ended, what it reported. */
    private record Outcome(int number, Object params, Object state, Double value, Object reports) {
    }

    private List<Outcome> run(int parallel) {
        String url = "sqlite:" + dir.resolve("p" + parallel + ".db");
        PersistentStudyTest.Result r = PersistentStudyTest.run("run", Path.of("../examples/wine-mlp.yaml").toString(),
                "--storage", url, "--no-isolate", "--no-baseline", "--reproducible", "--seed", "5", "--trials", "10",
                "--max-epochs", "8", "--parallel", Integer.toString(parallel));
        assertEquals(0, r.code(), r.out() + r.err());
        try (Storage storage = Storages.open(url)) {
            StudyRecord study = storage.findStudy("wine-mlp").orElseThrow();
            return storage.trials(study.id(), Set.of()).stream()
                    .map((FrozenTrial t) -> new Outcome(t.number(), t.params(), t.state(), t.value(), t.intermediateValues()))
                    .toList();
        }
    }

    @Test
    void fourTrialsAtATimeGiveTheTrialsOneAtATimeGives() {
        List<Outcome> one = run(1);
        List<Outcome> four = run(4);
        assertEquals(10, one.size());
        assertTrue(one.stream().map(Outcome::params).distinct().count() == 10, "every trial has its own params");
        assertEquals(one, four);
    }
}
