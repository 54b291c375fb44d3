package org.dl4jtuner.tuner.sampler.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LbfgsTest {
    @Test
    void findsTheMinimumOfRosenbrocksValley() {
        Lbfgs.Function rosenbrock = (x, g) -> {
            double a = 1 - x[0];
            double b = x[1] - x[0] * x[0];
            g[0] = -2 * a - 400 * x[0] * b;
            g[1] = 200 * b;
            return a * a + 100 * b * b;
        };
        double[] x = Lbfgs.minimize(rosenbrock, new double[] {-1.2, 1.0}, 500, 1e-8);
        assertEquals(1.0, x[0], 1e-4);
        assertEquals(1.0, x[1], 1e-4);
    }

    @Test
    void stepsBackFromRegionsWhereTheFunctionIsUndefined() {
        // log barrier: undefined (infinite) for x <= 0, minimum at x = 1
        Lbfgs.Function f = (x, g) -> {
            if (x[0] <= 0) {
                return Double.POSITIVE_INFINITY;
            }
            g[0] = 1 - 1 / x[0];
            return x[0] - Math.log(x[0]);
        };
        double[] x = Lbfgs.minimize(f, new double[] {8.0}, 200, 1e-10);
        assertEquals(1.0, x[0], 1e-5);
    }
}
