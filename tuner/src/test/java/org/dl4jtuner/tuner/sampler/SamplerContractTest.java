package org.dl4jtuner.tuner.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Objective;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.junit.jupiter.api.Test;

/**
 * The contract every sampler passes. A sampler's test extends this class and says how to build
 * the sampler; the tests run it on one mixed search space (linear, log, stepped and categorical
 * parameters, and a conditional one).
 */
public abstract class SamplerContractTest {

    /** The sampler under test, seeded. */
    protected abstract Sampler createSampler(long seed);

    /** Whether the sampler chooses values freely (false for a grid, whose values are given). */
    protected boolean drawsFreely() {
        return true;
    }

    /** How many trials each test runs. */
    protected int trials() {
        return 60;
    }

    /** A grid holding values for every parameter of the contract's search space. */
    protected static Map<String, List<?>> gridCoveringTheSpace() {
        Map<String, List<?>> grid = new LinkedHashMap<>();
        grid.put("x", List.of(-5.0, 0.0, 5.0));
        grid.put("lr", List.of(1e-5, 1e-3));
        grid.put("q", List.of(0.0, 0.75));
        grid.put("units", List.of(16, 256));
        grid.put("layers", List.of(1, 3));
        grid.put("filters", List.of(8, 64));
        grid.put("activation", List.of("relu", "tanh"));
        grid.put("units_2", List.of(32));
        grid.put("constant", List.of(3.0));
        return grid;
    }

    /** The contract's search space; a deterministic value so model-based samplers have a signal. */
    protected static final Objective SPACE = trial -> {
        double x = trial.suggestFloat("x", -5, 5);
        double lr = trial.suggestFloat("lr", 1e-5, 1e-1, true);
        double q = trial.suggestFloat("q", 0, 1, 0.25);
        int units = trial.suggestInt("units", 16, 256, true);
        int layers = trial.suggestInt("layers", 1, 3);
        int filters = trial.suggestInt("filters", 8, 64, 8);
        String activation = trial.suggestCategorical("activation", List.of("relu", "tanh", "elu"));
        double constant = trial.suggestFloat("constant", 3, 3);
        if (layers >= 2) {
            trial.suggestInt("units_2", 8, 128, true);
        }
        return (x - 1) * (x - 1) + Math.abs(Math.log10(lr) + 3) + q + units / 256.0 + layers + filters / 64.0
                + activation.length() + constant;
    };

    /** The same space, but only {@code x} matters: a model has no reason to skew the other parameters. */
    private static final Objective ONLY_X_MATTERS = trial -> {
        SPACE.evaluate(trial);
        double x = (double) trial.params().get("x");
        return (x - 1) * (x - 1);
    };

    private Study run(long seed, int parallel) {
        return run(SPACE, seed, parallel);
    }

    private Study run(Objective objective, long seed, int parallel) {
        return run(objective, seed, parallel, trials());
    }

    private Study run(Objective objective, long seed, int parallel, int n) {
        Study study = Study.builder().direction(Direction.MINIMIZE).sampler(createSampler(seed)).seed(seed).build();
        study.optimize(objective, n, parallel);
        return study;
    }

    @Test
    void valuesStayInsideTheirDistributionsAndKeepTheirTypes() {
        Study study = run(7, 1);
        List<FrozenTrial> complete = study.trials(TrialState.COMPLETE);
        assertTrue(complete.size() >= Math.min(trials(), 10), "trials completed: " + complete.size());
        for (FrozenTrial t : complete) {
            double x = assertInstanceOf(Double.class, t.param("x"));
            assertTrue(x >= -5 && x <= 5, "x=" + x);
            double lr = assertInstanceOf(Double.class, t.param("lr"));
            assertTrue(lr >= 1e-5 && lr <= 1e-1, "lr=" + lr);
            double q = assertInstanceOf(Double.class, t.param("q"));
            assertTrue(q >= 0 && q <= 1 && Math.abs(q / 0.25 - Math.rint(q / 0.25)) < 1e-9, "q=" + q);
            int units = assertInstanceOf(Integer.class, t.param("units"));
            assertTrue(units >= 16 && units <= 256, "units=" + units);
            int layers = assertInstanceOf(Integer.class, t.param("layers"));
            assertTrue(layers >= 1 && layers <= 3, "layers=" + layers);
            int filters = assertInstanceOf(Integer.class, t.param("filters"));
            assertTrue(filters >= 8 && filters <= 64 && filters % 8 == 0, "filters=" + filters);
            assertTrue(List.of("relu", "tanh", "elu").contains(t.param("activation")), "activation=" + t.param("activation"));
            assertEquals(3.0, t.param("constant"));
            assertEquals(layers >= 2, t.params().containsKey("units_2"), "conditional parameter follows layers");
        }
    }

