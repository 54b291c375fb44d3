package org.dl4jtuner.tuner.sampler.gp;

/**
 * What an acquisition function reads from a surrogate model: the posterior mean and variance at a
 * point and, on request, their gradients. {@link GaussianProcess} is one; a view that pins some
 * coordinates of a larger model (the fidelity of a multi-fidelity process) is another.
 */
public interface Posterior {
    /**
     * The posterior mean and variance at {@code point}, written to {@code out[0]} and
     * {@code out[1]}; with non-null gradient arrays (of the point's length), also their
     * derivatives with respect to the point's numeric coordinates (zero for categorical ones).
     */
    void predict(double[] point, double[] out, double[] meanGradient, double[] varianceGradient);
}
