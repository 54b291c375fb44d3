package org.dl4jtuner.tuner.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.MultiObjective;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.distribution.Distribution;
import org.dl4jtuner.tuner.distribution.FloatDistribution;
import org.junit.jupiter.api.Test;

/** NSGA-II's mutation with a share of uniform redraws ({@code uniformMutation}). */
class Nsga2VariationTest {
    private static final int D = 4;
    private static final int CHILDREN = 5000;

    private static UnitCube cube() {
        Map<String, Distribution> space = new LinkedHashMap<>();
        for (int j = 0; j < D; j++) {
            space.put("x" + j, FloatDistribution.of(0, 1));
        }
        return new UnitCube(space);
    }

    /**
     * Children of one parent at 0.5 in every coordinate, every coordinate mutated, no crossover,
     * polynomial mutation with eta 1000 (steps of about 0.002, all well under 0.05): the share of
     * coordinates that landed 0.05 or more away from the parent, i.e. were redrawn uniformly.
     * Checks every coordinate lies in [0, 1] on the way.
     */
    private static double farShare(double uniformMutation, long seed) {
        Nsga2Variation variation = new Nsga2Variation(0, 20, 1.0, 1000, uniformMutation, 0.5);
        UnitCube cube = cube();
        double[] parent = {0.5, 0.5, 0.5, 0.5};
        SplittableRandom rng = new SplittableRandom(seed);
        int far = 0;
        for (int i = 0; i < CHILDREN; i++) {
            double[] child = variation.child(cube, parent, parent, rng);
            for (double x : child) {
                assertTrue(x >= 0 && x <= 1, "outside the unit interval: " + x);
                if (Math.abs(x - 0.5) >= 0.05) {
                    far++;
                }
            }
        }
        return far / (double) (CHILDREN * D);
    }

    @Test
    void withoutUniformRedrawsEveryMutationIsAPolynomialStep() {
        assertEquals(0.0, farShare(0, 1));
    }

    @Test
    void withEveryMutationRedrawnTheCoordinatesAreUniformInTheirRange() {
        // a uniform draw lands 0.05 or more from 0.5 with probability 0.9: 18,000 of 20,000, sd 42
        double far = farShare(1, 2);
        assertTrue(Math.abs(far - 0.9) < 0.01, "share 0.05 or more from the parent: " + far);
        Nsga2Variation variation = new Nsga2Variation(0, 20, 1.0, 1000, 1, 0.5);
        UnitCube cube = cube();
        double[] parent = {0.5, 0.5, 0.5, 0.5};
        SplittableRandom rng = new SplittableRandom(3);
        int[] deciles = new int[10];
        for (int i = 0; i < CHILDREN; i++) {
            for (double x : variation.child(cube, parent, parent, rng)) {
                deciles[Math.min(9, (int) (x * 10))]++;
            }
        }
        for (int count : deciles) {
            // 2,000 expected per decile, standard deviation 42
            assertTrue(Math.abs(count - 2000) < 200, "counts per tenth of the range: " + java.util.Arrays.toString(deciles));
        }
    }

    @Test
    void aShareInBetweenRedrawsThatShareOfTheMutations() {
        // 0.4 x 0.9 = 0.36 of the coordinates land far; sd of the share 0.0034
        double far = farShare(0.4, 4);
        assertTrue(Math.abs(far - 0.36) < 0.02, "share 0.05 or more from the parent: " + far);
    }

    @Test
    void theSameRandomStreamGivesTheSameChildren() {
        Nsga2Variation variation = new Nsga2Variation(0.9, 20, 0.5, 20, 0.5, 0.3);
        UnitCube cube = cube();
        double[] a = {0.1, 0.9, 0.3, 0.7};
        double[] b = {0.8, 0.2, 0.6, 0.4};
        SplittableRandom first = new SplittableRandom(5);
        SplittableRandom second = new SplittableRandom(5);
        for (int i = 0; i < 100; i++) {
            assertArrayEquals(variation.child(cube, a, b, first), variation.child(cube, a, b, second));
        }
    }

