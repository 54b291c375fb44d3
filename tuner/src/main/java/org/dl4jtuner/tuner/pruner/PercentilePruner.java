package org.dl4jtuner.tuner.pruner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.util.Requires;

/**
 * Prunes a trial whose best value so far is worse than the given percentile of the values that
 * completed trials reported at the same step. The median pruner is this at 50.
 *
 * <p>No trial is pruned before {@code warmupTrials} trials have completed, nor at a step
 * {@code <= warmupSteps}, nor at a step that fewer than {@code minTrials} completed trials
 * reported.
 */
public final class PercentilePruner implements Pruner {
    private final double percentile;
    private final int warmupTrials;
    private final int warmupSteps;
    private final int intervalSteps;
    private final int minTrials;

    /**
     * @param percentile    in [0, 100]; lower prunes more (25 keeps the top quarter)
     * @param warmupTrials  completed trials needed before any pruning
     * @param warmupSteps   steps of each trial never pruned
     * @param intervalSteps prune only every this many steps after the warm-up
     * @param minTrials     completed trials that must have reported a step to judge it
     */
    public PercentilePruner(double percentile, int warmupTrials, int warmupSteps, int intervalSteps, int minTrials) {
        this.percentile = Requires.inRange("percentile", percentile, 0, 100);
        this.warmupTrials = Requires.atLeast("warmupTrials", warmupTrials, 0);
        this.warmupSteps = Requires.atLeast("warmupSteps", warmupSteps, 0);
        this.intervalSteps = Requires.atLeast("intervalSteps", intervalSteps, 1);
        this.minTrials = Requires.atLeast("minTrials", minTrials, 1);
    }

    @Override
    public boolean prune(Study study, FrozenTrial trial) {
        int step = trial.lastStep();
        if (step < 0 || step <= warmupSteps || (step - warmupSteps) % intervalSteps != 0) {
            return false;
        }
        List<FrozenTrial> completed = study.trials(TrialState.COMPLETE);
        if (completed.size() < warmupTrials) {
            return false;
        }
        Direction direction = study.direction();
        double best = bestSoFar(trial, direction);
        if (Double.isNaN(best)) {
            return true;
        }
        List<Double> atStep = new ArrayList<>();
        for (FrozenTrial t : completed) {
            Double v = t.intermediateValues().get(step);
            if (v != null && !v.isNaN()) {
                atStep.add(v);
            }
        }
        if (atStep.size() < minTrials) {
            return false;
        }
        double p = direction == Direction.MAXIMIZE ? 100 - percentile : percentile;
        double threshold = percentileOf(atStep, p);
        return direction == Direction.MAXIMIZE ? best < threshold : best > threshold;
    }

    private static double bestSoFar(FrozenTrial trial, Direction direction) {
        double best = Double.NaN;
        for (double v : trial.intermediateValues().values()) {
            if (!Double.isNaN(v) && (Double.isNaN(best) || direction.isBetter(v, best))) {
                best = v;
            }
        }
        return best;
    }

    /** The p-th percentile with linear interpolation between order statistics (numpy's default). */
    static double percentileOf(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        double rank = p / 100.0 * (sorted.size() - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return sorted.get(lo) + (rank - lo) * (sorted.get(hi) - sorted.get(lo));
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("type", "percentile");
        settings.put("percentile", percentile);
        settings.put("warmup_trials", warmupTrials);
        settings.put("warmup_steps", warmupSteps);
        settings.put("interval_steps", intervalSteps);
        settings.put("min_trials", minTrials);
        return settings;
    }

    @Override
    public String name() {
        return "percentile(" + percentile + ")";
    }

    /** Nothing is pruned before {@code warmupTrials} complete, nor before the first step judged after the warm-up. */
    @Override
    public EpochPlan plan(int trials, int maxEpochs) {
        return EpochPlan.earliest(trials, maxEpochs, warmupTrials, (long) warmupSteps + intervalSteps);
    }
}
