package org.dl4jtuner.tuner.pruner;

import java.util.ArrayList;
import java.util.List;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.util.Requires;

/**
 * Early stopping as Keras does it: prunes a trial when none of its last {@code patience} steps
 * improved on the best value before them by more than {@code minDelta}. Looks only at the trial
 * itself, so it works from the first trial on.
 */
public final class PatiencePruner implements Pruner {
    private final int patience;
    private final double minDelta;

    /**
     * @param patience steps without improvement to tolerate, at least 1
     * @param minDelta smallest change that counts as an improvement, at least 0
     */
    public PatiencePruner(int patience, double minDelta) {
        this.patience = Requires.atLeast("patience", patience, 1);
        Requires.argument(minDelta >= 0 && Double.isFinite(minDelta), () ->
                "minDelta >= 0 must hold, but got minDelta=" + minDelta);
        this.minDelta = minDelta;
    }

    @Override
    public boolean prune(Study study, FrozenTrial trial) {
        List<Double> values = new ArrayList<>(trial.intermediateValues().values());
        if (values.size() <= patience) {
            return false;
        }
        Direction direction = study.direction();
        double bestBefore = best(values.subList(0, values.size() - patience), direction);
        double bestRecent = best(values.subList(values.size() - patience, values.size()), direction);
        if (Double.isNaN(bestRecent)) {
            return true;
        }
        if (Double.isNaN(bestBefore)) {
            return false;
        }
        return direction.toLoss(bestRecent) >= direction.toLoss(bestBefore) - minDelta;
    }

    private static double best(List<Double> values, Direction direction) {
        double best = Double.NaN;
        for (double v : values) {
            if (!Double.isNaN(v) && (Double.isNaN(best) || direction.isBetter(v, best))) {
                best = v;
            }
        }
        return best;
    }

    @Override
    public String name() {
        return "patience(" + patience + ", minDelta=" + minDelta + ")";
    }
}