    /** Share of the coordinates of always-crossed, never-mutated children that are neither parent's value. */
    private static double blendedShare(double sbxShare) {
        Nsga2Variation variation = new Nsga2Variation(1, 20, 0.0, 20, 0, sbxShare);
        UnitCube cube = cube();
        double[] a = {0.1, 0.9, 0.3, 0.7};
        double[] b = {0.8, 0.2, 0.6, 0.4};
        SplittableRandom rng = new SplittableRandom(6);
        int blended = 0;
        for (int i = 0; i < CHILDREN; i++) {
            double[] child = variation.child(cube, a, b, rng);
            for (int j = 0; j < D; j++) {
                assertTrue(child[j] >= 0 && child[j] <= 1, "outside the unit interval: " + child[j]);
                if (child[j] != a[j] && child[j] != b[j]) {
                    blended++;
                }
            }
        }
        return blended / (double) (CHILDREN * D);
    }

    @Test
    void theSbxShareSetsHowManyCoordinatesACrossoverBlends() {
        assertEquals(0.0, blendedShare(0), "uniform crossover alone takes every coordinate from a parent");
        // SBX's child equals a parent only by accident: all but a handful are new values
        assertTrue(blendedShare(1) > 0.99, "blended share at 1: " + blendedShare(1));
        // 0.3 of 20,000: 6,000, standard deviation 65
        double share = blendedShare(0.3);
        assertTrue(Math.abs(share - 0.3) < 0.02, "blended share at 0.3: " + share);
    }

    private static Study zdt1Study(Sampler sampler) {
        Study study = Study.builder().directions(Direction.MINIMIZE, Direction.MINIMIZE).sampler(sampler).seed(11).build();
        study.optimize((MultiObjective) trial -> {
            double x0 = trial.suggestFloat("x0", 0, 1);
            double rest = 0;
            for (int j = 1; j < 5; j++) {
                rest += trial.suggestFloat("x" + j, 0, 1);
            }
            double g = 1 + 9 * rest / 4;
            return new double[] {x0, g * (1 - Math.sqrt(x0 / g))};
        }, 80);
        return study;
    }

    @Test
    void theDefaultIsPolynomialMutationWithHalfSbxAndEachSettingIsReproducible() {
        Map<String, Object> settings = Nsga2Sampler.builder(11).build().settings();
        assertEquals(0.0, settings.get("uniform_mutation"));
        assertEquals(0.5, settings.get("sbx_share"));
        Study defaults = zdt1Study(Nsga2Sampler.builder(11).build());
        Study defaultsAgain = zdt1Study(Nsga2Sampler.builder(11).uniformMutation(0).sbxShare(0.5).build());
        Study optuna = zdt1Study(Nsga2Sampler.builder(11).uniformMutation(1).sbxShare(0).build());
        Study optunaAgain = zdt1Study(Nsga2Sampler.builder(11).uniformMutation(1).sbxShare(0).build());
        for (int i = 0; i < 80; i++) {
            assertEquals(defaults.trials().get(i).params(), defaultsAgain.trials().get(i).params(), "trial " + i);
            assertEquals(optuna.trials().get(i).params(), optunaAgain.trials().get(i).params(), "trial " + i);
        }
        // the children (past the first generation of 20) differ between the two operators
        long differing = java.util.stream.IntStream.range(20, 80)
                .filter(i -> !defaults.trials().get(i).params().equals(optuna.trials().get(i).params())).count();
        assertTrue(differing > 0, "children that differ: " + differing);
    }

    @Test
    void sharesOutsideZeroToOneAreRefusedNamingTheSetting() {
        String m = assertThrows(IllegalArgumentException.class, () -> Nsga2Sampler.builder(1).uniformMutation(1.5))
                .getMessage();
        assertTrue(m.contains("uniformMutation") && m.contains("1.5"), m);
        assertEquals(0.5, Nsga2Sampler.builder(1).uniformMutation(0.5).build().settings().get("uniform_mutation"));
        m = assertThrows(IllegalArgumentException.class, () -> Nsga2Sampler.builder(1).sbxShare(-0.1)).getMessage();
        assertTrue(m.contains("sbxShare") && m.contains("-0.1"), m);
    }
}
