package org.dl4jtuner.tuner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import org.dl4jtuner.tuner.sampler.CmaEsSampler;
import org.dl4jtuner.tuner.sampler.GpSampler;
import org.dl4jtuner.tuner.sampler.Sampler;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.sampler.TpeSampler;
import org.dl4jtuner.tuner.storage.InMemoryStorage;
import org.dl4jtuner.tuner.storage.Storage;
import org.junit.jupiter.api.Test;

class WarmStartTest {
    /** A bowl on [0, 1]^2 with its minimum at (cx, cy). */
    static Objective bowl(double cx, double cy) {
        return t -> {
            double x = t.suggestFloat("x", 0, 1);
            double y = t.suggestFloat("y", 0, 1);
            return (x - cx) * (x - cx) + (y - cy) * (y - cy);
        };
    }

    static List<FrozenTrial> past(Objective objective, int trials, long seed) {
        Study past = Study.builder().sampler(Samplers.random(seed)).seed(seed).build();
        past.optimize(objective, trials);
        return past.trials();
    }

    private static List<Map<String, Object>> params(Study study) {
        List<Map<String, Object>> params = new ArrayList<>();
        study.trials().forEach(t -> params.add(t.params()));
        return params;
    }

    @Test
    void anEmptyWarmStartProposesWhatAColdStudyProposes() {
        List<LongFunction<Sampler>> samplers = List.of(s -> TpeSampler.builder(s).build(),
                s -> GpSampler.builder(s).candidates(64).build(), s -> CmaEsSampler.builder(s).build());
        for (LongFunction<Sampler> sampler : samplers) {
            Study cold = Study.builder().sampler(sampler.apply(7)).seed(7).build();
            Study warm = Study.builder().sampler(sampler.apply(7)).seed(7).warmStartFrom(List.of()).build();
            cold.optimize(bowl(0.3, 0.6), 15);
            warm.optimize(bowl(0.3, 0.6), 15);
            assertEquals(params(cold), params(warm), cold.sampler().name());
            assertTrue(warm.pastStudies().isEmpty());
        }
    }

    @Test
    void thePastBestConfigurationsRunFirstAndSayWhereTheyCameFrom() {
        List<FrozenTrial> past = past(bowl(0.3, 0.6), 40, 1);
        List<FrozenTrial> best = WarmStart.best(past, Direction.MINIMIZE);
        Study study = Study.builder().sampler(Samplers.tpe(3)).seed(3).warmStartFrom("march", past).build();
        study.optimize(bowl(0.35, 0.55), 6);
        List<FrozenTrial> trials = study.trials();
        for (int i = 0; i < Study.DEFAULT_WARM_START_TOP; i++) {
            assertEquals(best.get(i).params(), trials.get(i).params());
            assertEquals(Map.of("study", "march", "trial", best.get(i).number(), "value", best.get(i).value()),
                    trials.get(i).systemAttrs().get(Study.WARM_START_FROM_ATTR));
        }
        assertEquals(null, trials.get(Study.DEFAULT_WARM_START_TOP).systemAttrs().get(Study.WARM_START_FROM_ATTR));
        Map<?, ?> recorded = (Map<?, ?>) study.storage().studySystemAttrs(study.id()).get(Study.WARM_START_ATTR);
        assertEquals(3, recorded.get("top"));
        assertEquals(List.of(Map.of("study", "march", "trials", 40, "enqueued", 3)), recorded.get("sources"));
    }

    @Test
    void aStudyLoadedAgainDoesNotEnqueueThePastAgain() {
        Storage storage = new InMemoryStorage();
        List<FrozenTrial> past = past(bowl(0.3, 0.6), 30, 2);
        Study first = Study.builder().name("april").storage(storage).sampler(Samplers.tpe(4)).warmStartFrom(past)
                .warmStartTop(4).build();
        first.optimize(bowl(0.3, 0.6), 2);
        Study again = Study.builder().name("april").storage(storage).sampler(Samplers.tpe(4)).warmStartFrom(past)
                .warmStartTop(4).build();
        again.optimize(bowl(0.3, 0.6), 6);
        long fromPast = again.trials().stream().filter(t -> t.systemAttrs().get(Study.WARM_START_FROM_ATTR) != null)
                .count();
        assertEquals(4, fromPast);
        assertEquals(8, again.trials().size());
        assertTrue(again.trials().stream().allMatch(t -> t.state() == TrialState.COMPLETE));
    }

    @Test
    void topZeroEnqueuesNothingAndNoSamplerPrimingHidesThePast() {
        List<FrozenTrial> past = past(bowl(0.3, 0.6), 20, 5);
        Study study = Study.builder().sampler(Samplers.tpe(5)).warmStartFrom(past).warmStartTop(0)
                .warmStartSampler(false).build();
        study.optimize(bowl(0.3, 0.6), 3);
        assertTrue(study.trials().stream().noneMatch(t -> t.systemAttrs().containsKey(Study.WARM_START_FROM_ATTR)));
        assertTrue(study.pastStudies().isEmpty());
        Study primed = Study.builder().sampler(Samplers.tpe(5)).warmStartFrom(past).warmStartTop(0).build();
        assertEquals(List.of(past), primed.pastStudies());
    }

    @Test
    void aPartialEnqueuedConfigurationSamplesTheRest() {
        Study study = Study.builder().sampler(Samplers.tpe(9)).seed(9).build();
        study.enqueueTrial(Map.of("x", 0.25));
        study.enqueueTrial(Map.of("x", 0.25));
        study.optimize(bowl(0.3, 0.6), 2);
        FrozenTrial a = study.trials().get(0);
        FrozenTrial b = study.trials().get(1);
        assertEquals(0.25, a.params().get("x"));
        assertEquals(0.25, b.params().get("x"));
        assertNotNull(a.params().get("y"));
        assertNotEquals(a.params().get("y"), b.params().get("y"));
    }

    @Test
    void anEnqueuedValueOutsideItsRangeFailsTheTrialNamingTheParameter() {
        Study study = Study.builder().sampler(Samplers.random(1)).build();
        study.enqueueTrial(Map.of("x", 1.5));
        study.optimize(bowl(0.3, 0.6), 1);
        FrozenTrial t = study.trials().get(0);
        assertEquals(TrialState.FAIL, t.state());
        String reason = (String) t.systemAttrs().get(Study.FAIL_REASON_ATTR);
        assertTrue(reason.contains("the enqueued value of 'x' must lie in the range the objective suggests")
                && reason.contains("but got 1.5"), reason);
    }
}
