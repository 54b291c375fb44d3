package org.dl4jtuner.tuner.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.storage.InMemoryStorage;
import org.dl4jtuner.tuner.storage.Storage;
import org.junit.jupiter.api.Test;

/** The warm start's test of the past ({@link WarmStartGuard}) on constructed histories, and its rank test. */
class WarmStartGuardTest {
    private final Storage storage = new InMemoryStorage();

    private Study study(Direction direction) {
        return Study.builder().name("s").storage(storage).direction(direction).build();
    }

    /** A complete trial of the study: an enqueued past best configuration (kind null) or one of mode {@code kind}. */
    private void trial(Study study, String kind, double value) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        if (kind == null) {
            attrs.put(Trial.FIXED_PARAMS_ATTR, Map.of("x", value));
            attrs.put(Study.WARM_START_FROM_ATTR, Map.of("study", "past", "trial", 0, "value", value));
        } else {
            attrs.put(TpeSampler.WARM_START_MODE_ATTR, kind);
        }
        FrozenTrial t = storage.createTrial(study.id(), TrialState.RUNNING, attrs);
        storage.finishTrial(t.id(), TrialState.COMPLETE, value);
    }

    /** The mode the guard gives a new trial after the study's trials so far. */
    private WarmStartGuard.Mode next(Study study) {
        FrozenTrial current = storage.createTrial(study.id(), TrialState.RUNNING, Map.of());
        WarmStartGuard.Mode mode = WarmStartGuard.decide(study, current);
        storage.finishTrial(current.id(), TrialState.FAIL, null);
        return mode;
    }

    /** The history: three enqueued trials, then trials of the given modes, each with its value. */
    private Study history(Direction direction, double[] enqueued, Object... modesAndValues) {
        Study study = study(direction);
        double sign = direction == Direction.MAXIMIZE ? -1 : 1;
        for (double v : enqueued) {
            trial(study, null, sign * v);
        }
        for (int i = 0; i < modesAndValues.length; i += 2) {
            trial(study, (String) modesAndValues[i], sign * ((Number) modesAndValues[i + 1]).doubleValue());
        }
        return study;
    }

    @Test
    void thePastIsDroppedWhenItsTrialsRankNoBetterThanTheProbeThoughNoProbeBeatsItsBest() {
        // the best past trial (1) beats the probe (2), but the other two do not: U = 1 of 3, p = 3/4
        Study study = history(Direction.MINIMIZE, new double[] {1, 5, 6}, "probe", 2);
        assertEquals(WarmStartGuard.Mode.OWN, next(study));
    }

    @Test
    void thePastLeadsWhileMostOfItsTrialsBeatTheProbes() {
        // two of three past trials below the probe: U = 2, p = 1/2
        assertEquals(WarmStartGuard.Mode.PAST, next(history(Direction.MINIMIZE, new double[] {1, 2, 5}, "probe", 3)));
    }

    @Test
    void aMaximisingStudyIsJudgedOnTheSameRanks() {
        assertEquals(WarmStartGuard.Mode.OWN, next(history(Direction.MAXIMIZE, new double[] {1, 5, 6}, "probe", 2)));
        storage.deleteStudy(storage.findStudy("s").orElseThrow().id());
        assertEquals(WarmStartGuard.Mode.PAST, next(history(Direction.MAXIMIZE, new double[] {1, 2, 5}, "probe", 3)));
    }

    @Test
    void aPastWithFewerThanThreeCompleteTrialsIsNotJudgedYet() {
        Study study = history(Direction.MINIMIZE, new double[] {4, 5}, "probe", 1);
        assertEquals(WarmStartGuard.Mode.PAST, next(study));
        trial(study, "past", 6);
        assertEquals(WarmStartGuard.Mode.OWN, next(study));
    }

    @Test
    void theFirstTrialAfterTheEnqueuedOnesIsAProbe() {
        assertEquals(WarmStartGuard.Mode.PROBE, next(history(Direction.MINIMIZE, new double[] {1, 2, 3})));
    }

    @Test
    void moreProbesFollowAfterEightLedTrialsAndEachDoublingOfTheInterval() {
        assertEquals(List.of(1, 1, 2, 2, 3, 3, 4), List.of(WarmStartGuard.probesDue(0), WarmStartGuard.probesDue(7),
                WarmStartGuard.probesDue(8), WarmStartGuard.probesDue(23), WarmStartGuard.probesDue(24),
                WarmStartGuard.probesDue(55), WarmStartGuard.probesDue(56)));
        Study study = history(Direction.MINIMIZE, new double[] {1, 2, 3}, "probe", 10);
        for (int i = 0; i < 8; i++) {
            assertEquals(WarmStartGuard.Mode.PAST, next(study), "after " + i + " led trials");
            trial(study, "past", 0.5 + i);
        }
        assertEquals(WarmStartGuard.Mode.PROBE, next(study));
    }

    @Test
    void aPastThatLedWellIsDroppedOnceTheProbesRankAboveMostOfItsTrials() {
        // 3 enqueued and 8 led trials, all below the first probe: U = 11 of 11, p = 1/12
        List<Object> history = new ArrayList<>(List.of("probe", 20.0));
        for (int i = 0; i < 8; i++) {
            history.addAll(List.of("past", 10.0 + i));
        }
        Study study = history(Direction.MINIMIZE, new double[] {8, 9, 9.5}, history.toArray());
        assertEquals(WarmStartGuard.Mode.PROBE, next(study));
        // a second probe better than every past trial: U = 11 of 22, p > 1/2
        trial(study, "probe", 1);
        assertEquals(WarmStartGuard.Mode.OWN, next(study));
    }

    @Test
    void aNewStudyOverTheSameStorageDecidesAsTheFirstDidAndOwnStaysOwn() {
        Study first = history(Direction.MINIMIZE, new double[] {1, 2, 5}, "probe", 3);
        Study again = study(Direction.MINIMIZE);
        assertEquals(next(first), next(again));
        assertEquals(WarmStartGuard.Mode.PAST, next(again));
        trial(again, "own", 9);
        // a recorded verdict stands, whatever the values say now
        trial(again, "past", 0.1);
        assertEquals(WarmStartGuard.Mode.OWN, next(study(Direction.MINIMIZE)));
    }

    @Test
    void theRankSumTailsAreExact() {
        // n = 3, m = 1: U is uniform on 0..3
        assertEquals(0.5, RankSumTest.upperTail(3, 1, 2), 1e-12);
        assertEquals(0.25, RankSumTest.upperTail(3, 1, 3), 1e-12);
        // n = 2, m = 2: U over the 6 orderings is 0, 1, 2, 2, 3, 4
        assertEquals(1.0 / 6, RankSumTest.upperTail(2, 2, 4), 1e-12);
        assertEquals(4.0 / 6, RankSumTest.upperTail(2, 2, 1.5), 1e-12);
        assertEquals(1, RankSumTest.upperTail(2, 2, 0), 1e-12);
        assertEquals(0, RankSumTest.upperTail(2, 2, 5), 1e-12);
        // pairs below: 1 < 2, 2 = 2 (one half), 1 < 2.5, 2 < 2.5
        assertEquals(3.5, RankSumTest.u(new double[] {1, 2, 3}, new double[] {2, 2.5}), 1e-12);
    }

    @Test
    void theRankSumTailsMatchCountingEveryOrdering() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int n = 1; n <= 7; n++) {
            for (int m = 1; m <= 4; m++) {
                int[] counts = new int[n * m + 1];
                int total = 0;
                // every choice of which of the n + m ranks hold the second sample
                for (int mask = 0; mask < 1 << (n + m); mask++) {
                    if (Integer.bitCount(mask) != m) {
                        continue;
                    }
                    int u = 0;
                    int firstBelow = 0;
                    for (int rank = 0; rank < n + m; rank++) {
                        if ((mask >> rank & 1) == 1) {
                            u += firstBelow;
                        } else {
                            firstBelow++;
                        }
                    }
                    counts[u]++;
                    total++;
                }
                int u = rng.nextInt(n * m + 1);
                int atLeast = 0;
                for (int k = u; k <= n * m; k++) {
                    atLeast += counts[k];
                }
                assertEquals((double) atLeast / total, RankSumTest.upperTail(n, m, u), 1e-12, "n=" + n + " m=" + m + " u=" + u);
                assertTrue(RankSumTest.upperTail(n, m, u) > 0);
            }
        }
    }
}
