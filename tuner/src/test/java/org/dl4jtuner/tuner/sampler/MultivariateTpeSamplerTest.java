package org.dl4jtuner.tuner.sampler;

class MultivariateTpeSamplerTest extends SamplerContractTest {
    @Override
    protected Sampler createSampler(long seed) {
        return TpeSampler.builder(seed).multivariate(true).constantLiar(true).build();
    }
}
