package org.dl4jtuner.tuner.pareto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Dominance, non-dominated sorting, crowding distance and hypervolume on hand-checked cases. */
class ParetoArithmeticTest {
    private static double[] p(double... v) {
        return v;
    }

    @Test
    void dominanceNeedsNoWorseCoordinateAndOneBetter() {
        assertTrue(Dominance.dominates(p(1, 2), p(1, 3)));
        assertFalse(Dominance.dominates(p(1, 3), p(1, 2)));
        assertFalse(Dominance.dominates(p(1, 2), p(2, 1)), "a trade-off: neither dominates");
        assertFalse(Dominance.dominates(p(1, 2), p(1, 2)), "equal points do not dominate each other");
        assertTrue(Dominance.dominates(p(1, 2), p(1, Double.NaN)), "NaN counts as +infinity");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dominance.dominates(p(1), p(1, 2)));
        assertTrue(e.getMessage().contains("1 and 2 objectives"), e.getMessage());
    }

    @Test
    void constraintDominationPutsFeasibleFirstThenTheSmallerViolation() {
        assertTrue(Dominance.constrainedDominates(p(9, 9), 0, p(0, 0), 0.5), "feasible beats infeasible whatever the values");
        assertFalse(Dominance.constrainedDominates(p(0, 0), 0.5, p(9, 9), 0));
        assertTrue(Dominance.constrainedDominates(p(9, 9), 0.1, p(0, 0), 0.5), "the smaller violation wins");
        assertFalse(Dominance.constrainedDominates(p(0, 0), 0.5, p(0, 0), 0.5));
        assertFalse(Dominance.constrainedDominates(p(1, 2), 0, p(2, 1), 0), "two feasible: Pareto dominance");
        assertEquals(3.5, Dominance.violation(p(-1, 0.5, 3)), 1e-12, "the positive parts add up");
        assertEquals(0, Dominance.violation(null));
    }

    @Test
    void sortingFindsTheFrontsOfAHandCheckedSet() {
        List<double[]> points = List.of(p(1, 5), p(2, 2), p(5, 1), p(3, 3), p(4, 4), p(2, 2), p(6, 6));
        assertEquals(List.of(List.of(0, 1, 2, 5), List.of(3), List.of(4), List.of(6)), NonDominatedSorting.fronts(points));
    }

    @Test
    void sortingWithViolationsRanksEveryFeasiblePointFirst() {
        List<double[]> points = List.of(p(0, 0), p(5, 5), p(1, 1), p(6, 4));
        // point 0 and 2 are infeasible (0 more so); 1 and 3 feasible and mutually non-dominated
        double[] violations = {2, 0, 1, 0};
        assertEquals(List.of(List.of(1, 3), List.of(2), List.of(0)), NonDominatedSorting.fronts(points, violations));
        assertArrayEquals(new int[] {2, 0, 1, 0}, NonDominatedSorting.ranks(points, violations));
    }

    @Test
    void crowdingDistanceOfAHandCheckedFront() {
        double[] d = CrowdingDistance.of(List.of(p(0, 4), p(1, 2), p(4, 0), p(2, 1)));
        assertEquals(Double.POSITIVE_INFINITY, d[0]);
        assertEquals(Double.POSITIVE_INFINITY, d[2]);
        // point (1, 2): neighbours (0, 4) and (2, 1) -> 2/4 + 3/4; point (2, 1): neighbours (1, 2) and (4, 0) -> 3/4 + 2/4
        assertEquals(1.25, d[1], 1e-12);
        assertEquals(1.25, d[3], 1e-12);
        double[] flat = CrowdingDistance.of(List.of(p(1, 1), p(1, 1), p(1, 1)));
        assertEquals(0, flat[1], "an objective without spread adds nothing");
    }

    @Test
    void hypervolumeOfHandCheckedSets() {
        assertEquals(3.0, Hypervolume.of(List.of(p(1, 2), p(2, 1)), p(3, 3)), 1e-12);
        assertEquals(3.0, Hypervolume.of(List.of(p(1, 2), p(2, 1), p(2, 2), p(3, 0)), p(3, 3)), 1e-12,
                "dominated points and points on the reference bound add nothing");
        assertEquals(0.0, Hypervolume.of(List.of(p(4, 0)), p(3, 3)));
        // boxes up to (2, 2, 2): 1x2x2 and 2x1x2, sharing 1x1x2
        assertEquals(4 + 4 - 2, Hypervolume.of(List.of(p(1, 0, 0), p(0, 1, 0)), p(2, 2, 2)), 1e-12);
        // 2x2x1 and 1x1x2, sharing 1x1x1
        assertEquals(4 + 2 - 1, Hypervolume.of(List.of(p(0, 0, 1), p(1, 1, 0)), p(2, 2, 2)), 1e-12);
    }

    @Test
    void hypervolumeInThreeAndFourObjectivesAgreesWithMonteCarlo() {
        for (int m = 3; m <= 4; m++) {
            SplittableRandom random = new SplittableRandom(m);
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                double[] x = new double[m];
                for (int k = 0; k < m; k++) {
                    x[k] = random.nextDouble();
                }
                points.add(x);
            }
            double[] reference = new double[m];
            java.util.Arrays.fill(reference, 1.1);
            double exact = Hypervolume.of(points, reference);
            int samples = 400_000;
            int inside = 0;
            for (int s = 0; s < samples; s++) {
                double[] z = new double[m];
                for (int k = 0; k < m; k++) {
                    z[k] = random.nextDouble() * 1.1;
                }
                for (double[] x : points) {
                    if (Dominance.dominates(x, z) || java.util.Arrays.equals(x, z)) {
                        inside++;
                        break;
                    }
                }
            }
            double volume = Math.pow(1.1, m);
            double estimate = volume * inside / samples;
            double standardError = volume * Math.sqrt((double) inside / samples * (1 - (double) inside / samples) / samples);
            assertTrue(Math.abs(exact - estimate) < 4 * standardError, m + " objectives: exact " + exact
                    + ", Monte Carlo " + estimate + " +- " + standardError);
        }
    }
}
