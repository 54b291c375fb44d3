package org.dl4jtuner.tuner.sampler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.distribution.Distribution;
import org.dl4jtuner.tuner.util.Seeds;

/**
 * Uniform random search (log-uniform on log-scaled ranges). Each value is drawn from a generator
 * seeded by (seed, trial number, parameter name), so the same seed gives the same trials whether
 * the study runs sequentially, resumes, or runs in parallel. On a finite space (every parameter an
 * integer range or a choice) it draws without replacement by default: a configuration some trial
 * already holds is replaced by a random unseen one while any is left, as Keras Tuner's oracles do.
 */
public final class RandomSampler implements Sampler {
    private final long seed;
    private final boolean avoidRepeats;

    /** A random sampler with the given seed that does not repeat a configuration of a finite space. */
    public RandomSampler(long seed) {
        this(seed, true);
    }

    /** A random sampler; {@code avoidRepeats} false draws with replacement on a finite space too. */
    public RandomSampler(long seed, boolean avoidRepeats) {
        this.seed = seed;
        this.avoidRepeats = avoidRepeats;
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(Study study, FrozenTrial trial) {
        Map<String, Distribution> space = avoidRepeats ? SearchSpaces.intersection(study) : Map.of();
        return UnseenCombinations.finite(space.values()) ? space : Map.of();
    }

    @Override
    public Map<String, Object> sampleRelative(Study study, FrozenTrial trial, Map<String, Distribution> space) {
        List<String> names = new ArrayList<>(space.keySet());
        List<Distribution> dists = new ArrayList<>(space.values());
        double[] point = UnseenCombinations.randomDrawOrFree(this, study, trial, names, dists,
                UnseenCombinations.taken(study, trial, names, dists), Seeds.random(seed, trial.number(), -2, 0x52414eL));
        return UnseenCombinations.external(names, dists, point);
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
        settings.put("avoid_repeats", avoidRepeats);
        return settings;
    }

    /** Proposals ignore the values, so any number of objectives works. */
    @Override
    public boolean supportsMultiObjective() {
        return true;
    }

    @Override
    public String name() {
        return "random(seed=" + seed + ")";
    }
}
