package org.dl4jtuner.tuner.sampler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;

/**
 * What a {@link GpSampler} fits, gathered from a study's trials: model inputs, losses (minimised),
 * the running trials' inputs and the stored hyperparameters to start the fit from.
 *
 * <p>Single fidelity: one input per complete trial, its point of the unit cube, and its value.
 * Multi-fidelity: inputs are the cube point followed by the fidelity ({@link Fidelity#scale}); a
 * complete trial's value sits at fidelity 1, a pruned trial's last reported value at the fidelity
 * of its last step, and every trial also contributes its values at the steps where pruned trials
 * stopped (at most {@value #MAX_RUNGS} of them) below its own last step, so the model sees the same
 * configurations at several fidelities and can learn how well early values predict final ones.
 */
final class GpObservations {
    /** Steps where pruned trials stopped that each trial contributes values at, at most. */
    static final int MAX_RUNGS = 4;
    /**
     * Multi-fidelity observations fitted at most (the fit costs their cube): beyond it the ones at
     * the lowest fidelities go first, the oldest first among equals. Pruning runs many more trials
     * than a GP without it would see; the shallowest ones say the least about the full training.
     */
    static final int MAX_POINTS = 300;
    final double[][] x;
    final double[] losses;
    final List<double[]> pending;
    final boolean multiFidelity;
    /** Trials with an observation (complete, and pruned when multi-fidelity): what the startup counts. */
    final int trials;
    final double[] startTheta;

    private GpObservations(List<double[]> x, List<Double> losses, List<double[]> pending, boolean multiFidelity,
            int trials, double[] startTheta) {
        this.x = x.toArray(double[][]::new);
        this.losses = losses.stream().mapToDouble(Double::doubleValue).toArray();
        this.pending = pending;
        this.multiFidelity = multiFidelity;
        this.trials = trials;
        this.startTheta = startTheta;
    }

    /**
     * Whether a trial was pruned, or paused by a scheduler, after reporting a finite value: the
     * observations a multi-fidelity model adds.
     */
    static boolean isPrunedObservation(FrozenTrial t) {
        return (t.state() == TrialState.PRUNED || t.state() == TrialState.PAUSED) && !t.intermediateValues().isEmpty()
                && Double.isFinite(t.intermediateValues().lastEntry().getValue());
    }

    private static boolean isComplete(FrozenTrial t) {
        return t.state() == TrialState.COMPLETE && t.value() != null && Double.isFinite(t.value());
    }

    /** Complete trials only; running ones are pending. */
    static GpObservations singleFidelity(Study study, FrozenTrial current, UnitCube cube) {
        List<double[]> points = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        List<double[]> pending = new ArrayList<>();
        double[] start = null;
        int startNumber = -1;
        for (FrozenTrial t : study.trials()) {
            if (t.id() == current.id()) {
                continue;
            }
            boolean complete = isComplete(t);
            if (!complete && t.state() != TrialState.RUNNING) {
                continue;
            }
            double[] x = cube.encode(t);
            if (x == null) {
                continue;
            }
            if (complete) {
                points.add(x);
                losses.add(study.direction().toLoss(t.value()));
                double[] theta = GpSampler.storedTheta(t, cube.dimension());
                if (theta != null && t.number() > startNumber) {
                    start = theta;
                    startNumber = t.number();
                }
            } else {
                pending.add(x);
            }
        }
        return new GpObservations(points, losses, pending, false, points.size(), start);
    }

    /**
     * Complete and pruned trials at their fidelities, {@code maxStep} steps being the full one;
     * running trials are pending at fidelity 1.
     */
    static GpObservations multiFidelity(Study study, FrozenTrial current, UnitCube cube, int maxStep) {
        Direction direction = study.direction();
        List<FrozenTrial> trials = study.trials();
        List<Integer> rungs = rungs(trials, maxStep);
        List<Candidate> candidates = new ArrayList<>();
        List<double[]> pending = new ArrayList<>();
        double[] start = null;
        int startNumber = -1;
        int observed = 0;
        int d = cube.dimension();
        for (FrozenTrial t : trials) {
            if (t.id() == current.id()) {
                continue;
            }
            boolean complete = isComplete(t);
            boolean pruned = isPrunedObservation(t);
            if (!complete && !pruned && t.state() != TrialState.RUNNING) {
                continue;
            }
            double[] x = cube.encode(t);
            if (x == null) {
                continue;
            }
            if (!complete && !pruned) {
                pending.add(withFidelity(x, 1));
                continue;
            }
            observed++;
            Map.Entry<Integer, Double> last = t.intermediateValues().lastEntry();
            int top = complete ? maxStep : last.getKey();
            for (int rung : rungs) {
                Double v = t.intermediateValues().get(rung);
                if (rung < top && v != null && Double.isFinite(v)) {
                    candidates.add(new Candidate(withFidelity(x, Fidelity.scale(rung, maxStep)), direction.toLoss(v),
                            t.number(), candidates.size()));
                }
            }
            candidates.add(new Candidate(withFidelity(x, complete ? 1 : Fidelity.scale(last.getKey(), maxStep)),
                    direction.toLoss(complete ? t.value() : last.getValue()), t.number(), candidates.size()));
            double[] theta = GpSampler.storedTheta(t, d + 1);
            if (theta != null && t.number() > startNumber) {
                start = theta;
                startNumber = t.number();
            }
        }
        List<Candidate> kept = candidates;
        if (candidates.size() > MAX_POINTS) {
            kept = new ArrayList<>(candidates);
            kept.sort(Comparator.comparingDouble((Candidate c) -> -c.x[d]).thenComparingInt(c -> -c.number));
            kept = new ArrayList<>(kept.subList(0, MAX_POINTS));
            kept.sort(Comparator.comparingInt(Candidate::order));
        }
        List<double[]> points = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        for (Candidate c : kept) {
            points.add(c.x);
            losses.add(c.loss);
        }
        return new GpObservations(points, losses, pending, true, observed, start);
    }

    /** A multi-fidelity observation before the cap: its input, loss, trial number and place in the study's order. */
    private record Candidate(double[] x, double loss, int number, int order) {
    }

    /** The steps where pruned trials stopped, below the full one; at most {@link #MAX_RUNGS}, spread evenly. */
    static List<Integer> rungs(List<FrozenTrial> trials, int maxStep) {
        TreeSet<Integer> steps = new TreeSet<>();
        for (FrozenTrial t : trials) {
            if (isPrunedObservation(t) && t.lastStep() < maxStep) {
                steps.add(t.lastStep());
            }
        }
        List<Integer> all = new ArrayList<>(steps);
        if (all.size() <= MAX_RUNGS) {
            return all;
        }
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < MAX_RUNGS; i++) {
            int index = (int) Math.round(i * (all.size() - 1) / (double) (MAX_RUNGS - 1));
            if (chosen.isEmpty() || chosen.get(chosen.size() - 1) != all.get(index).intValue()) {
                chosen.add(all.get(index));
            }
        }
        return chosen;
    }

    private static double[] withFidelity(double[] x, double fidelity) {
        double[] z = new double[x.length + 1];
        System.arraycopy(x, 0, z, 0, x.length);
        z[x.length] = fidelity;
        return z;
    }
}
