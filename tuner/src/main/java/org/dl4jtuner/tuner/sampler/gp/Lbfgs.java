package org.dl4jtuner.tuner.sampler.gp;

/**
 * Limited-memory BFGS (Nocedal and Wright, Algorithm 7.4) with a backtracking Armijo line search,
 * for the smooth, low-dimensional problems of Bayesian optimisation (kernel hyperparameters).
 * A function value that is not finite counts as "too far" and shortens the step.
 */
public final class Lbfgs {
    /** A function and its gradient: writes the gradient into {@code gradient} and returns the value. */
    @FunctionalInterface
    public interface Function {
        double valueAndGradient(double[] x, double[] gradient);
    }

    private static final int MEMORY = 8;
    private static final double ARMIJO = 1e-4;

    private Lbfgs() {
    }

    /**
     * Minimises {@code f} from {@code start} (left unchanged) and returns the best point found.
     *
     * @param maxIterations iterations at most
     * @param gradientTolerance stop when the largest gradient component falls below this
     */
    public static double[] minimize(Function f, double[] start, int maxIterations, double gradientTolerance) {
        int n = start.length;
        double[] x = start.clone();
        double[] g = new double[n];
        double fx = f.valueAndGradient(x, g);
        if (!Double.isFinite(fx)) {
            return x;
        }
        double[][] s = new double[MEMORY][];
        double[][] y = new double[MEMORY][];
        double[] rho = new double[MEMORY];
        int stored = 0;
        int newest = -1;
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        for (int iter = 0; iter < maxIterations && maxAbs(g) > gradientTolerance; iter++) {
            double[] d = direction(g, s, y, rho, stored, newest);
            double slope = dot(g, d);
            if (!(slope < 0)) {
                for (int i = 0; i < n; i++) {
                    d[i] = -g[i];
                }
                slope = -dot(g, g);
                stored = 0;
            }
            double step = iter == 0 && stored == 0 ? Math.min(1.0, 1.0 / Math.max(1e-12, Math.sqrt(-slope))) : 1.0;
            double fNew = Double.NaN;
            boolean accepted = false;
            for (int tries = 0; tries < 40; tries++) {
                for (int i = 0; i < n; i++) {
                    xNew[i] = x[i] + step * d[i];
                }
                fNew = f.valueAndGradient(xNew, gNew);
                if (Double.isFinite(fNew) && fNew <= fx + ARMIJO * step * slope) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) {
                break;
            }
            double[] sk = new double[n];
            double[] yk = new double[n];
            for (int i = 0; i < n; i++) {
                sk[i] = xNew[i] - x[i];
                yk[i] = gNew[i] - g[i];
            }
            double sy = dot(sk, yk);
            if (sy > 1e-12) {
                newest = (newest + 1) % MEMORY;
                s[newest] = sk;
                y[newest] = yk;
                rho[newest] = 1 / sy;
                stored = Math.min(stored + 1, MEMORY);
            }
            double improvement = fx - fNew;
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            if (improvement <= 1e-10 * Math.max(1, Math.abs(fx))) {
                break;
            }
        }
        return x;
    }

    /** The two-loop recursion: an approximation of -H g. */
    private static double[] direction(double[] g, double[][] s, double[][] y, double[] rho, int stored, int newest) {
        double[] q = g.clone();
        double[] alpha = new double[MEMORY];
        for (int k = 0; k < stored; k++) {
            int i = Math.floorMod(newest - k, MEMORY);
            alpha[i] = rho[i] * dot(s[i], q);
            axpy(-alpha[i], y[i], q);
        }
        if (stored > 0) {
            double gammaScale = dot(s[newest], y[newest]) / dot(y[newest], y[newest]);
            for (int i = 0; i < q.length; i++) {
                q[i] *= gammaScale;
            }
        }
        for (int k = stored - 1; k >= 0; k--) {
            int i = Math.floorMod(newest - k, MEMORY);
            double beta = rho[i] * dot(y[i], q);
            axpy(alpha[i] - beta, s[i], q);
        }
        for (int i = 0; i < q.length; i++) {
            q[i] = -q[i];
        }
        return q;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
