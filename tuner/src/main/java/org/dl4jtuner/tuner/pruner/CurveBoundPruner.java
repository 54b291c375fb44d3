package org.dl4jtuner.tuner.pruner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.util.Requires;

/**
 * Stops a trial only when its curve can no longer beat the best complete trial, judged by how far
 * the complete trials' curves went: at epoch e, the best a trial can still reach is its best value
 * so far plus the {@code quantile} of the gains the complete trials made from epoch e to their end
 * (from their best value up to e to their final value).
 * When that bound is worse than the best complete trial's value, the trial stops. Early epochs,
 * where some curves still climb far, prune only the hopeless; later epochs, where the gains left are
 * small, prune more. It adapts to how well early epochs predict the end without a fixed halving
 * rate, so late bloomers the study has seen survive (a model-free cousin of the learning-curve
 * extrapolation of Domhan et al., IJCAI 2015).
 *
 * <p>With an {@code envelope} fraction f &gt; 0 a second argument must agree before a trial stops:
 * every one of the study's best complete trials (the top max(3, f x complete) by final value) was
 * already better at this epoch than the trial is. A late bloomer like the study's own best ones
 * survives that test even when the gains of the other trials say it cannot make it. It keeps no
 * state: everything comes from the trials. {@link AdaptivePruner} ({@link Pruners#auto}) uses it with
 * 5 warm-up trials and the 0.9 quantile, and halves as well at rungs that have proven predictive.
 *
 * <pre>{@code
 * Study.builder().pruner(Pruners.curveBound(1, 81)).build();
 * }</pre>
 */
public final class CurveBoundPruner implements Pruner {
    private final int minResource;
    private final int maxResource;
    private final int warmupTrials;
    private final double quantile;
    private final double envelope;

    /**
     * @param minResource  epochs every trial trains before it can be pruned
     * @param maxResource  epochs a trial trains at most (no trial is judged at its last epoch)
     * @param warmupTrials complete trials (that reached the epoch) needed before any trial is pruned
     * @param quantile     in (0, 1]: 1 bounds by the largest gain any complete trial made
     */
    public CurveBoundPruner(int minResource, int maxResource, int warmupTrials, double quantile) {
        this(minResource, maxResource, warmupTrials, quantile, 0);
    }

    /**
     * @param minResource  epochs every trial trains before it can be pruned
     * @param maxResource  epochs a trial trains at most (no trial is judged at its last epoch)
     * @param warmupTrials complete trials (that reached the epoch) needed before any trial is pruned
     * @param quantile     in (0, 1]: 1 bounds by the largest gain any complete trial made
     * @param envelope     in [0, 1): 0 judges by the gain alone; f &gt; 0 also needs the top max(3, f x
     *                     complete) trials all to have been better at this epoch
     */
    public CurveBoundPruner(int minResource, int maxResource, int warmupTrials, double quantile, double envelope) {
        this.minResource = Requires.atLeast("minResource", minResource, 1);
        this.maxResource = Requires.atLeast("maxResource", maxResource, minResource);
        this.warmupTrials = Requires.atLeast("warmupTrials", warmupTrials, 1);
        Requires.argument(quantile > 0 && quantile <= 1, () -> "0 < quantile <= 1 must hold, but got quantile=" + quantile);
        this.quantile = quantile;
        Requires.argument(envelope >= 0 && envelope < 1, () -> "0 <= envelope < 1 must hold, but got envelope=" + envelope);
        this.envelope = envelope;
    }

    /** Complete trials whose value is the envelope's, at least (and all of them when fewer). */
    private static final int ENVELOPE_MIN_TRIALS = 3;

    @Override
    public boolean prune(Study study, FrozenTrial trial) {
        int step = trial.lastStep();
        if (step < minResource || step >= maxResource) {
            return false;
        }
        Direction direction = study.direction();
        // each complete trial that reached this step: {its final value, its best up to this step}, as losses
        List<double[]> done = new ArrayList<>();
        for (FrozenTrial complete : study.trials(TrialState.COMPLETE)) {
            Double value = complete.value();
            double sofar = bestLossUpTo(complete, step, direction);
            if (value != null && !Double.isNaN(value) && !Double.isNaN(sofar)) {
                done.add(new double[] {direction.toLoss(value), sofar});
            }
        }
        if (done.size() < warmupTrials) {
            return false;
        }
        double best = bestLossUpTo(trial, step, direction);
        if (Double.isNaN(best)) {
            return true;
        }
        done.sort(Comparator.comparingDouble(d -> d[0]));
        double incumbent = done.get(0)[0];
        double[] gains = done.stream().mapToDouble(d -> Math.max(0, d[1] - d[0])).sorted().toArray();
        double gain = gains[(int) Math.ceil(quantile * gains.length) - 1];
        return best - gain > incumbent && belowEnvelope(best, done);
    }

    /**
     * Whether every one of the top trials by final value was better at this epoch than {@code best};
     * {@code done} is sorted by final value, best first.
     */
    private boolean belowEnvelope(double best, List<double[]> done) {
        if (envelope == 0) {
            return true;
        }
        int top = Math.min(done.size(), Math.max(ENVELOPE_MIN_TRIALS, (int) Math.ceil(envelope * done.size())));
        for (int i = 0; i < top; i++) {
            if (done.get(i)[1] >= best) {
                return false;
            }
        }
        return true;
    }

    /** The trial's best value up to {@code step}, as a loss (smaller is better); NaN when it has none. */
    private static double bestLossUpTo(FrozenTrial trial, int step, Direction direction) {
        double best = Double.NaN;
        for (Map.Entry<Integer, Double> e : trial.intermediateValues().headMap(step, true).entrySet()) {
            double loss = direction.toLoss(e.getValue());
            if (!Double.isNaN(loss) && (Double.isNaN(best) || loss < best)) {
                best = loss;
            }
        }
        return best;
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("type", "curve_bound");
        settings.put("min_resource", minResource);
        settings.put("max_resource", maxResource);
        settings.put("warmup_trials", warmupTrials);
        settings.put("quantile", quantile);
        settings.put("envelope", envelope);
        return settings;
    }

    @Override
    public String name() {
        return "curveBound(min=" + minResource + ", max=" + maxResource + ")";
    }

    /** Nothing is pruned before {@code warmupTrials} complete, nor before {@code minResource}. */
    @Override
    public EpochPlan plan(int trials, int maxEpochs) {
        return EpochPlan.earliest(trials, maxEpochs, warmupTrials, minResource);
    }
}
