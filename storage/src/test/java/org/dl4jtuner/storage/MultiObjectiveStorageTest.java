package org.dl4jtuner.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.MultiObjective;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.sampler.MultiObjectiveProblems;
import org.dl4jtuner.tuner.sampler.Nsga2Sampler;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.storage.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multi-objective study's directions, values, constraints and per-step values in a real SQLite
 * file and a real PostgreSQL server, read back by a new study object over a new connection; and
 * NSGA-II's generations and multi-objective TPE's proposals continued from there.
 */
class MultiObjectiveStorageTest {
    private static final Direction MAX = Direction.MAXIMIZE;
    private static final Direction MIN = Direction.MINIMIZE;

    @TempDir
    Path dir;

    private static void write(Storage storage) {
        Study study = Study.builder().name("mo").directions(MAX, MIN).storage(storage).build();
        Trial first = study.ask();
        first.report(1, new double[] {0.5, 2000});
        first.report(2, new double[] {0.7, 2000});
        first.setConstraint(-1, 0.25);
        study.tell(first, new double[] {0.75, 2000});
        Trial second = study.ask();
        second.setConstraint(-3);
        study.tell(second, new double[] {0.6, 500});
        Trial nan = study.ask();
        nan.report(1, new double[] {Double.NaN, 10});
        study.tell(nan, TrialState.PRUNED);
        Study single = Study.builder().name("so").direction(MAX).storage(storage).build();
        single.tell(single.ask(), 0.9);
    }

    private static void readBack(Storage storage) {
        Study study = Study.builder().name("mo").storage(storage).build();
        assertEquals(List.of(MAX, MIN), study.directions());
        List<FrozenTrial> trials = study.trials();
        FrozenTrial first = trials.get(0);
        assertArrayEquals(new double[] {0.75, 2000}, first.values());
        assertEquals(0.75, first.value());
        assertArrayEquals(new double[] {-1, 0.25}, first.constraints());
        assertFalse(first.isFeasible());
        assertArrayEquals(new double[] {0.5, 2000}, first.stepValues().get(1));
        assertArrayEquals(new double[] {0.7, 2000}, first.stepValues().get(2));
        assertTrue(trials.get(1).isFeasible());
        assertTrue(Double.isNaN(trials.get(2).stepValues().get(1)[0]), "NaN survives the round trip");
        assertTrue(Double.isNaN(trials.get(2).values()[0]));
        assertEquals(List.of(1), study.bestTrials().stream().map(FrozenTrial::number).toList(),
                "trial 0 is infeasible, trial 2 pruned");
        Study single = Study.builder().name("so").storage(storage).build();
        assertEquals(List.of(MAX), single.directions());
        assertArrayEquals(new double[] {0.9}, single.bestTrial().values());
        assertNull(single.bestTrial().constraints());
        assertFalse(storage.studySystemAttrs(single.id()).containsKey(Study.DIRECTIONS_ATTR),
                "a single-objective study's attributes are as before");
    }

    @Test
    void roundTripInSqlite() {
        Path file = dir.resolve("mo.db");
        try (Storage storage = SqliteStorage.open(file)) {
            write(storage);
        }
        try (Storage storage = SqliteStorage.open(file)) {
            readBack(storage);
        }
    }

    @Test
    @RequiresPostgres
    void roundTripInPostgres() throws Exception {
        String url = System.getenv(PostgresStorageTest.URL_VARIABLE);
        PostgresStorageTest.emptySchema(url);
        try (Storage storage = PostgresStorage.open(url + "?currentSchema=" + PostgresStorageTest.SCHEMA)) {
            write(storage);
        }
        try (Storage storage = PostgresStorage.open(url + "?currentSchema=" + PostgresStorageTest.SCHEMA)) {
            readBack(storage);
        }
    }

    @Test
    void nsga2ContinuesItsGenerationsInANewStudyOverTheSameFile() {
        Path file = dir.resolve("nsga2.db");
        MultiObjective objective = MultiObjectiveProblems.zdt1(2);
        try (Storage storage = SqliteStorage.open(file)) {
            Study study = Study.builder().name("zdt").directions(MIN, MIN).storage(storage).seed(2)
                    .sampler(Nsga2Sampler.builder(2).populationSize(8).build()).build();
            study.optimize(objective, 20);   // generations 0 and 1, and half of 2
        }
        try (Storage storage = SqliteStorage.open(file)) {
            Study study = Study.builder().name("zdt").storage(storage).seed(2)
                    .sampler(Nsga2Sampler.builder(2).populationSize(8).build()).build();
            study.optimize(objective, 12);
            List<FrozenTrial> trials = study.trials();
            assertEquals(32, trials.size());
            for (FrozenTrial t : trials) {
                assertEquals(t.number() / 8, ((Number) t.systemAttrs().get(Nsga2Sampler.GENERATION_ATTR)).intValue(),
                        "trial " + t.number() + "'s generation, across the two study objects");
            }
            List<?> parents = (List<?>) trials.get(20).systemAttrs().get(Nsga2Sampler.PARENTS_ATTR);
            for (Object p : parents) {
                int generation = ((Number) trials.get(((Number) p).intValue()).systemAttrs()
                        .get(Nsga2Sampler.GENERATION_ATTR)).intValue();
                assertTrue(generation <= 1, "the first trial after resuming breeds from the elite of generations 0"
                        + " and 1, but parent " + p + " is of generation " + generation);
            }
        }
        // the same 32 trials as one uninterrupted run
        try (Storage storage = SqliteStorage.open(dir.resolve("once.db"))) {
            Study once = Study.builder().name("zdt").directions(MIN, MIN).storage(storage).seed(2)
                    .sampler(Nsga2Sampler.builder(2).populationSize(8).build()).build();
            once.optimize(objective, 32);
            try (Storage resumed = SqliteStorage.open(file)) {
                Study study = Study.builder().name("zdt").storage(resumed).build();
                assertEquals(once.trials().stream().map(FrozenTrial::params).toList(),
                        study.trials().stream().map(FrozenTrial::params).toList());
            }
        }
    }

