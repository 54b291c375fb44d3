package org.dl4jtuner.tuner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.storage.InMemoryStorage;
import org.dl4jtuner.tuner.storage.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Studies of several objectives: the Pareto front, constraints, the trial loop and what is refused. */
class MultiObjectiveStudyTest {
    private static final Direction MIN = Direction.MINIMIZE;
    private static final Direction MAX = Direction.MAXIMIZE;

    private static String message(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    /** Whether a is at least as good as b everywhere and better somewhere, written out without the library. */
    private static boolean bruteDominates(double[] a, double[] b, List<Direction> directions) {
        boolean better = false;
        for (int k = 0; k < a.length; k++) {
            double x = directions.get(k) == MIN ? a[k] : -a[k];
            double y = directions.get(k) == MIN ? b[k] : -b[k];
            if (x > y) {
                return false;
            }
            better |= x < y;
        }
        return better;
    }

    @Test
    void bestTrialsIsExactlyTheNonDominatedSetOfFeasibleCompleteTrials() {
        for (long seed = 1; seed <= 8; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            int m = 2 + random.nextInt(2);
            Direction[] directions = new Direction[m];
            for (int k = 0; k < m; k++) {
                directions[k] = random.nextBoolean() ? MIN : MAX;
            }
            Study study = Study.builder().directions(directions).seed(seed).build();
            List<FrozenTrial> eligible = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                Trial trial = study.ask();
                double[] values = new double[m];
                for (int k = 0; k < m; k++) {
                    values[k] = random.nextInt(6);   // few levels: many ties and equal points
                }
                boolean infeasible = random.nextDouble() < 0.2;
                if (random.nextBoolean()) {
                    trial.setConstraint(infeasible ? random.nextDouble(0.01, 3) : -random.nextDouble(), -1);
                } else if (infeasible) {
                    trial.setConstraint(-1, random.nextDouble(0.01, 3));
                }
                double fate = random.nextDouble();
                FrozenTrial told;
                if (fate < 0.1) {
                    told = study.tell(trial, TrialState.FAIL);
                } else if (fate < 0.2) {
                    trial.report(1, values);
                    told = study.tell(trial, TrialState.PRUNED);
                } else {
                    told = study.tell(trial, values);
                }
                if (told.state() == TrialState.COMPLETE && !infeasible) {
                    eligible.add(told);
                }
            }
            List<Integer> expected = new ArrayList<>();
            for (FrozenTrial t : eligible) {
                boolean dominated = false;
                for (FrozenTrial o : eligible) {
                    dominated |= bruteDominates(o.values(), t.values(), List.of(directions));
                }
                if (!dominated) {
                    expected.add(t.number());
                }
            }
            List<Integer> front = study.bestTrials().stream().map(FrozenTrial::number).toList();
            assertFalse(expected.isEmpty());
            assertEquals(expected, front, "seed " + seed + ", directions " + List.of(directions));
        }
    }

    @Test
    void aSingleObjectiveStudysBestTrialsAreTheTiesOfBestTrial() {
        Study study = Study.builder().direction(MAX).build();
        double[] values = {0.5, 0.9, 0.2, 0.9, 0.95, 0.9};
        for (int i = 0; i < values.length; i++) {
            Trial t = study.ask();
            if (i == 4) {
                t.setConstraint(0.5);   // the highest value, but infeasible
            }
            study.tell(t, values[i]);
        }
        assertEquals(List.of(1, 3, 5), study.bestTrials().stream().map(FrozenTrial::number).toList());
        assertEquals(1, study.bestTrial().number(), "bestTrial is the first of bestTrials and skips infeasible trials");
        assertArrayEquals(new double[] {0.9}, study.bestTrial().values());
        assertEquals(List.of(), Study.builder().build().bestTrials(), "no trial yet: an empty front");
    }

    @Test
    void valuesConstraintsAndStepValuesAreReadBack() {
        Study study = Study.builder().directions(MAX, MIN).build();
        Trial trial = study.ask();
        trial.report(1, new double[] {0.5, 1000});
        trial.report(1, new double[] {0.6, 1000});
        trial.report(2, new double[] {0.7, 1000});
        trial.setConstraint(-5, 2);
        FrozenTrial done = study.tell(trial, new double[] {0.75, 1000});
        assertArrayEquals(new double[] {0.75, 1000}, done.values());
        assertEquals(0.75, done.value(), "value is the first objective");
        assertArrayEquals(new double[] {-5, 2}, done.constraints());
        assertFalse(done.isFeasible());
        assertEquals(List.of(1, 2), List.copyOf(done.stepValues().keySet()));
        assertArrayEquals(new double[] {0.5, 1000}, done.stepValues().get(1), "a step reported twice keeps its first values");
        assertEquals(0.7, done.intermediateValues().get(2), "the intermediate value is the first objective");

        Trial pruned = study.ask();
        pruned.report(3, new double[] {0.1, 50});
        assertArrayEquals(new double[] {0.1, 50}, study.tell(pruned, TrialState.PRUNED).values(),
                "a pruned trial holds its last report's values");
        assertNull(study.tell(study.ask(), TrialState.FAIL).values());
        Trial plain = Study.builder().build().ask();
        assertNull(plain.frozen().constraints());
        assertTrue(plain.frozen().isFeasible(), "no constraints: feasible");
    }

