package org.dl4jtuner.tuner.util;

import java.util.SplittableRandom;

/**
 * Derives independent, reproducible seeds from a root seed and coordinates (trial number,
 * parameter name, ...). Samplers use it instead of a stored random generator, so that a resumed
 * or parallel study draws exactly what a sequential one would.
 */
public final class Seeds {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** SplitMix64's finaliser: a bijective, well-mixing map of 64-bit values. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A seed derived from a root seed and any number of coordinates. */
    public static long derive(long seed, long... parts) {
        long h = mix64(seed + GOLDEN_GAMMA);
        for (long part : parts) {
            h = mix64(h ^ mix64(part + GOLDEN_GAMMA));
        }
        return h;
    }

    /**
     * A trial's seed: {@link #derive(long, long...)} of the study seed and the trial number, except
     * that it is never 0, which DL4J's {@code NeuralNetConfiguration.Builder.seed} reads as "no seed"
     * (random weights on every run). {@code derive(s, s)} is 0 for every {@code s}, so without this
     * the trial whose number equals the study seed (trial 42 of a study with seed 42) would train
     * differently on every run.
     */
    public static long trialSeed(long studySeed, int trialNumber) {
        long derived = derive(studySeed, trialNumber);
        return derived != 0 ? derived : GOLDEN_GAMMA;
    }

    /** A seed derived from a root seed, a trial number and a parameter name. */
    public static long derive(long seed, int trialNumber, String name) {
        return derive(seed, trialNumber, name.hashCode(), name.length());
    }

    /** A fresh generator for the given coordinates. */
    public static SplittableRandom random(long seed, long... parts) {
        return new SplittableRandom(derive(seed, parts));
    }
}
