package org.dl4jtuner.tuner.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Objective;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.distribution.Distribution;
import org.dl4jtuner.tuner.distribution.FloatDistribution;
import org.junit.jupiter.api.Test;

/** What the samplers take from a warm start's past studies. */
class TransferTest {
    private static final List<Distribution> SQUARE = List.of(FloatDistribution.of(0, 1), FloatDistribution.of(0, 1));

    static Objective bowl(double cx, double cy) {
        return t -> {
            double x = t.suggestFloat("x", 0, 1);
            double y = t.suggestFloat("y", 0, 1);
            return (x - cx) * (x - cx) + (y - cy) * (y - cy);
        };
    }

    private static List<FrozenTrial> past(Objective objective, int trials, long seed) {
        Study past = Study.builder().sampler(Samplers.tpe(seed)).seed(seed).build();
        past.optimize(objective, trials);
        return past.trials();
    }

    private static double[][] cloud(double cx, double cy, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {cx + 0.03 * (rng.nextDouble() - 0.5), cy + 0.03 * (rng.nextDouble() - 0.5)};
        }
        return x;
    }

    @Test
    void theSimilarityOfPromisingSetsIsHighWhenTheyCoincideAndNearZeroWhenApart() {
        double same = TaskSimilarity.of(cloud(0.3, 0.3, 10, 1), cloud(0.3, 0.3, 10, 2), SQUARE, new SplittableRandom(3));
        double apart = TaskSimilarity.of(cloud(0.2, 0.2, 10, 1), cloud(0.8, 0.8, 10, 2), SQUARE, new SplittableRandom(3));
        assertTrue(same > 0.7, "similarity of two clouds around one point: " + same);
        assertTrue(apart < 0.02, "similarity of two clouds far apart: " + apart);
    }

    /**
     * The median similarity TPE recorded over trials 20 to 29 of a study warm-started from {@code past}
     * without enqueued configurations, on a space with a categorical parameter (so TPE, not CMA-ES,
     * proposes while the past leads); NaN for a trial that recorded none.
     */
    private static double similarityLater(List<FrozenTrial> past, Objective objective, long seed) {
        Study study = Study.builder().sampler(Samplers.tpe(seed)).seed(seed).warmStartFrom(past).warmStartTop(0).build();
        study.optimize(objective, 30);
        List<Double> later = new ArrayList<>();
        for (FrozenTrial t : study.trials().subList(20, 30)) {
            later.add(t.systemAttrs().get(TpeSampler.SIMILARITY_ATTR) instanceof List<?> l
                    ? ((Number) l.get(0)).doubleValue() : Double.NaN);
        }
        later.sort(null);
        return (later.get(4) + later.get(5)) / 2;
    }

    /** A bowl with a categorical parameter that shifts it: "a" leaves it, "b" adds 0.5. */
    static Objective mixedBowl(double cx, double cy) {
        Objective bowl = bowl(cx, cy);
        return t -> bowl.evaluate(t) + ("b".equals(t.suggestCategorical("c", List.of("a", "b"))) ? 0.5 : 0);
    }

    @Test
    void tpeWeighsAnIdenticalPastHighWhileItLeads() {
        for (long seed = 1; seed <= 3; seed++) {
            double identical = similarityLater(past(mixedBowl(0.3, 0.7), 60, 100 + seed), mixedBowl(0.3, 0.7), seed);
            assertTrue(identical > 0.3, "seed " + seed + ": identical past weighed " + identical);
        }
    }

    /** The warm-start mode TPE recorded on each trial of a study (null for the enqueued ones). */
    private static List<String> modes(Study study) {
        List<String> modes = new ArrayList<>();
        study.trials().forEach(t -> modes.add((String) t.systemAttrs().get(TpeSampler.WARM_START_MODE_ATTR)));
        return modes;
    }

    @Test
    void anUnrelatedPastIsDroppedAtTheFirstProbeWhenTheProbeBeatsItsBestConfigurations() {
        for (long seed = 1; seed <= 3; seed++) {
            // the past's optimum lies where the current bowl is worst, so a random probe beats all its trials
            Study study = Study.builder().sampler(Samplers.tpe(seed)).seed(seed)
                    .warmStartFrom(past(bowl(0.95, 0.05), 60, 30 + seed)).build();
            study.optimize(bowl(0.2, 0.8), 20);
            List<String> modes = modes(study);
            List<String> expected = new ArrayList<>(java.util.Collections.nCopies(3, (String) null));
            expected.add("probe");
            expected.addAll(java.util.Collections.nCopies(16, "own"));
            assertEquals(expected, modes, "seed " + seed);
            double worstPast = study.trials().subList(0, 3).stream().mapToDouble(FrozenTrial::value).min().orElseThrow();
            assertTrue(study.trials().get(3).value() < worstPast, "seed " + seed + ": the probe beat the past's best");
            // going its own way, TPE runs a cold study's random start-up: trials 4 to 9 are not drawn near the past
            long nearPast = study.trials().subList(4, 10).stream()
                    .filter(t -> (Double) t.params().get("x") > 0.85 && (Double) t.params().get("y") < 0.15).count();
            assertTrue(nearPast <= 1, "seed " + seed + ": start-up trials near the unrelated past's optimum: " + nearPast);
        }
    }

    @Test
    void aRelatedPastKeepsLeadingWithALocalSearchFromItsBestPointsPastTwoProbes() {
        for (long seed = 1; seed <= 3; seed++) {
            Study study = Study.builder().sampler(Samplers.tpe(seed)).seed(seed)
                    .warmStartFrom(past(bowl(0.3, 0.7), 60, 40 + seed)).build();
            study.optimize(bowl(0.33, 0.67), 20);
            List<String> modes = modes(study);
            // a probe first, another after the past has led 8 trials; neither beats the past's best
            List<String> expected = new ArrayList<>(List.of("probe"));
            expected.addAll(java.util.Collections.nCopies(WarmStartGuard.RECHECK_AFTER, "past"));
            expected.add("probe");
            expected.addAll(java.util.Collections.nCopies(16 - WarmStartGuard.RECHECK_AFTER - 1, "past"));
            assertEquals(expected, modes.subList(3, 20), "seed " + seed);
            assertTrue(study.trials().get(4).systemAttrs().containsKey(CmaEsSampler.GENERATION_ATTR),
                    "seed " + seed + ": the past leads by CMA-ES on a numeric space");
            double best = study.trials(TrialState.COMPLETE).stream().mapToDouble(FrozenTrial::value).min().orElseThrow();
            assertTrue(best < 2e-3, "seed " + seed + ": best after 20 trials " + best);
        }
    }

    @Test
    void aResumedStudyKeepsTheModesItRecorded() {
        org.dl4jtuner.tuner.storage.Storage storage = new org.dl4jtuner.tuner.storage.InMemoryStorage();
        List<FrozenTrial> unrelated = past(bowl(0.95, 0.05), 60, 33);
        Study first = Study.builder().name("s").storage(storage).sampler(Samplers.tpe(3)).seed(3)
                .warmStartFrom(unrelated).build();
        first.optimize(bowl(0.2, 0.8), 6);
        Study again = Study.builder().name("s").storage(storage).sampler(Samplers.tpe(3)).seed(3)
                .warmStartFrom(unrelated).build();
        again.optimize(bowl(0.2, 0.8), 4);
        List<String> modes = modes(again);
        assertEquals(List.of("probe", "own", "own", "own", "own", "own", "own"), modes.subList(3, 10));
    }

    @Test
    void tpeWithTransferOffIgnoresThePast() {
        List<FrozenTrial> past = past(bowl(0.9, 0.1), 40, 5);
        Study cold = Study.builder().sampler(Samplers.tpe(8)).seed(8).build();
        Study off = Study.builder().sampler(TpeSampler.builder(8).transfer(false).build()).seed(8).warmStartFrom(past)
                .warmStartTop(0).build();
        cold.optimize(bowl(0.3, 0.7), 15);
        off.optimize(bowl(0.3, 0.7), 15);
        for (int i = 0; i < 15; i++) {
            assertEquals(cold.trials().get(i).params(), off.trials().get(i).params());
        }
    }

    @Test
    void cmaEsStartsItsFirstRunAtThePastBestPoints() {
        List<FrozenTrial> past = past(bowl(0.85, 0.8), 60, 11);
        double warm = firstGenerationDistance(Study.builder().sampler(CmaEsSampler.builder(4).build()).seed(4)
                .warmStartFrom(past).warmStartTop(0).build());
        double cold = firstGenerationDistance(Study.builder().sampler(CmaEsSampler.builder(4).build()).seed(4).build());
        assertTrue(warm < 0.1, "warm first generation's mean distance to the past optimum: " + warm);
        assertTrue(cold > 0.3, "cold first generation's mean distance to the past optimum: " + cold);
    }

    /** How far the mean of the first CMA-ES generation (trials 1 to 6; trial 0 is random) lies from (0.85, 0.8). */
    private static double firstGenerationDistance(Study study) {
        study.optimize(bowl(0.85, 0.8), 7);
        double x = 0;
        double y = 0;
        for (FrozenTrial t : study.trials().subList(1, 7)) {
            x += (Double) t.params().get("x") / 6;
            y += (Double) t.params().get("y") / 6;
        }
        return Math.hypot(x - 0.85, y - 0.8);
    }

    @Test
    void theGpPriorsSlopeFollowsTheCurrentValues() {
        double[] m = {0, 1, 2, 3};
        assertEquals(2.0, GpPrior.scale(m, new double[] {1, 3, 5, 7}), 1e-12);
        assertEquals(0.0, GpPrior.scale(m, new double[] {3, 2, 1, 0}), 1e-12);
        assertEquals(1.0, GpPrior.scale(new double[] {0, 1}, new double[] {5, -5}), 1e-12);
    }

    @Test
    void aGpWarmStartedFromARelatedPastFindsTheOptimumSoonerThanACold() {
        List<FrozenTrial> past = past(bowl(0.7, 0.3), 40, 21);
        double warm = best(Study.builder().sampler(GpSampler.builder(6).candidates(128).build()).seed(6)
                .warmStartFrom(past).warmStartTop(0).build());
        double cold = best(Study.builder().sampler(GpSampler.builder(6).candidates(128).build()).seed(6).build());
        assertTrue(warm < cold, "best after 12 trials: warm " + warm + ", cold " + cold);
        assertTrue(warm < 0.005, "warm best after 12 trials: " + warm);
    }

    private static double best(Study study) {
        study.optimize(bowl(0.72, 0.28), 12);
        return study.trials(TrialState.COMPLETE).stream().mapToDouble(FrozenTrial::value).min().orElseThrow();
    }
}
