package org.dl4jtuner.tuner.schedule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.hyperband.ResumableObjective;

/**
 * A resumable objective over a fixed table of learning curves, for scheduler tests: trial n follows
 * {@code q * (1 - e^(-epoch / tau))} with (q, tau) from row n of the table (modulo its size), so curves
 * cross and a rung's ranking is not the final one. It keeps a "checkpoint" per trial (epochs trained,
 * written before each epoch's report, as the DL4J engine does), counts every epoch it trains, and
 * re-reports epochs the checkpoint holds but storage lacks.
 */
public final class CurveTableObjective implements ResumableObjective {
    private static final double[] Q = {0.62, 0.91, 0.55, 0.78, 0.84, 0.70, 0.95, 0.60, 0.88, 0.73, 0.66, 0.81, 0.58,
        0.93, 0.76, 0.69, 0.87, 0.64, 0.79, 0.90};
    private static final double[] TAU = {2, 9, 1, 4, 6, 3, 12, 1.5, 8, 2.5, 5, 7, 1, 10, 3.5, 4.5, 6.5, 2, 11, 5.5};

    /** Epochs each trial has trained, by trial number: the checkpoints, which outlive a "killed" run. */
    public final Map<Integer, Integer> checkpoints;
    /** Every epoch trained, over all runs that share this objective's checkpoints. */
    public final AtomicLong epochsTrained;
    /** (trial number, resource) of every evaluate call, in order. */
    public final List<List<Integer>> calls = Collections.synchronizedList(new ArrayList<>());
    private final LongConsumer beforeReport;

    /** A fresh objective with no checkpoints. */
    public CurveTableObjective() {
        this(new ConcurrentHashMap<>(), new AtomicLong(), epoch -> { });
    }

    /**
     * An objective that shares {@code checkpoints} and {@code epochsTrained} with another (a new
     * process reading the same disk) and calls {@code beforeReport} with the running epoch count
     * after each epoch is checkpointed, before it is reported.
     */
    public CurveTableObjective(Map<Integer, Integer> checkpoints, AtomicLong epochsTrained, LongConsumer beforeReport) {
        this.checkpoints = checkpoints;
        this.epochsTrained = epochsTrained;
        this.beforeReport = beforeReport;
    }

    /** Trial n's value after {@code epoch} epochs. */
    public static double value(int trialNumber, int epoch) {
        int row = trialNumber % Q.length;
        return Q[row] * (1 - Math.exp(-epoch / TAU[row]));
    }

    @Override
    public double evaluate(Trial trial, int resource) {
        trial.suggestFloat("x", 0, 1);
        calls.add(List.of(trial.number(), resource));
        int n = trial.number();
        int done = checkpoints.getOrDefault(n, 0);
        if (resource < done) {
            throw new IllegalStateException("trial " + n + " asked to train to " + resource + " but it has " + done);
        }
        Map<Integer, Double> stored = trial.frozen().intermediateValues();
        for (int e = 1; e <= done; e++) {
            if (!stored.containsKey(e)) {
                trial.report(e, value(n, e));
            }
        }
        for (int e = done + 1; e <= resource; e++) {
            checkpoints.put(n, e);
            beforeReport.accept(epochsTrained.incrementAndGet());
            trial.report(e, value(n, e));
        }
        return value(n, resource);
    }
}
