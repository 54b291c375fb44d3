package org.dl4jtuner.tuner.sampler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.distribution.Distribution;
import org.dl4jtuner.tuner.util.Seeds;

/**
 * Quasi-random search with a Sobol sequence: points cover the space more evenly than independent
 * random draws. The joint search space is that of the study's first finished trial (its
 * non-constant parameters, sorted by name); trial n takes Sobol point n, shifted by a seeded
 * random offset modulo 1 (a Cranley-Patterson rotation). Parameters outside that space, and the
 * first trial itself, are drawn at random.
 */
public final class SobolSampler implements Sampler {
    private static final int MAX_DIMENSIONS = 1000;
    private final long seed;
    private final RandomSampler fallback;

    /** A Sobol sampler with the given seed for its random shift and fallback draws. */
    public SobolSampler(long seed) {
        this.seed = seed;
        this.fallback = new RandomSampler(seed);
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(Study study, FrozenTrial trial) {
        List<FrozenTrial> finished = study.trials(TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL);
        for (FrozenTrial first : finished) {
            if (!first.distributions().isEmpty()) {
                Map<String, Distribution> space = new TreeMap<>();
                first.distributions().forEach((name, d) -> {
                    if (!d.isSingle()) {
                        space.put(name, d);
                    }
                });
                return space.size() <= MAX_DIMENSIONS ? space : Map.of();
            }
        }
        return Map.of();
    }

    @Override
    public Map<String, Object> sampleRelative(Study study, FrozenTrial trial, Map<String, Distribution> space) {
        SobolSequenceGenerator sobol = new SobolSequenceGenerator(space.size());
        sobol.skipTo(trial.number());
        double[] point = sobol.nextVector();
        Map<String, Object> values = new LinkedHashMap<>();
        int dim = 0;
        for (Map.Entry<String, Distribution> e : space.entrySet()) {
            double shift = Seeds.random(seed, dim).nextDouble();
            double u = point[dim] + shift;
            u -= Math.floor(u);
            values.put(e.getKey(), e.getValue().toExternal(e.getValue().fromUnit(u)));
            dim++;
        }
        return values;
    }

    @Override
    public Object sampleIndependent(Study study, FrozenTrial trial, String name, Distribution distribution) {
        return fallback.sampleIndependent(study, trial, name, distribution);
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("type", "sobol");
        settings.put("seed", seed);
        return settings;
    }

    /** Proposals ignore the values, so any number of objectives works. */
    @Override
    public boolean supportsMultiObjective() {
        return true;
    }

    @Override
    public String name() {
        return "sobol(seed=" + seed + ")";
    }
}
