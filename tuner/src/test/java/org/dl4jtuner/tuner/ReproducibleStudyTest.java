package org.dl4jtuner.tuner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.dl4jtuner.tuner.pruner.Pruner;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.CmaEsSampler;
import org.dl4jtuner.tuner.sampler.EvolutionSampler;
import org.dl4jtuner.tuner.sampler.GpSampler;
import org.dl4jtuner.tuner.sampler.Sampler;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.sampler.TpeSampler;
import org.dl4jtuner.tuner.storage.InMemoryStorage;
import org.dl4jtuner.tuner.storage.Storage;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Study.Builder#reproducible(int)}: runs of one parallel study agree trial by trial with a
 * sequential run, whatever order the trials finish in. The objective is deterministic in its
 * parameters but sleeps a few random milliseconds per step, from a generator seeded differently in
 * each run, so trials finish in a different order every time.
 */
class ReproducibleStudyTest {
    private static final long SEED = 7;
    private static final int STEPS = 9;
    private static final int TRIALS = 30;
    private static final List<Double> GRID_X = List.of(-4.0, -1.0, 0.0, 2.0);
    private static final List<Double> GRID_Y = List.of(0.01, 0.1, 0.5);
    private static final List<Integer> GRID_N = List.of(1, 4);
    private static final List<String> CHOICES = List.of("a", "b", "c");

    /** What must agree between runs: a trial's number, parameters, state, value and reports. */
    private record Outcome(int number, Map<String, Object> params, TrialState state, Double value,
            NavigableMap<Integer, Double> reports) {
    }

    /** A sampler and a pruner to run reproducibly. */
    private record Setup(LongFunction<Sampler> sampler, Supplier<Pruner> pruner) {
    }

    static Stream<Arguments> setups() {
        return Stream.of(
                setup("random, median pruner", Samplers::random, () -> Pruners.median(3, 2)),
                setup("sobol, asha", Samplers::sobol, () -> Pruners.successiveHalving(1, STEPS, 3)),
                setup("tpe, median pruner", Samplers::tpe, () -> Pruners.median(3, 2)),
                setup("tpe constant liar, asha", s -> TpeSampler.builder(s).startupTrials(6).constantLiar(true)
                        .build(), () -> Pruners.successiveHalving(1, STEPS, 3)),
                setup("tpe multivariate constant liar, hyperband", s -> TpeSampler.builder(s).startupTrials(6)
                        .multivariate(true).constantLiar(true).build(), () -> Pruners.hyperband(1, STEPS, 3)),
                setup("gp", s -> GpSampler.builder(s).startupTrials(6).candidates(64).localStarts(1).build(),
                        Pruners::none),
                setup("cmaes", s -> CmaEsSampler.builder(s).population(4).build(), Pruners::none),
                setup("evolution, median pruner", s -> EvolutionSampler.builder(s).populationSize(6).build(),
                        () -> Pruners.median(3, 2)),
                setup("bohb, hyperband", Samplers::bohb, () -> Pruners.hyperband(1, STEPS, 3)),
                setup("grid, asha", s -> Samplers.grid(Map.of("x", GRID_X, "y", GRID_Y, "n", GRID_N, "c",
                        List.of("a", "b"))), () -> Pruners.successiveHalving(1, STEPS, 3)));
    }

    private static Arguments setup(String name, LongFunction<Sampler> sampler, Supplier<Pruner> pruner) {
        return Arguments.of(Named.of(name, new Setup(sampler, pruner)));
    }

    /** Deterministic in the trial's parameters; sleeps 0 to 2 ms per step, drawn from {@code sleeps}. */
    private static Objective objective(Random sleeps) {
        return trial -> {
            double x = trial.suggestFloat("x", -5, 5);
            double y = trial.suggestFloat("y", 1e-3, 1, true);
            int n = trial.suggestInt("n", 1, 8);
            String c = trial.suggestCategorical("c", CHOICES);
            double base = (x - 1) * (x - 1) + Math.pow(Math.log10(y) + 1, 2) + 0.1 * n + CHOICES.indexOf(c);
            double value = base;
            for (int step = 1; step <= STEPS; step++) {
                Thread.sleep(sleeps.nextInt(3));
                value = base + 1.0 / step;
                trial.report(step, value);
                if (trial.shouldPrune()) {
                    throw new TrialPrunedException();
                }
            }
            return value;
        };
    }

    private static Study study(Setup setup, Integer lag, Storage storage) {
        Study.Builder builder = Study.builder().name("repro").seed(SEED).sampler(setup.sampler.apply(SEED))
                .pruner(setup.pruner.get()).storage(storage);
        if (lag != null) {
            builder.reproducible(lag);
        }
        return builder.build();
    }

    private static List<Outcome> run(Setup setup, Integer lag, int parallel, long sleepSeed) {
        Study study = study(setup, lag, new InMemoryStorage());
        study.optimize(objective(new Random(sleepSeed)), Budget.trials(TRIALS + 20), parallel);
        return outcomes(study);
    }

    private static List<Outcome> outcomes(Study study) {
        List<Outcome> outcomes = new ArrayList<>();
        for (FrozenTrial t : study.trials()) {
            outcomes.add(new Outcome(t.number(), t.params(), t.state(), t.value(), t.intermediateValues()));
        }
        return outcomes;
    }

    @ParameterizedTest
    @MethodSource("setups")
    void parallelRunsRepeatTheSequentialRunTrialByTrial(Setup setup) {
        List<Outcome> sequential = run(setup, 2, 1, 1);
        List<Outcome> parallel = run(setup, 2, 4, 2);
        List<Outcome> again = run(setup, 2, 4, 3);
        assertTrue(sequential.size() >= TRIALS, "trials " + sequential.size());
        assertEquals(sequential, parallel);
        assertEquals(sequential, again);
    }