    @Test
    void multiObjectiveTpeProposesInAReopenedFileWhatAnUninterruptedRunWould() {
        Path file = dir.resolve("tpe.db");
        MultiObjective objective = trial -> {
            double x = trial.suggestFloat("x", 0, 1);
            double y = trial.suggestFloat("y", 0, 1);
            trial.setConstraint(0.1 - y);   // y >= 0.1
            return new double[] {x, (1 + 9 * y) * (1 - Math.sqrt(x / (1 + 9 * y)))};
        };
        try (Storage storage = SqliteStorage.open(file)) {
            Study study = Study.builder().name("zdt").directions(MIN, MIN).storage(storage).seed(4)
                    .sampler(Samplers.tpe(4)).build();
            study.optimize(objective, 16);   // 10 random start-up trials, then 6 of the model
        }
        try (Storage storage = SqliteStorage.open(file)) {
            Study study = Study.builder().name("zdt").storage(storage).seed(4).sampler(Samplers.tpe(4)).build();
            study.optimize(objective, 8);
        }
        try (Storage storage = SqliteStorage.open(dir.resolve("tpe-once.db"))) {
            Study once = Study.builder().name("zdt").directions(MIN, MIN).storage(storage).seed(4)
                    .sampler(Samplers.tpe(4)).build();
            once.optimize(objective, 24);
            try (Storage resumed = SqliteStorage.open(file)) {
                List<FrozenTrial> trials = Study.builder().name("zdt").storage(resumed).build().trials();
                assertEquals(24, trials.size());
                assertEquals(once.trials().stream().map(FrozenTrial::params).toList(),
                        trials.stream().map(FrozenTrial::params).toList());
            }
        }
    }

    @Test
    void nsga2WithPrunedTrialsProposesInAReopenedFileWhatAnUninterruptedRunWould() {
        Path file = dir.resolve("nsga2-pruned.db");
        // three trials in four pruned at epoch 1, 2 or 3: pruned trials fill NSGA-II's generations and are ranked
        // by their last reported step and values, which the reopened file must give back as they were
        MultiObjective objective = MultiObjectiveProblems.mostlyPruned(MultiObjectiveProblems.zdt1(2));
        try (Storage storage = SqliteStorage.open(file)) {
            Study study = Study.builder().name("zdt").directions(MIN, MIN).storage(storage).seed(6)
                    .sampler(Nsga2Sampler.builder(6).populationSize(6).build()).build();
            study.optimize(objective, 15);   // generations 0 and 1, half of 2
        }
        try (Storage storage = SqliteStorage.open(file)) {
            Study study = Study.builder().name("zdt").storage(storage).seed(6)
                    .sampler(Nsga2Sampler.builder(6).populationSize(6).build()).build();
            study.optimize(objective, 15);
        }
        try (Storage storage = SqliteStorage.open(dir.resolve("nsga2-pruned-once.db"))) {
            Study once = Study.builder().name("zdt").directions(MIN, MIN).storage(storage).seed(6)
                    .sampler(Nsga2Sampler.builder(6).populationSize(6).build()).build();
            once.optimize(objective, 30);
            try (Storage resumed = SqliteStorage.open(file)) {
                List<FrozenTrial> trials = Study.builder().name("zdt").storage(resumed).build().trials();
                assertEquals(30, trials.size());
                assertEquals(22, trials.stream().filter(t -> t.state() == TrialState.PRUNED).count());
                assertEquals(4, ((Number) trials.get(29).systemAttrs().get(Nsga2Sampler.GENERATION_ATTR)).intValue(),
                        "six finished trials, most of them pruned, fill a generation");
                assertEquals(once.trials().stream().map(FrozenTrial::params).toList(),
                        trials.stream().map(FrozenTrial::params).toList());
                assertEquals(once.trials().stream().map(t -> t.systemAttrs().get(Nsga2Sampler.PARENTS_ATTR)).toList(),
                        trials.stream().map(t -> t.systemAttrs().get(Nsga2Sampler.PARENTS_ATTR)).toList());
            }
        }
    }
}