    @Test
    void optimizeRunsAMultiObjectiveOneAtATimeAndInParallel() {
        MultiObjective objective = trial -> {
            double x = trial.suggestFloat("x", 0, 1);
            trial.setConstraint(x - 0.9);
            return new double[] {x, (1 - x) * (1 - x)};
        };
        Study study = Study.builder().directions(MIN, MIN).sampler(Samplers.nsga2(3)).seed(3).build();
        study.optimize(objective, 30);
        study.optimize(objective, 30, 2);
        study.optimize(objective, Budget.trials(10));
        assertEquals(70, study.trials(TrialState.COMPLETE).size());
        for (FrozenTrial t : study.bestTrials()) {
            assertTrue((double) t.param("x") <= 0.9, "the front holds feasible trials only: " + t.params());
        }
        assertTrue(study.bestTrials().size() >= 10, "x trades off the two objectives, so most trials are on the front");
    }

    @Test
    void aWrongCountOrANanFromTheObjectiveFailsTheTrialAndTheStudyGoesOn() {
        Study study = Study.builder().directions(MIN, MAX).build();
        AtomicInteger calls = new AtomicInteger();
        MultiObjective objective = trial -> switch (calls.getAndIncrement()) {
            case 0 -> new double[] {1, 2, 3};
            case 1 -> new double[] {Double.NaN, 2};
            default -> new double[] {1, 2};
        };
        study.optimize(objective, 3);
        List<FrozenTrial> trials = study.trials();
        assertEquals(List.of(TrialState.FAIL, TrialState.FAIL, TrialState.COMPLETE),
                trials.stream().map(FrozenTrial::state).toList());
        assertEquals("the objective returned 3 values [1.0, 2.0, 3.0], but study 'study' has 2 objectives"
                + " (directions [MINIMIZE, MAXIMIZE])", trials.get(0).systemAttrs().get(Study.FAIL_REASON_ATTR));
        assertTrue(String.valueOf(trials.get(1).systemAttrs().get(Study.FAIL_REASON_ATTR)).contains("NaN for objective 0"),
                String.valueOf(trials.get(1).systemAttrs().get(Study.FAIL_REASON_ATTR)));
    }

    @Test
    void tellAndReportRefuseTheWrongNumberOfValuesNamingBoth() {
        Study study = Study.builder().directions(MIN, MAX).build();
        Trial trial = study.ask();
        assertEquals("tell(trial, values) gives 3 values, but study 'study' has 2 objectives (directions [MINIMIZE,"
                + " MAXIMIZE])", message(() -> study.tell(trial, new double[] {1, 2, 3})));
        assertEquals("tell(trial, value) gives 1 value, but study 'study' has 2 objectives (directions [MINIMIZE,"
                + " MAXIMIZE]); give one value per objective", message(() -> study.tell(trial, 1.0)));
        assertEquals("report(step, value) gives 1 value, but study 'study' has 2 objectives (directions [MINIMIZE,"
                + " MAXIMIZE]); give one value per objective", message(() -> trial.report(1, 0.5)));
        assertTrue(message(() -> trial.report(1, new double[] {1})).startsWith("report(step, values) gives 1 value,"));
        assertEquals(TrialState.RUNNING, trial.frozen().state(), "a refused tell leaves the trial running");
        Study single = Study.builder().name("single").storage(study.storage()).build();
        assertEquals("tell(trial, values) gives 2 values, but study 'single' has 1 objective (directions [MINIMIZE])",
                message(() -> single.tell(single.ask(), new double[] {1, 2})));
        assertTrue(message(() -> trial.setConstraint(1, Double.NaN)).contains("constraint 1 of trial 0 must be a number"));
        assertTrue(message(() -> trial.setConstraint()).contains("at least one value"));
    }

