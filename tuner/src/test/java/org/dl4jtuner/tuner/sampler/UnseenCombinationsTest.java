package org.dl4jtuner.tuner.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.distribution.CategoricalDistribution;
import org.dl4jtuner.tuner.distribution.FloatDistribution;
import org.dl4jtuner.tuner.distribution.IntDistribution;
import org.junit.jupiter.api.Test;

class UnseenCombinationsTest {
    @Test
    void theBestFreeCombinationIsTheBruteForceArgmaxOverFreeOnes() {
        SplittableRandom random = new SplittableRandom(5);
        for (int round = 0; round < 200; round++) {
            int dims = 1 + random.nextInt(3);
            double[][] values = new double[dims][];
            double[][] scores = new double[dims][];
            for (int j = 0; j < dims; j++) {
                int n = 1 + random.nextInt(5);
                values[j] = new double[n];
                scores[j] = new double[n];
                for (int k = 0; k < n; k++) {
                    values[j][k] = k;
                    scores[j][k] = random.nextGaussian();
                }
            }
            List<List<Double>> all = product(values);
            Set<List<Double>> taken = new HashSet<>();
            for (List<Double> c : all) {
                if (random.nextDouble() < 0.6) {
                    taken.add(c);
                }
            }
            List<Double> expected = null;
            double expectedScore = Double.NEGATIVE_INFINITY;
            for (List<Double> c : all) {
                double score = 0;
                for (int j = 0; j < dims; j++) {
                    score += scores[j][(int) (double) c.get(j)];
                }
                if (!taken.contains(c) && score > expectedScore) {
                    expected = c;
                    expectedScore = score;
                }
            }
            double[] best = UnseenCombinations.best(values, scores, taken);
            if (expected == null) {
                assertNull(best, "every combination is taken");
            } else {
                assertArrayEquals(expected.stream().mapToDouble(Double::doubleValue).toArray(), best, 0,
                        "round " + round);
            }
        }
    }

    private static List<List<Double>> product(double[][] values) {
        List<List<Double>> result = new ArrayList<>();
        result.add(List.of());
        for (double[] dim : values) {
            List<List<Double>> next = new ArrayList<>();
            for (List<Double> prefix : result) {
                for (double v : dim) {
                    List<Double> c = new ArrayList<>(prefix);
                    c.add(v);
                    next.add(c);
                }
            }
            result = next;
        }
        return result;
    }

    @Test
    void onlyIntegerRangesAndChoicesOfBoundedSizeAreFinite() {
        assertTrue(UnseenCombinations.finite(List.of(new IntDistribution(2, 10, false, 2),
                CategoricalDistribution.of(List.of("adam", "sgd")))));
        assertArrayEquals(new double[] {2, 4, 6, 8, 10}, UnseenCombinations.values(new IntDistribution(2, 10, false, 2)));
        assertFalse(UnseenCombinations.finite(List.of(IntDistribution.of(1, 3), new FloatDistribution(0, 1, false, null))));
        assertFalse(UnseenCombinations.finite(List.of(IntDistribution.of(1, 1_000_000))));
        assertFalse(UnseenCombinations.finite(List.of()));
    }

    @Test
    void tpeNeverRepeatsAConfigurationOfAFiniteSpaceUntilItIsExhausted() {
        // 4 x 3 = 12 configurations; the objective favours one corner, so plain TPE keeps returning to it
        Map<Boolean, Integer> distinct = new java.util.HashMap<>();
        for (boolean avoid : new boolean[] {true, false}) {
            Study study = Study.builder().direction(Direction.MINIMIZE)
                    .sampler(TpeSampler.builder(3).startupTrials(4).avoidRepeats(avoid).build()).seed(3).build();
            study.optimize(t -> t.suggestInt("a", 0, 3) + 2.0 * t.suggestInt("b", 0, 2), 12);
            Set<Map<String, Object>> seen = new HashSet<>();
            for (FrozenTrial t : study.trials()) {
                seen.add(t.params());
            }
            distinct.put(avoid, seen.size());
        }
        assertEquals(12, distinct.get(true), "12 trials cover all 12 configurations");
        assertTrue(distinct.get(false) < 12, "without it TPE repeats: " + distinct.get(false) + " distinct");
        Study exhausted = Study.builder().direction(Direction.MINIMIZE)
                .sampler(TpeSampler.builder(3).startupTrials(4).build()).seed(3).build();
        exhausted.optimize(t -> t.suggestInt("a", 0, 3) + 2.0 * t.suggestInt("b", 0, 2), 15);
        assertEquals(15, exhausted.trials().size(), "past the 12 configurations it proposes repeats");
    }
}
