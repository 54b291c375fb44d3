package org.dl4jtuner.examples.casestudies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.junit.jupiter.api.Test;

class FoldwiseCvTest {
    /** Fold scores per configuration "level": fold f of level L scores L + f / 100. */
    private static final List<Integer> FOLDS = List.of(1, 2, 3, 4);

    private static Study study(List<Integer> levels, boolean prune) {
        return Study.builder()
                .direction(Direction.MAXIMIZE)
                .sampler(Samplers.grid(Map.of("level", levels)))
                .pruner(prune ? Pruners.median(1, 1) : Pruners.none())
                .seed(3)
                .build();
    }

    private static void optimize(Study study, int trials) {
        study.optimize(trial -> {
            int level = trial.suggestCategorical("level", List.of(1, 5, 9));
            return FoldwiseCv.mean(trial, FOLDS, fold -> level + fold / 100.0);
        }, trials);
    }

    @Test
    void theRunningMeanIsReportedAfterEveryFoldAndTheFoldsAreKept() {
        Study study = study(List.of(5), false);
        optimize(study, 1);
        FrozenTrial trial = study.trials().get(0);
        assertEquals(5.025, trial.value(), 1e-12);
        assertEquals(4, trial.intermediateValues().size());
        assertEquals(5.01, trial.intermediateValues().get(1), 1e-12);
        assertEquals(5.015, trial.intermediateValues().get(2), 1e-12);
        assertEquals(5.025, trial.intermediateValues().get(4), 1e-12);
        assertEquals(List.of(5.01, 5.02, 5.03, 5.04), trial.userAttrs().get(FoldwiseCv.FOLD_VALUES_ATTR));
        assertEquals(4, FoldwiseCv.foldsFitted(study));
    }

    @Test
    void theMedianPrunerStopsAWorseConfigurationAfterItsSecondFold() {
        Study study = study(List.of(9, 1, 5), true);
        optimize(study, 3);
        List<FrozenTrial> trials = study.trials();
        assertEquals(TrialState.COMPLETE, trials.get(0).state());
        assertEquals(TrialState.PRUNED, trials.get(1).state());
        assertEquals(2, trials.get(1).intermediateValues().size(), "judged first at step 2, after the warm-up step");
        assertEquals(TrialState.PRUNED, trials.get(2).state());
        assertEquals(4 + 2 + 2, FoldwiseCv.foldsFitted(study));
    }

    @Test
    void withoutAPrunerEveryFoldIsFitted() {
        Study study = study(List.of(9, 1, 5), false);
        optimize(study, 3);
        assertEquals(12, FoldwiseCv.foldsFitted(study));
        assertEquals(3, study.trials(TrialState.COMPLETE).size());
    }

    @Test
    void theBaselineMeanNeedsNoStudy() throws Exception {
        assertEquals(2.5, FoldwiseCv.mean(FOLDS, fold -> fold), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> FoldwiseCv.mean(List.<Integer>of(), fold -> fold));
    }
}