    @Test
    void directionsAreGivenOnceNotEmptyAndNotBesideDirection() {
        assertTrue(message(() -> Study.builder().directions(MIN, MAX).directions(MIN, MAX))
                .startsWith("directions were already given as [MINIMIZE, MAXIMIZE]"));
        assertEquals("directions needs at least one direction, but got none", message(() -> Study.builder().directions()));
        assertTrue(message(() -> Study.builder().directions(MIN, null)).startsWith("directions[1] must be MINIMIZE or MAXIMIZE"));
        assertEquals("give either direction or directions, but got direction MAXIMIZE and directions [MINIMIZE, MAXIMIZE]",
                message(() -> Study.builder().direction(MAX).directions(MIN, MAX).build()));
    }

    @Test
    void singleObjectiveSamplersAndPrunersAreRefusedByName() {
        String gp = message(() -> Study.builder().directions(MIN, MAX).sampler(Samplers.gp(1)).build());
        assertTrue(gp.startsWith("sampler gp") && gp.contains("optimizes a single objective, but study 'study' has 2"
                + " objectives") && gp.contains("nsga2") && gp.contains("tpe"), gp);
        String median = message(() -> Study.builder().directions(MIN, MAX).pruner(Pruners.median(5, 0)).build());
        assertTrue(median.startsWith("pruner ") && median.contains("judges a single objective")
                && median.contains("pareto_asha"), median);
        for (var sampler : List.of(Samplers.random(1), Samplers.sobol(1), Samplers.nsga2(1), Samplers.tpe(1),
                Samplers.grid(Map.of("x", List.of(1, 2))))) {
            assertEquals(List.of(MIN, MAX), Study.builder().directions(MIN, MAX).sampler(sampler)
                    .pruner(Pruners.paretoRung(1, 9, 3)).build().directions(), sampler.name());
        }
    }

    @Test
    void aTerminatorOrAWarmStartOfOneObjectiveIsRefusedForSeveral() {
        String terminator = message(() -> Study.builder().directions(MIN, MAX)
                .terminator(org.dl4jtuner.tuner.terminator.Terminators.noImprovement(5)).build());
        assertTrue(terminator.startsWith("terminator ") && terminator.contains("watches a single objective's best value,"
                + " but study 'study' has 2 objectives"), terminator);
        Study past = Study.builder().direction(Direction.MINIMIZE).build();
        past.optimize(trial -> trial.suggestFloat("x", 0, 1), 3);
        String warm = message(() -> Study.builder().directions(MIN, MAX).warmStartFrom(past.trials()).build());
        assertTrue(warm.startsWith("warmStartFrom ranks past trials by a single objective, but study 'study' has 2"
                + " objectives"), warm);
        assertEquals(List.of(MIN, MAX), Study.builder().directions(MIN, MAX).warmStartFrom(List.of()).build().directions(),
                "an empty warm start is no warm start");
    }

    @Test
    void aMultiObjectiveStudyHasNoSingleDirectionBestTrialOrObjective() {
        Study study = Study.builder().directions(MIN, MAX).build();
        study.tell(study.ask(), new double[] {1, 2});
        IllegalStateException direction = assertThrows(IllegalStateException.class, study::direction);
        assertEquals("study 'study' has 2 objectives (directions [MINIMIZE, MAXIMIZE]), so direction() is not defined;"
                + " use directions()", direction.getMessage());
        assertTrue(assertThrows(IllegalStateException.class, study::bestTrial).getMessage().contains("use bestTrials()"));
        assertTrue(message(() -> study.optimize(trial -> 1.0, 1)).contains("give a MultiObjective"));
        assertTrue(study.isMultiObjective());
        assertFalse(Study.builder().directions(MAX).build().isMultiObjective(), "one direction: single-objective");
    }

    @Test
    void aStoredStudyKeepsItsDirectionsAndRefusesOthers() {
        Storage storage = new InMemoryStorage();
        Study first = Study.builder().name("mo").directions(MAX, MIN, MIN).storage(storage).build();
        first.tell(first.ask(), new double[] {1, 2, 3});
        Study resumed = Study.builder().name("mo").storage(storage).build();
        assertEquals(List.of(MAX, MIN, MIN), resumed.directions());
        assertArrayEquals(new double[] {1, 2, 3}, resumed.bestTrials().get(0).values());
        assertEquals("study 'mo' exists with directions [MAXIMIZE, MINIMIZE, MINIMIZE], but the builder asks for"
                + " directions [MAXIMIZE, MINIMIZE]; use the stored directions or another name",
                message(() -> Study.builder().name("mo").directions(MAX, MIN).storage(storage).build()));
        Study single = Study.builder().name("so").direction(MAX).storage(storage).build();
        single.tell(single.ask(), 0.5);
        assertTrue(message(() -> Study.builder().name("so").directions(MAX, MIN).storage(storage).build())
                .contains("exists with directions [MAXIMIZE], but the builder asks for directions [MAXIMIZE, MINIMIZE]"));
        assertEquals(List.of(MAX), Study.builder().name("so").storage(storage).build().directions());
    }
}