    @Test
    void withoutReproducibleAParallelRunMayDiffer() {
        Setup setup = new Setup(s -> TpeSampler.builder(s).startupTrials(4).constantLiar(true).build(),
                () -> Pruners.median(2, 1));
        List<Outcome> sequential = run(setup, null, 1, 1);
        List<Outcome> parallel = run(setup, null, 4, 2);
        assumeTrue(!sequential.equals(parallel), "this parallel run happened to match the sequential one");
        assertEquals(run(setup, 2, 1, 1), run(setup, 2, 4, 2), "while reproducible runs agree");
    }

    @Test
    void twoStudyObjectsOnOneStorageRepeatTheSequentialRun() throws Exception {
        Setup setup = new Setup(s -> TpeSampler.builder(s).startupTrials(6).constantLiar(true).build(),
                () -> Pruners.median(3, 2));
        Study alone = study(setup, 3, new InMemoryStorage());
        alone.optimize(objective(new Random(1)), Budget.studyTrials(TRIALS), 1);

        // two "processes": separate Study objects (and monitors) that meet only in storage
        Storage shared = new InMemoryStorage();
        Study first = study(setup, 3, shared);
        Study second = study(setup, 3, shared);
        ExecutorService processes = Executors.newFixedThreadPool(2);
        try {
            Future<?> a = processes.submit(() -> first.optimize(objective(new Random(2)), Budget.studyTrials(TRIALS), 2));
            Future<?> b = processes.submit(() -> second.optimize(objective(new Random(3)), Budget.studyTrials(TRIALS), 1));
            a.get();
            b.get();
        } finally {
            processes.shutdown();
        }
        assertEquals(outcomes(alone), outcomes(first));
    }

    @Test
    void lagZeroRunsTrialsOneAfterAnother() {
        List<int[]> overlaps = new ArrayList<>();
        int[] running = {0};
        Study study = Study.builder().seed(SEED).reproducible(0).build();
        study.optimize(trial -> {
            synchronized (running) {
                overlaps.add(new int[] {++running[0]});
            }
            Thread.sleep(2);
            synchronized (running) {
                running[0]--;
            }
            return trial.suggestFloat("x", 0, 1);
        }, 8, 3);
        assertEquals(8, study.trials(TrialState.COMPLETE).size());
        assertTrue(overlaps.stream().allMatch(o -> o[0] == 1), "trials overlapped");
    }

    @Test
    void aNegativeLagIsRefusedWithTheRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Study.builder().reproducible(-1));
        assertEquals("reproducible lag >= 0 must hold, but got lag=-1; lag 0 runs trials one after another,"
                + " 4 is the default", e.getMessage());
        assertEquals(4, Study.builder().reproducible(true).build().reproducibleLag().getAsInt());
        assertTrue(Study.builder().reproducible(false).build().reproducibleLag().isEmpty());
    }

    @Test
    void askingTooFarAheadOnOneThreadThrowsInsteadOfWaitingForever() {
        Study study = Study.builder().seed(SEED).reproducible(1).build();
        study.ask();
        study.ask();
        IllegalStateException e = assertThrows(IllegalStateException.class, study::ask);
        assertEquals("reproducible(lag=1): trial 2 needs trial 0 finished, but this thread asked trial 0 and has"
                + " not told it; ask at most lag + 1 trials ahead of the last one told", e.getMessage());
        FrozenTrial abandoned = study.trials().get(2);
        assertEquals(TrialState.FAIL, abandoned.state());
        assertEquals(true, abandoned.systemAttrs().get(Storage.DIED_ATTR));
    }

    @Test
    void stoppingEndsAWaitingAsk() {
        Study study = Study.builder().seed(SEED).reproducible(0).build();
        study.optimize(trial -> {
            if (trial.number() == 0) {
                study.stop();
                Thread.sleep(100);
            }
            return trial.suggestFloat("x", 0, 1);
        }, 10, 2);
        List<FrozenTrial> trials = study.trials();
        assertEquals(TrialState.COMPLETE, trials.get(0).state());
        assertTrue(trials.stream().skip(1).allMatch(t -> t.state() == TrialState.FAIL
                && Boolean.TRUE.equals(t.systemAttrs().get(Storage.DIED_ATTR))), "after the stop: " + trials);
    }

    @Test
    void aSamplerSeesOnlyTheTrialsTheRuleFixes() {
        List<List<Integer>> seen = new ArrayList<>();
        Sampler spy = new Sampler() {
            @Override
            public Object sampleIndependent(Study study, FrozenTrial trial, String name,
                    org.dl4jtuner.tuner.distribution.Distribution distribution) {
                List<Integer> view = new ArrayList<>();
                for (FrozenTrial t : study.trials()) {
                    view.add(t.isFinished() ? t.number() : -t.number() - 1);
                    assertTrue(t.isFinished() || t.params().isEmpty(), "a pending trial shows its parameters");
                }
                seen.add(view);
                return 0.5;
            }
        };
        Study study = Study.builder().seed(SEED).sampler(spy).reproducible(2).build();
        study.optimize(trial -> trial.suggestFloat("x", 0, 1), 5);
        // trial n sees trials below n - 2 finished, n - 2 and n - 1 pending (-number - 1)
        assertEquals(List.of(List.of(), List.of(-1), List.of(-1, -2), List.of(0, -2, -3), List.of(0, 1, -3, -4)), seen);
        assertEquals(5, study.trials().size(), "outside a sampler call every trial shows");
    }
}
