package org.dl4jtuner.tuner.pruner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialState;
import org.junit.jupiter.api.Test;

/** The contract every pruner passes; each pruner's test extends it. */
public abstract class PrunerContractTest {

    /** The pruner under test, fresh. */
    protected abstract Pruner createPruner();

    protected Study study(Direction direction) {
        return Study.builder().direction(direction).pruner(createPruner()).seed(3).build();
    }

    @Test
    void aTrialThatReportedNothingIsNeverPruned() {
        Study study = study(Direction.MAXIMIZE);
        for (int i = 0; i < 10; i++) {
            Curves.run(study, 0.1 * i, 0.1 * i, 0.1 * i, 0.1 * i);
        }
        Trial fresh = study.ask();
        assertFalse(fresh.shouldPrune());
    }

    @Test
    void theBestSteadilyImprovingTrialIsNeverPruned() {
        for (Direction direction : Direction.values()) {
            Study study = study(direction);
            SplittableRandom random = new SplittableRandom(1);
            double sign = direction == Direction.MAXIMIZE ? 1 : -1;
            for (int i = 0; i < 30; i++) {
                double[] curve = new double[27];
                double level = random.nextDouble(0.1, 0.5);
                for (int s = 0; s < curve.length; s++) {
                    curve[s] = sign * (level + 0.001 * s);
                }
                Curves.run(study, curve);
            }
            double[] best = new double[27];
            for (int s = 0; s < best.length; s++) {
                best[s] = sign * (0.9 + 0.003 * s);
            }
            FrozenTrial t = Curves.run(study, best);
            assertEquals(TrialState.COMPLETE, t.state(), direction + ": the best trial was pruned at step " + t.lastStep());
        }
    }

    @Test
    void decisionsAreReproducible() {
        assertEquals(decisions(), decisions());
    }

    private List<TrialState> decisions() {
        Study study = study(Direction.MINIMIZE);
        SplittableRandom random = new SplittableRandom(99);
        List<TrialState> states = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double[] curve = new double[27];
            double level = random.nextDouble();
            for (int s = 0; s < curve.length; s++) {
                curve[s] = level + random.nextDouble(0, 0.2);
            }
            states.add(Curves.run(study, curve).state());
        }
        return states;
    }
}
