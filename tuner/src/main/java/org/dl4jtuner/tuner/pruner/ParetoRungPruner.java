package org.dl4jtuner.tuner.pruner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.pareto.Dominance;
import org.dl4jtuner.tuner.pareto.NonDominatedSorting;
import org.dl4jtuner.tuner.util.Requires;

/**
 * Asynchronous successive halving for several objectives: at rungs {@code minResource * eta^k}
 * (none at or beyond {@code maxResource}) a trial records the values of its latest report
 * ({@link org.dl4jtuner.tuner.Trial#report(int, double[])}, a trial system attribute
 * {@value #RUNG_ATTR_PREFIX}k) and goes on only if it is among the first non-dominated fronts of
 * every vector recorded at that rung, itself included, that hold the top {@code 1/eta}: it is
 * pruned when the trials in fronts better than its own number {@code max(1, n / eta)} or more, of
 * {@code n} at the rung. So a trial no other dominates at its rung always goes on, and while fewer
 * than {@code eta} trials reached the rung only the first front does. Objectives known before
 * training (a network's size) take part from the first rung, those known after each epoch
 * (accuracy) as they are reported. Constraints the trial has declared by then
 * ({@link org.dl4jtuner.tuner.Trial#setConstraint(double...)}) rank by Deb's rule: a feasible trial
 * before every infeasible one. A report holding NaN is pruned at its rung and not recorded.
 *
 * <p>For one objective it is {@link SuccessiveHalvingPruner}'s rule. All its state is trial
 * attributes, so a resumed study and parallel workers share the rungs.
 *
 * <pre>{@code
 * Study study = Study.builder().directions(Direction.MAXIMIZE, Direction.MINIMIZE)
 *         .sampler(Samplers.nsga2(7)).pruner(Pruners.paretoRung(1, 27, 3)).build();
 * }</pre>
 */
public final class ParetoRungPruner implements Pruner {
    /** Prefix of the system attribute that records a trial's values at rung k. */
    public static final String RUNG_ATTR_PREFIX = "pareto_rung_";

    private final int minResource;
    private final long maxResource;
    private final int eta;
    private final SuccessiveHalvingPruner rungs;

    /**
     * @param minResource steps before the first rung, at least 1
     * @param maxResource steps a trial trains at most; rungs there or beyond are not judged
     * @param eta         reduction factor, at least 2: about 1/eta of the trials at a rung go on
     */
    public ParetoRungPruner(int minResource, long maxResource, int eta) {
        this.rungs = new SuccessiveHalvingPruner(minResource, maxResource, eta, 0, 0);
        this.minResource = minResource;
        this.maxResource = maxResource;
        this.eta = eta;
    }

    @Override
    public boolean prune(Study study, FrozenTrial trial) {
        NavigableMap<Integer, double[]> steps = trial.stepValues();
        if (steps.isEmpty()) {
            return false;
        }
        int step = steps.lastKey();
        double[] values = steps.get(step);
        List<Direction> directions = study.directions();
        Requires.argument(values.length == directions.size(), () -> "trial " + trial.number() + " reported "
                + values.length + " values at step " + step + ", but study '" + study.name() + "' has "
                + directions.size() + " objectives (directions " + directions + ")");
        List<FrozenTrial> others = null;
        for (int rung = SuccessiveHalvingPruner.completedRungs(trial, RUNG_ATTR_PREFIX); ; rung++) {
            long rungStep = rungs.rungStep(rung);
            if (step < rungStep || rungStep >= maxResource) {
                return false;
            }
            if (java.util.Arrays.stream(values).anyMatch(Double::isNaN)) {
                return true;
            }
            if (others == null) {
                others = new ArrayList<>();
                for (FrozenTrial t : study.trials()) {
                    if (t.id() != trial.id()) {
                        others.add(t);
                    }
                }
            }
            String key = RUNG_ATTR_PREFIX + rung;
            study.storage().setTrialSystemAttr(trial.id(), key, toList(values));
            if (!survives(trial, values, others, key, directions)) {
                return true;
            }
        }
    }

    /** Whether the trials in fronts better than the trial's own number fewer than max(1, n / eta). */
    private boolean survives(FrozenTrial trial, double[] values, List<FrozenTrial> others, String key,
            List<Direction> directions) {
        List<double[]> losses = new ArrayList<>();
        List<Double> violations = new ArrayList<>();
        losses.add(losses(values, directions));
        violations.add(Dominance.violation(trial.constraints()));
        for (FrozenTrial t : others) {
            if (t.systemAttrs().get(key) instanceof List<?> recorded && recorded.size() == directions.size()) {
                double[] v = new double[recorded.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = ((Number) recorded.get(i)).doubleValue();
                }
                losses.add(losses(v, directions));
                violations.add(Dominance.violation(t.constraints()));
            }
        }
        int n = losses.size();
        int keep = Math.max(1, n / eta);
        int better = 0;
        for (List<Integer> front : NonDominatedSorting.fronts(losses,
                violations.stream().mapToDouble(Double::doubleValue).toArray())) {
            if (front.contains(0)) {
                return better < keep;
            }
            better += front.size();
        }
        throw new IllegalStateException("the trial is in no front");
    }

    private static double[] losses(double[] values, List<Direction> directions) {
        double[] losses = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            losses[i] = directions.get(i).toLoss(values[i]);
        }
        return losses;
    }

    private static List<Double> toList(double[] values) {
        List<Double> list = new ArrayList<>();
        for (double v : values) {
            list.add(v);
        }
        return list;
    }

    /** It ranks vectors by non-dominated sorting, so any number of objectives works. */
    @Override
    public boolean supportsMultiObjective() {
        return true;
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("type", "pareto_asha");
        settings.put("min_resource", minResource);
        if (maxResource < Long.MAX_VALUE) {
            settings.put("max_resource", maxResource);
        }
        settings.put("eta", eta);
        return settings;
    }

    @Override
    public String name() {
        return "paretoRung(minResource=" + minResource
                + (maxResource < Long.MAX_VALUE ? ", maxResource=" + maxResource : "") + ", eta=" + eta + ")";
    }

    /** As successive halving's: every trial trains to the first rung, about 1/eta of a rung's trials go on. */
    @Override
    public EpochPlan plan(int trials, int maxEpochs) {
        return rungs.plan(trials, maxEpochs);
    }
}
