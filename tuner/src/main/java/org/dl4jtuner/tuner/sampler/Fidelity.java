package org.dl4jtuner.tuner.sampler;

/**
 * The fidelity of an observation: how far its trial trained, on the unit interval a kernel reads.
 * Step {@code t} of {@code max} maps to {@code log(t) / log(max)}, clipped into [0, 1]: the first
 * epoch is 0, the full training 1, and each factor of the training length is the same distance, as
 * the rungs of successive halving (1, 3, 9, 27, 81) are. Steps below 1 count as 1; with
 * {@code max <= 1} every step is the full fidelity.
 */
final class Fidelity {
    private Fidelity() {
    }

    /** The fidelity of step {@code step} when {@code max} steps are the full training. */
    static double scale(int step, int max) {
        if (max <= 1) {
            return 1;
        }
        return Math.min(1, Math.log(Math.max(1, step)) / Math.log(max));
    }
}
