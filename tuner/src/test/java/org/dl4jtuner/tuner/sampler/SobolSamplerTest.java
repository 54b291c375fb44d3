package org.dl4jtuner.tuner.sampler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.junit.jupiter.api.Test;

class SobolSamplerTest extends SamplerContractTest {
    @Override
    protected Sampler createSampler(long seed) {
        return Samplers.sobol(seed);
    }

    /** Largest gap between neighbouring points of 64 draws (after the first, random one) of a 1-D parameter, as a fraction. */
    private static double largestGap(Sampler sampler) {
        Study study = Study.builder().sampler(sampler).seed(5).build();
        study.optimize(t -> t.suggestFloat("x", 0, 1) + t.suggestFloat("y", 0, 1), 65);
        double[] xs = study.trials(TrialState.COMPLETE).stream().skip(1)
                .mapToDouble(t -> (double) t.param("x")).sorted().toArray();
        double gap = xs[0] + 1 - xs[xs.length - 1];
        for (int i = 1; i < xs.length; i++) {
            gap = Math.max(gap, xs[i] - xs[i - 1]);
        }
        return gap;
    }

    @Test
    void coversTheRangeMoreEvenlyThanRandomSearch() {
        double sobol = largestGap(Samplers.sobol(5));
        double random = largestGap(Samplers.random(5));
        // Sobol points 1..64 leave gaps of at most 2/64; 64 random points leave about ln(64)/64
        assertTrue(sobol <= 2.0 / 64 + 1e-9, "largest Sobol gap " + sobol);
        assertTrue(random > 1.5 * sobol, "largest random gap " + random + " vs Sobol " + sobol);
    }
}
