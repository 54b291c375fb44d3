package org.dl4jtuner.tuner.sampler;

class RandomSamplerTest extends SamplerContractTest {
    @Override
    protected Sampler createSampler(long seed) {
        return Samplers.random(seed);
    }
}
