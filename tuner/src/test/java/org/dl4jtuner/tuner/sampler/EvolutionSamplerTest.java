package org.dl4jtuner.tuner.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.junit.jupiter.api.Test;

class EvolutionSamplerTest extends SamplerContractTest {
    @Override
    protected Sampler createSampler(long seed) {
        return Samplers.evolution(seed);
    }

    @Test
    void beatsRandomSearchOnAQuadraticByAMargin() {
        double evolution = BeatsRandomSearch.medianBest(Samplers::evolution, 100, 7);
        double random = BeatsRandomSearch.medianBest(Samplers::random, 100, 7);
        assertTrue(evolution < 0.5 * random, "median best after 100 trials: evolution " + evolution + ", random " + random);
    }

    @Test
    void childrenInheritFromTheBestTrialsAndEvolveTheCategoricalToo() {
        Study study = Study.builder().sampler(EvolutionSampler.builder(3).populationSize(10).mutationRate(0.2).build()).seed(3).build();
        study.optimize(t -> {
            String shape = t.suggestCategorical("shape", List.of("a", "b", "c", "d"));
            double x = t.suggestFloat("x", 0, 1);
            return (shape.equals("c") ? 0 : 1) + Math.abs(x - 0.25);
        }, 80);
        List<FrozenTrial> late = study.trials().subList(60, 80);
        long c = late.stream().filter(t -> t.param("shape").equals("c")).count();
        // random search would give 5 of 20
        assertTrue(c >= 10, "children with the best choice among the last 20: " + c);
        FrozenTrial best = study.bestTrial();
        assertEquals("c", best.param("shape"));
        assertTrue(Math.abs((double) best.param("x") - 0.25) < 0.03, "best x " + best.param("x"));
    }

    @Test
    void noChildCopiesAParentInADiscreteSpace() {
        Study study = Study.builder().sampler(EvolutionSampler.builder(5).populationSize(6).build()).seed(5).build();
        study.optimize(t -> t.suggestInt("a", 0, 20) + t.suggestInt("b", 0, 20), 40);
        List<Map<String, Object>> params = study.trials().stream().map(FrozenTrial::params).toList();
        long distinct = params.stream().distinct().count();
        assertTrue(distinct >= 30, "distinct points among 40: " + distinct);
    }

    @Test
    void builderNamesTheBadValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EvolutionSampler.builder(1).crossoverRate(1.5));
        assertTrue(e.getMessage().contains("crossoverRate") && e.getMessage().contains("1.5"), e.getMessage());
    }
}
