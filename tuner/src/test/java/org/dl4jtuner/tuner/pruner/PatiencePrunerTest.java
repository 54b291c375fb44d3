package org.dl4jtuner.tuner.pruner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.TrialState;
import org.junit.jupiter.api.Test;

class PatiencePrunerTest extends PrunerContractTest {
    @Override
    protected Pruner createPruner() {
        return Pruners.patience(3, 0.0);
    }

    @Test
    void stopsAfterPatienceStepsWithoutImprovement() {
        FrozenTrial t = Curves.run(study(Direction.MAXIMIZE), 0.5, 0.6, 0.7, 0.7, 0.69, 0.7, 0.8);
        assertEquals(TrialState.PRUNED, t.state());
        assertEquals(6, t.lastStep(), "best at step 3, then 3 steps without a better value");
    }

    @Test
    void keepsATrialThatStillImproves() {
        FrozenTrial t = Curves.run(study(Direction.MINIMIZE), 1.0, 0.9, 0.95, 0.97, 0.8, 0.85, 0.86, 0.7);
        assertEquals(TrialState.COMPLETE, t.state());
    }

    @Test
    void improvementsSmallerThanMinDeltaDoNotCount() {
        var study = org.dl4jtuner.tuner.Study.builder().direction(Direction.MAXIMIZE)
                .pruner(Pruners.patience(2, 0.01)).build();
        FrozenTrial t = Curves.run(study, 0.5, 0.505, 0.509, 0.6);
        assertEquals(TrialState.PRUNED, t.state());
        assertEquals(3, t.lastStep());
    }

    @Test
    void patienceMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pruners.patience(0, 0));
        assertTrue(e.getMessage().contains("patience >= 1"), e.getMessage());
    }
}
