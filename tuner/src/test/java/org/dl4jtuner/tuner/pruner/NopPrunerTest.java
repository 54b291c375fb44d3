package org.dl4jtuner.tuner.pruner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.junit.jupiter.api.Test;

class NopPrunerTest extends PrunerContractTest {
    @Override
    protected Pruner createPruner() {
        return Pruners.none();
    }

    @Test
    void evenTheWorstTrialRunsToTheEnd() {
        Study study = study(Direction.MAXIMIZE);
        Curves.run(study, Curves.flat(0.9, 9));
        assertEquals(TrialState.COMPLETE, Curves.run(study, Curves.flat(0.0, 9)).state());
    }
}
