package org.dl4jtuner.tuner.pruner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialState;
import org.junit.jupiter.api.Test;

class HyperbandPrunerTest extends PrunerContractTest {
    @Override
    protected Pruner createPruner() {
        return Pruners.hyperband(1, 27, 3);
    }

    @Test
    void bracketsFollowFromTheSeedAndTheTrialNumber() {
        HyperbandPruner pruner = new HyperbandPruner(1, 81, 3);
        List<Integer> a = new ArrayList<>();
        List<Integer> b = new ArrayList<>();
        List<Integer> c = new ArrayList<>();
        for (int n = 0; n < 50; n++) {
            a.add(pruner.bracketOf(1, n));
            b.add(new HyperbandPruner(1, 81, 3).bracketOf(1, n));
            c.add(pruner.bracketOf(2, n));
        }
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void bracketsGetTrialsInProportionToTheirBudget() {
        HyperbandPruner pruner = new HyperbandPruner(1, 81, 3);
        assertEquals(5, pruner.brackets());
        // budgets ceil(5 * 3^s / (s + 1)) for s = 4..0: 81, 34, 15, 8, 5 of 143
        int[] budget = {81, 34, 15, 8, 5};
        int[] counts = new int[5];
        int draws = 14_300;
        for (int n = 0; n < draws; n++) {
            counts[pruner.bracketOf(7, n)]++;
        }
        for (int b = 0; b < 5; b++) {
            double expected = draws * budget[b] / 143.0;
            assertTrue(Math.abs(counts[b] - expected) < 0.1 * expected + 15,
                    "bracket " + b + ": " + counts[b] + " trials, expected about " + expected);
        }
    }

    @Test
    void aTrialIsJudgedOnlyFromItsBracketsFirstRungAndAgainstItsBracket() {
        Study study = Study.builder().direction(Direction.MAXIMIZE).pruner(createPruner()).seed(11).build();
        HyperbandPruner pruner = (HyperbandPruner) study.pruner();
        for (int i = 0; i < 60; i++) {
            Curves.run(study, Curves.flat(0.5 + 0.001 * i, 27));
        }
        for (FrozenTrial t : study.trials()) {
            int bracket = ((Number) t.systemAttrs().get(HyperbandPruner.BRACKET_ATTR)).intValue();
            assertEquals(pruner.bracketOf(11, t.number()), bracket);
            int firstRung = (int) Math.pow(3, bracket);
            if (t.state() == TrialState.PRUNED) {
                assertTrue(t.lastStep() >= firstRung, "bracket " + bracket + " trial pruned at step " + t.lastStep());
            }
        }
        // a terrible trial: not pruned before its bracket's first rung
        Trial bad = study.ask();
        int bracket = pruner.bracketOf(11, bad.number());
        int firstRung = (int) Math.pow(3, bracket);
        for (int step = 1; step < firstRung; step++) {
            bad.report(step, 0.0);
            assertTrue(!bad.shouldPrune(), "pruned at step " + step + " before rung " + firstRung);
        }
        bad.report(firstRung, 0.0);
        if (firstRung < 27) {
            assertTrue(bad.shouldPrune() || onlyOneIn(study, bracket),
                    "a trial worse than all of its bracket is pruned at the bracket's first rung");
        } else {
            assertTrue(!bad.shouldPrune(), "the last bracket trains every trial to the end");
        }
    }

    private static boolean onlyOneIn(Study study, int bracket) {
        return study.trials().stream()
                .filter(t -> t.systemAttrs().get(HyperbandPruner.BRACKET_ATTR) instanceof Number n && n.intValue() == bracket)
                .count() <= 1;
    }

    @Test
    void maxBelowMinIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pruners.hyperband(9, 3, 3));
        assertEquals("maxResource >= minResource must hold, but got maxResource=3, minResource=9", e.getMessage());
    }
}
