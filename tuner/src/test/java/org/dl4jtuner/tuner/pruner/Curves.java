package org.dl4jtuner.tuner.pruner;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialState;

/** Runs hand-made learning curves through a study's pruner, as an objective's epoch loop would. */
final class Curves {
    private Curves() {
    }

    /** Reports curve[0] at step 1, curve[1] at step 2, ...; stops when pruned. */
    static FrozenTrial run(Study study, double... curve) {
        Trial trial = study.ask();
        for (int i = 0; i < curve.length; i++) {
            trial.report(i + 1, curve[i]);
            if (trial.shouldPrune()) {
                return study.tell(trial, TrialState.PRUNED);
            }
        }
        return study.tell(trial, curve[curve.length - 1]);
    }

    /** A curve of {@code steps} equal values. */
    static double[] flat(double value, int steps) {
        double[] curve = new double[steps];
        java.util.Arrays.fill(curve, value);
        return curve;
    }
}
