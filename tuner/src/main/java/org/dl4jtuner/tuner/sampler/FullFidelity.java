package org.dl4jtuner.tuner.sampler;

import org.dl4jtuner.tuner.sampler.gp.Posterior;

/**
 * A multi-fidelity model seen at the full fidelity: the model's inputs are a point of the unit cube
 * followed by the fidelity in [0, 1], and this view predicts at fidelity 1 for points of the cube
 * alone, so the acquisition optimiser searches the cube and never the fidelity. Not thread-safe
 * (it reuses its buffers), like the optimiser that calls it.
 */
final class FullFidelity implements Posterior {
    private final Posterior model;
    private final double[] extended;
    private final double[] meanGradient;
    private final double[] varianceGradient;

    /** The view of {@code model}, whose inputs are {@code dimension} cube coordinates and the fidelity. */
    FullFidelity(Posterior model, int dimension) {
        this.model = model;
        this.extended = new double[dimension + 1];
        this.meanGradient = new double[dimension + 1];
        this.varianceGradient = new double[dimension + 1];
        extended[dimension] = 1;
    }

    @Override
    public void predict(double[] point, double[] out, double[] meanGradient, double[] varianceGradient) {
        System.arraycopy(point, 0, extended, 0, point.length);
        if (meanGradient == null) {
            model.predict(extended, out, null, null);
            return;
        }
        model.predict(extended, out, this.meanGradient, this.varianceGradient);
        System.arraycopy(this.meanGradient, 0, meanGradient, 0, point.length);
        System.arraycopy(this.varianceGradient, 0, varianceGradient, 0, point.length);
    }
}
