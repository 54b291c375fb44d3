package org.dl4jtuner.tuner.sampler;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A multivariate kernel density over a {@link UnitCube}, as BOHB uses it (Falkner et al. 2018,
 * after statsmodels' KDEMultivariate): a product of Gaussian kernels on numeric coordinates and
 * Aitchison-Aitken kernels on categorical ones, with the normal-reference bandwidth
 * {@code 1.06 sd n^(-1/(4+d))} per coordinate, at least {@code minBandwidth}.
 */
final class ProductKde {
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private final UnitCube cube;
    private final double[][] points;
    private final double[] bandwidth;
    private final boolean[] categorical;

    ProductKde(UnitCube cube, List<double[]> data, double minBandwidth) {
        this.cube = cube;
        this.points = data.toArray(double[][]::new);
        this.categorical = cube.categorical();
        int n = points.length;
        int d = cube.dimension();
        this.bandwidth = new double[d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (double[] p : points) {
                mean += p[j];
            }
            mean /= n;
            double var = 0;
            for (double[] p : points) {
                var += (p[j] - mean) * (p[j] - mean);
            }
            double sd = Math.sqrt(var / Math.max(1, n - 1));
            double bw = Math.max(minBandwidth, 1.06 * sd * Math.pow(n, -1.0 / (4 + d)));
            if (categorical[j]) {
                int c = cube.choices(j);
                bw = Math.min(bw, (c - 1.0) / c);
            }
            bandwidth[j] = bw;
        }
    }

    /** The log density at x. */
    double logPdf(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            double t = 0;
            for (int j = 0; j < x.length; j++) {
                if (categorical[j]) {
                    int c = cube.choices(j);
                    t += Math.log(x[j] == points[i][j] ? 1 - bandwidth[j] : bandwidth[j] / (c - 1));
                } else {
                    double z = (x[j] - points[i][j]) / bandwidth[j];
                    t += -0.5 * z * z - Math.log(bandwidth[j]) - LOG_SQRT_2PI;
                }
            }
            terms[i] = t;
            max = Math.max(max, t);
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum / points.length);
    }

    /**
     * A draw around a random data point with every bandwidth scaled by {@code factor}: numeric
     * coordinates from a normal truncated to [0, 1], categorical ones kept with probability
     * 1 - bandwidth, else uniform.
     */
    double[] sample(SplittableRandom rng, double factor) {
        double[] centre = points[rng.nextInt(points.length)];
        double[] x = new double[centre.length];
        for (int j = 0; j < x.length; j++) {
            if (categorical[j]) {
                x[j] = rng.nextDouble() < 1 - bandwidth[j] ? centre[j] : rng.nextInt(cube.choices(j));
            } else {
                double v;
                int attempts = 0;
                do {
                    v = centre[j] + factor * bandwidth[j] * Normal.sample(rng);
                } while ((v < 0 || v > 1) && ++attempts < 32);
                x[j] = cube.snap(j, v);
            }
        }
        return x;
    }
}
