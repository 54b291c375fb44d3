package org.dl4jtuner.tuner.sampler;

import java.util.LinkedHashMap;
import java.util.Map;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.distribution.Distribution;
import org.dl4jtuner.tuner.util.Seeds;

/**
 * Uniform random search (log-uniform on log-scaled ranges). Each value is drawn from a generator
 * seeded by (seed, trial number, parameter name), so the same seed gives the same trials whether
 * the study runs sequentially, resumes, or runs in parallel.
 */
public final class RandomSampler implements Sampler {
    private final long seed;

    /** A random sampler with the given seed. */
    public RandomSampler(long seed) {
        this.seed = seed;
    }

    @Override
    public Object sampleIndependent(Study study, FrozenTrial trial, String name, Distribution distribution) {
        double u = Seeds.random(Seeds.derive(seed, trial.number(), name)).nextDouble();
        return distribution.toExternal(distribution.fromUnit(u));
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("type", "random");
        settings.put("seed", seed);
        return settings;
    }

    @Override
    public String name() {
        return "random(seed=" + seed + ")";
    }
}