    @Test
    void logScaledRangesAreSampledEvenlyInLogSpace() {
        assumeTrue(drawsFreely(), "the sampler's values are given, not drawn");
        Study study = run(ONLY_X_MATTERS, 11, 1);
        List<FrozenTrial> complete = study.trials(TrialState.COMPLETE);
        long lowLr = complete.stream().filter(t -> (double) t.param("lr") < 1e-3).count();
        long lowUnits = complete.stream().filter(t -> (int) t.param("units") < 64).count();
        double n = complete.size();
        // log-uniform puts half the mass below the geometric middle; uniform would put 1% (lr) or 20% (units) there
        assertTrue(lowLr / n > 0.1 && lowLr / n < 0.9, "fraction of lr below 1e-3: " + lowLr / n);
        assertTrue(lowUnits / n > 0.1 && lowUnits / n < 0.9, "fraction of units below 64: " + lowUnits / n);
    }

    @Test
    void everyCategoricalChoiceIsReached() {
        assumeTrue(drawsFreely(), "the sampler's values are given, not drawn");
        Study study = run(13, 1);
        long distinct = study.trials(TrialState.COMPLETE).stream().map(t -> t.param("activation")).distinct().count();
        assertEquals(3, distinct, "choices seen");
    }

    @Test
    void theStudyRecordsTheSettingsTheSamplerReports() {
        Study study = run(SPACE, 21, 1, 1);
        Map<String, Object> settings = createSampler(21).settings();
        assertInstanceOf(String.class, settings.get("type"), "settings() names the sampler's type: " + settings);
        assertEquals(settings, study.storage().studySystemAttrs(study.id()).get(Study.SAMPLER_SETTINGS_ATTR));
    }

    @Test
    void theSameSeedGivesTheSameTrials() {
        assertEquals(paramsOf(run(21, 1)), paramsOf(run(21, 1)));
    }

    @Test
    void anotherSeedGivesOtherTrials() {
        assumeTrue(drawsFreely(), "the sampler's values are given, not drawn");
        assertNotEquals(paramsOf(run(21, 1)), paramsOf(run(22, 1)));
    }

    @Test
    void parallelTrialsAllFinishWithValidParameters() {
        Study study = run(31, 3);
        assertEquals(trials(), study.trials().size(), "trials run");
        for (FrozenTrial t : study.trials()) {
            assertEquals(TrialState.COMPLETE, t.state(), "trial " + t.number() + ": " + t.systemAttrs());
        }
    }

    /**
     * Why a resumed study of this sampler may propose other trials than an uninterrupted one, or
     * null when it must not. A sampler that keeps what it learned anywhere but in storage cannot
     * resume; say why here and the contract test is skipped with that reason.
     */
    protected String whyAResumedStudyMayDiffer() {
        return null;
    }

    @Test
    void aResumedStudyProposesWhatAnUninterruptedOneWould() {
        String why = whyAResumedStudyMayDiffer();
        assumeTrue(why == null, why);
        int n = Math.min(trials(), 30);
        Study whole = run(SPACE, 41, 1, n);
        Study first = run(SPACE, 41, 1, n / 2);
        // a new study and a new sampler on the same storage: nothing carries over but what storage holds
        Study resumed = Study.builder().name(first.name()).direction(Direction.MINIMIZE).sampler(createSampler(41))
                .seed(41).storage(first.storage()).build();
        resumed.optimize(SPACE, n - n / 2);
        assertEquals(paramsOf(whole), paramsOf(resumed));
    }

    @Test
    void aNanValueFailsItsTrialAndTheStudyGoesOn() {
        int n = Math.min(trials(), 20);
        Study study = Study.builder().direction(Direction.MINIMIZE).sampler(createSampler(51)).seed(51).build();
        study.optimize(trial -> {
            double value = SPACE.evaluate(trial);
            return trial.number() % 3 == 1 ? Double.NaN : value;
        }, n);
        List<FrozenTrial> trials = study.trials();
        assertEquals(n, trials.size(), "trials run");
        for (FrozenTrial t : trials) {
            if (t.number() % 3 == 1) {
                assertEquals(TrialState.FAIL, t.state(), "trial " + t.number() + " returned NaN");
                assertEquals("the objective returned NaN", t.systemAttrs().get(Study.FAIL_REASON_ATTR));
                assertNull(t.value(), "a failed trial has no value");
            } else {
                assertEquals(TrialState.COMPLETE, t.state(), "trial " + t.number() + ": " + t.systemAttrs());
            }
        }
        assertTrue(Double.isFinite(study.bestValue()), "best value " + study.bestValue());
    }

    private static List<Map<String, Object>> paramsOf(Study study) {
        List<Map<String, Object>> params = new ArrayList<>();
        for (FrozenTrial t : study.trials()) {
            params.add(t.params());
        }
        return params;
    }
}
