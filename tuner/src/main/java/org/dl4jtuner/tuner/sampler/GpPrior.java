package org.dl4jtuner.tuner.sampler;

import java.util.ArrayList;
import java.util.List;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.sampler.gp.GaussianProcess;
import org.dl4jtuner.tuner.sampler.gp.OutputWarping;
import org.dl4jtuner.tuner.sampler.gp.Posterior;

/**
 * Past studies as the prior mean of a {@link GpSampler}'s model (a warm start): a Gaussian process
 * fitted to the past trials' warped values gives a mean {@code m(x)}; the current study's model is
 * {@code a * m(x) + r(x)}, where r is a Gaussian process fitted to the residuals
 * {@code y - a * m(x)} of the current values and {@code a >= 0} is the least-squares slope of the
 * current values on m (1 until three trials are in). A past study whose values do not rise and fall
 * with the current ones gets {@code a = 0}, and the model is the cold one; a related one lends its
 * shape where the current study has not looked yet. Before the current study has a complete trial,
 * the proposal maximises expected improvement under the past model alone.
 */
final class GpPrior implements Posterior {
    /** Current observations needed before the prior's scale is fitted rather than taken as 1. */
    static final int MIN_FOR_SCALE = 3;
    private final GaussianProcess past;
    private final double scale;
    private final GaussianProcess residual;
    private final double[] pastGradient;
    private final double[] pastVarianceGradient;
    private final double[] residualOut = new double[2];
    private final double[] residualMeanGradient;
    private final double[] residualVarianceGradient;

    private GpPrior(GaussianProcess past, double scale, GaussianProcess residual, int dimension) {
        this.past = past;
        this.scale = scale;
        this.residual = residual;
        this.pastGradient = new double[dimension];
        this.pastVarianceGradient = new double[dimension];
        this.residualMeanGradient = new double[dimension];
        this.residualVarianceGradient = new double[dimension];
    }

    /**
     * The past studies' model over {@code cube}, or null when they hold fewer than two complete
     * trials in it.
     */
    static GaussianProcess pastModel(List<List<FrozenTrial>> pastStudies, UnitCube cube, Direction direction,
            boolean deterministic) {
        List<double[]> x = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        for (List<FrozenTrial> study : pastStudies) {
            for (FrozenTrial t : study) {
                if (t.state() != TrialState.COMPLETE || t.value() == null || !Double.isFinite(t.value())) {
                    continue;
                }
                double[] point = cube.encode(t);
                if (point != null) {
                    x.add(point);
                    losses.add(direction.toLoss(t.value()));
                }
            }
        }
        if (x.size() < 2) {
            return null;
        }
        double[] y = OutputWarping.warp(losses.stream().mapToDouble(Double::doubleValue).toArray());
        return GaussianProcess.fit(x.toArray(double[][]::new), y, cube.categorical(), null, deterministic);
    }

    /** The model of the current values {@code y} at {@code x} (warped) on top of the past model. */
    static GpPrior fit(GaussianProcess past, double[][] x, double[] y, boolean[] categorical, double[] start,
            boolean deterministic) {
        double[] m = new double[x.length];
        double[] out = new double[2];
        for (int i = 0; i < x.length; i++) {
            past.predict(x[i], out, null, null);
            m[i] = out[0];
        }
        double scale = scale(m, y);
        double[] r = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            r[i] = y[i] - scale * m[i];
        }
        GaussianProcess residual = GaussianProcess.fit(x, r, categorical, start, deterministic);
        return new GpPrior(past, scale, residual, categorical.length);
    }

    /** The least-squares slope of y on m, at least 0; 1 with fewer than {@value #MIN_FOR_SCALE} points. */
    static double scale(double[] m, double[] y) {
        int n = m.length;
        if (n < MIN_FOR_SCALE) {
            return 1;
        }
        double mm = 0;
        double my = 0;
        double meanM = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            meanM += m[i] / n;
            meanY += y[i] / n;
        }
        for (int i = 0; i < n; i++) {
            mm += (m[i] - meanM) * (m[i] - meanM);
            my += (m[i] - meanM) * (y[i] - meanY);
        }
        return mm <= 1e-12 ? 0 : Math.max(0, my / mm);
    }

    /** The slope the past model's mean enters with. */
    double scale() {
        return scale;
    }

    /** The residual model's fitted hyperparameters. */
    double[] theta() {
        return residual.theta();
    }

    @Override
    public void predict(double[] point, double[] out, double[] meanGradient, double[] varianceGradient) {
        boolean gradients = meanGradient != null;
        past.predict(point, out, gradients ? pastGradient : null, gradients ? pastVarianceGradient : null);
        double pastMean = out[0];
        residual.predict(point, residualOut, gradients ? residualMeanGradient : null,
                gradients ? residualVarianceGradient : null);
        out[0] = scale * pastMean + residualOut[0];
        out[1] = residualOut[1];
        if (gradients) {
            for (int j = 0; j < meanGradient.length; j++) {
                meanGradient[j] = scale * pastGradient[j] + residualMeanGradient[j];
                varianceGradient[j] = residualVarianceGradient[j];
            }
        }
    }
}
