package org.dl4jtuner.tuner.sampler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.dl4jtuner.tuner.sampler.gp.LogExpectedImprovement;
import org.dl4jtuner.tuner.sampler.gp.Posterior;

/**
 * Maximises log expected improvement over a {@link UnitCube}: scores random points and
 * perturbations of the best observed points, then runs a local search from the best few
 * (projected gradient ascent on the continuous coordinates, alternating with a neighbourhood
 * search on the discrete and categorical ones). Points in an optional excluded set (configurations
 * already tried) score minus infinity; only points whose every coordinate is discrete or categorical
 * can match one exactly.
 */
final class AcquisitionOptimizer {
    private static final double[] DISCRETE_MOVES = {1.0 / 64, 1.0 / 32, 1.0 / 16, 1.0 / 8, 1.0 / 4};
    private static final int GRADIENT_ITERATIONS = 100;
    private static final int ROUNDS = 3;
    private final Posterior gp;
    private final UnitCube cube;
    private final double best;
    private final boolean[] continuous;
    private final boolean[] categorical;
    private final boolean[] discrete;
    private final double[] prediction = new double[2];
    private final double[] logEiGradient = new double[2];
    private final double[] meanGradient;
    private final double[] varianceGradient;
    private final Set<List<Double>> excluded;

    AcquisitionOptimizer(Posterior gp, UnitCube cube, double best) {
        this(gp, cube, best, Set.of());
    }

    /** As the three-argument constructor, never proposing a point of {@code excluded} unless every point is. */
    AcquisitionOptimizer(Posterior gp, UnitCube cube, double best, Set<List<Double>> excluded) {
        this.excluded = excluded;
        this.gp = gp;
        this.cube = cube;
        this.best = best;
        this.categorical = cube.categorical();
        this.discrete = cube.discrete();
        int d = cube.dimension();
        this.continuous = new boolean[d];
        for (int j = 0; j < d; j++) {
            continuous[j] = !categorical[j] && !discrete[j];
        }
        this.meanGradient = new double[d];
        this.varianceGradient = new double[d];
    }

    /** The point of largest log EI found from {@code randomPoints} random points and the given incumbents. */
    double[] maximize(List<double[]> incumbents, int randomPoints, int starts, SplittableRandom rng) {
        record Scored(double[] x, double value) {
        }
        List<Scored> pool = new ArrayList<>();
        for (int i = 0; i < randomPoints; i++) {
            double[] x = randomPoint(rng);
            pool.add(new Scored(x, value(x, null)));
        }
        for (double[] incumbent : incumbents) {
            for (int i = 0; i < 64; i++) {
                double[] x = perturb(incumbent, 0.02 + 0.1 * rng.nextDouble(), rng);
                pool.add(new Scored(x, value(x, null)));
            }
        }
        pool.sort(Comparator.comparingDouble(Scored::value).reversed());
        double[] bestPoint = pool.get(0).x;
        double bestValue = pool.get(0).value;
        for (int s = 0; s < Math.min(starts, pool.size()); s++) {
            double[] x = pool.get(s).x.clone();
            double v = localSearch(x);
            if (v > bestValue) {
                bestValue = v;
                bestPoint = x;
            }
        }
        return cube.snap(bestPoint);
    }

    private double[] randomPoint(SplittableRandom rng) {
        double[] x = new double[cube.dimension()];
        for (int j = 0; j < x.length; j++) {
            x[j] = categorical[j] ? rng.nextInt(cube.choices(j)) : cube.snap(j, rng.nextDouble());
        }
        return x;
    }

    private double[] perturb(double[] centre, double scale, SplittableRandom rng) {
        double[] x = centre.clone();
        for (int j = 0; j < x.length; j++) {
            if (categorical[j]) {
                if (rng.nextInt(x.length) == 0) {
                    x[j] = rng.nextInt(cube.choices(j));
                }
            } else {
                x[j] = cube.snap(j, x[j] + scale * Normal.sample(rng));
            }
        }
        return x;
    }

    /** Improves x in place; returns its log EI. */
    private double localSearch(double[] x) {
        double value = value(x, null);
        for (int round = 0; round < ROUNDS; round++) {
            value = gradientAscent(x, value);
            double before = value;
            value = neighbourhoodSearch(x, value);
            if (!(value > before + 1e-9)) {
                break;
            }
        }
        return value;
    }

    private double gradientAscent(double[] x, double value) {
        int d = x.length;
        double[] gradient = new double[d];
        double[] candidate = new double[d];
        double[] candidateGradient = new double[d];
        value = value(x, gradient);
        double step = 0.1 / Math.max(1e-12, maxAbs(gradient));
        for (int iter = 0; iter < GRADIENT_ITERATIONS; iter++) {
            double gain = 0;
            double moved = 0;
            for (int j = 0; j < d; j++) {
                candidate[j] = continuous[j] ? Math.max(0, Math.min(1, x[j] + step * gradient[j])) : x[j];
                gain += gradient[j] * (candidate[j] - x[j]);
                moved = Math.max(moved, Math.abs(candidate[j] - x[j]));
            }
            if (moved < 1e-9) {
                break;
            }
            double v = value(candidate, candidateGradient);
            if (v >= value + 1e-4 * gain) {
                System.arraycopy(candidate, 0, x, 0, d);
                System.arraycopy(candidateGradient, 0, gradient, 0, d);
                boolean converged = v - value < 1e-10;
                value = v;
                step *= 2;
                if (converged) {
                    break;
                }
            } else {
                step *= 0.25;
            }
        }
        return value;
    }

    private double neighbourhoodSearch(double[] x, double value) {
        for (int j = 0; j < x.length; j++) {
            if (continuous[j]) {
                continue;
            }
            double current = x[j];
            double bestCoordinate = current;
            List<Double> options = new ArrayList<>();
            if (categorical[j]) {
                for (int c = 0; c < cube.choices(j); c++) {
                    options.add((double) c);
                }
            } else {
                for (double move : DISCRETE_MOVES) {
                    options.add(cube.snap(j, current + move));
                    options.add(cube.snap(j, current - move));
                }
            }
            for (double option : options) {
                if (option == current) {
                    continue;
                }
                x[j] = option;
                double v = value(x, null);
                if (v > value) {
                    value = v;
                    bestCoordinate = option;
                }
            }
            x[j] = bestCoordinate;
        }
        return value;
    }

    /** The key of a point in an excluded set: its coordinates, boxed. */
    static List<Double> key(double[] x) {
        List<Double> key = new ArrayList<>(x.length);
        for (double v : x) {
            key.add(v);
        }
        return key;
    }

    /** Log EI at x; with a non-null gradient array, also its gradient over the continuous coordinates. */
    private double value(double[] x, double[] gradient) {
        if (!excluded.isEmpty() && excluded.contains(key(x))) {
            if (gradient != null) {
                java.util.Arrays.fill(gradient, 0);
            }
            return Double.NEGATIVE_INFINITY;
        }
        if (gradient == null) {
            gp.predict(x, prediction, null, null);
            return LogExpectedImprovement.value(prediction[0], prediction[1], best, null);
        }
        gp.predict(x, prediction, meanGradient, varianceGradient);
        double v = LogExpectedImprovement.value(prediction[0], prediction[1], best, logEiGradient);
        for (int j = 0; j < x.length; j++) {
            gradient[j] = continuous[j] ? logEiGradient[0] * meanGradient[j] + logEiGradient[1] * varianceGradient[j] : 0;
        }
        return v;
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
