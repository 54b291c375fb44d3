package org.dl4jtuner.tuner.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.junit.jupiter.api.Test;

class CmaEsSamplerTest extends SamplerContractTest {
    @Override
    protected Sampler createSampler(long seed) {
        return Samplers.cmaEs(seed);
    }

    @Test
    void beatsRandomSearchOnAQuadraticByAMargin() {
        double cma = BeatsRandomSearch.medianBest(Samplers::cmaEs, 100, 7);
        double random = BeatsRandomSearch.medianBest(Samplers::random, 100, 7);
        assertTrue(cma < 0.5 * random, "median best after 100 trials: CMA-ES " + cma + ", random " + random);
    }

    @Test
    void trialsAreTaggedWithTheirGenerationAndAGenerationHoldsOnePopulation() {
        Study study = Study.builder().sampler(Samplers.cmaEs(4)).seed(4).build();
        study.optimize(BeatsRandomSearch.QUADRATIC, 41);
        // 4 parameters: population 4 + floor(3 ln 4) = 8; trial 0 is random (no space yet)
        List<FrozenTrial> tagged = study.trials().subList(1, 41);
        for (int i = 0; i < tagged.size(); i++) {
            FrozenTrial t = tagged.get(i);
            assertEquals(i / 8, t.systemAttrs().get(CmaEsSampler.GENERATION_ATTR), "generation of trial " + t.number());
            assertEquals(i % 8, t.systemAttrs().get(CmaEsSampler.INDEX_ATTR), "index of trial " + t.number());
        }
    }

    @Test
    void aResumedStudyProposesWhatAnUninterruptedOneWould() {
        Study whole = Study.builder().sampler(Samplers.cmaEs(6)).seed(6).build();
        whole.optimize(BeatsRandomSearch.QUADRATIC, 30);
        Study first = Study.builder().sampler(Samplers.cmaEs(6)).seed(6).build();
        first.optimize(BeatsRandomSearch.QUADRATIC, 17);
        // a new sampler object on the same storage: nothing carried over but what storage holds
        Study resumed = Study.builder().name(first.name()).sampler(Samplers.cmaEs(6)).seed(6).storage(first.storage())
                .build();
        resumed.optimize(BeatsRandomSearch.QUADRATIC, 13);
        assertEquals(whole.trials().stream().map(FrozenTrial::params).toList(),
                resumed.trials().stream().map(FrozenTrial::params).toList());
    }

    @Test
    void restartsWithADoubledPopulationOnceARunConverges() {
        Study study = Study.builder().sampler(Samplers.cmaEs(2)).seed(2).build();
        // a two-value integer space: every run soon samples one point only and must restart
        study.optimize(t -> t.suggestInt("a", 0, 1) + t.suggestInt("b", 0, 1), 200);
        int maxRestart = study.trials().stream()
                .mapToInt(t -> t.systemAttrs().get(CmaEsSampler.RESTART_ATTR) instanceof Integer r ? r : 0).max()
                .orElse(0);
        assertTrue(maxRestart >= 1, "restarts seen: " + maxRestart);
    }
}
