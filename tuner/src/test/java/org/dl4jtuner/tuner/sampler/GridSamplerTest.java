package org.dl4jtuner.tuner.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.junit.jupiter.api.Test;

class GridSamplerTest extends SamplerContractTest {
    @Override
    protected Sampler createSampler(long seed) {
        return Samplers.grid(gridCoveringTheSpace());
    }

    @Override
    protected boolean drawsFreely() {
        return false;
    }

    private static final Map<String, List<?>> SMALL = Map.of("lr", List.of(0.1, 0.01, 0.001), "units", List.of(32, 64));

    @Test
    void visitsEveryPointOnceAndThenStops() {
        Study study = Study.builder().sampler(Samplers.grid(SMALL)).build();
        study.optimize(t -> t.suggestFloat("lr", 1e-4, 1, true) * t.suggestInt("units", 1, 100), 100);
        List<FrozenTrial> trials = study.trials();
        assertEquals(6, trials.size(), "a 3 x 2 grid stops after 6 trials even with a budget of 100");
        Set<Map<String, Object>> points = new HashSet<>();
        trials.forEach(t -> points.add(t.params()));
        assertEquals(6, points.size(), "every point once: " + points);
        assertTrue(study.sampler().isExhausted(study));
    }

    @Test
    void parallelWorkersNeverRepeatAPoint() {
        Map<String, List<?>> grid = Map.of("a", List.of(1, 2, 3, 4, 5), "b", List.of(1, 2, 3, 4, 5));
        Study study = Study.builder().sampler(Samplers.grid(grid)).build();
        // the first trials of the four workers wait for each other: four points are taken at once
        java.util.concurrent.CountDownLatch allRunning = new java.util.concurrent.CountDownLatch(4);
        study.optimize(t -> {
            allRunning.countDown();
            assertTrue(allRunning.await(10, java.util.concurrent.TimeUnit.SECONDS), "all four workers started a trial");
            return t.suggestInt("a", 1, 5) + t.suggestInt("b", 1, 5);
        }, 100, 4);
        Set<Map<String, Object>> points = new HashSet<>();
        for (FrozenTrial t : study.trials(TrialState.COMPLETE)) {
            assertTrue(points.add(t.params()), "repeated point " + t.params());
        }
        assertEquals(25, points.size());
    }

    @Test
    void aParameterOutsideTheGridIsAClearError() {
        Study study = Study.builder().sampler(Samplers.grid(SMALL)).build();
        study.optimize(t -> t.suggestFloat("momentum", 0, 1), 1);
        FrozenTrial failed = study.trials().get(0);
        assertEquals(TrialState.FAIL, failed.state());
        assertTrue(String.valueOf(failed.systemAttrs().get(Study.FAIL_REASON_ATTR)).contains("'momentum' is not in the grid"),
                String.valueOf(failed.systemAttrs().get(Study.FAIL_REASON_ATTR)));
    }

    @Test
    void aGridValueOutsideTheSuggestedRangeIsAClearError() {
        Study study = Study.builder().sampler(Samplers.grid(SMALL)).build();
        study.optimize(t -> t.suggestFloat("lr", 0.005, 1) + t.suggestInt("units", 1, 100), 6);
        assertTrue(study.trials(TrialState.FAIL).stream()
                .anyMatch(t -> String.valueOf(t.systemAttrs().get(Study.FAIL_REASON_ATTR)).contains("0.001 is outside")));
    }

    @Test
    void anEmptyValueListIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Samplers.grid(Map.of("lr", List.of())));
        assertTrue(e.getMessage().contains("'lr'"), e.getMessage());
    }
}
