package org.dl4jtuner.tuner;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link ContinuableObjective} for tests: trial {@code x} learns the curve {@code x * (1 - 0.5^epoch)}
 * for {@value #EPOCHS} epochs, "checkpoints" the epochs it finished in a map shared by every study
 * object of the test (the disk a real objective writes), continues a trial from its checkpoint, and
 * records which process tag trained each epoch of each trial. Stopping pruners decide after every epoch.
 */
public final class CheckpointedCurves implements ContinuableObjective {
    /** Epochs a trial trains in all. */
    public static final int EPOCHS = 5;
    private final Map<Integer, Integer> checkpoints;
    private final String tag;
    private final List<String> trained;
    private final long epochMillis;

    /** An objective of process {@code tag} sharing {@code checkpoints} and the {@code trained} log. */
    public CheckpointedCurves(Map<Integer, Integer> checkpoints, List<String> trained, String tag, long epochMillis) {
        this.checkpoints = checkpoints;
        this.trained = trained;
        this.tag = tag;
        this.epochMillis = epochMillis;
    }

    /** A fresh shared checkpoint map. */
    public static Map<Integer, Integer> disk() {
        return new ConcurrentHashMap<>();
    }

    /** A fresh shared log of {@code "TAG trained trial N epoch E"} lines. */
    public static List<String> log() {
        return new CopyOnWriteArrayList<>();
    }

    /** The value at an epoch. */
    public static double value(double x, int epoch) {
        return x * (1 - Math.pow(0.5, epoch));
    }

    @Override
    public double evaluate(Trial trial) throws Exception {
        double x = trial.suggestFloat("x", 0, 1);
        int done = checkpoints.getOrDefault(trial.number(), 0);
        for (int epoch = done + 1; epoch <= EPOCHS; epoch++) {
            if (epochMillis > 0) {
                Thread.sleep(epochMillis);
            }
            trained.add(tag + " trained trial " + trial.number() + " epoch " + epoch);
            checkpoints.put(trial.number(), epoch);
            trial.report(epoch, value(x, epoch));
            if (trial.shouldPrune()) {
                throw new TrialPrunedException();
            }
        }
        return value(x, EPOCHS);
    }

    @Override
    public boolean continuesTrials(Study study) {
        return true;
    }

    /**
     * Leaves a trial RUNNING as a process killed after {@code epochs} epochs would: parameter
     * {@code x}, epochs reported and checkpointed, and its worker set to {@code deadWorker}.
     */
    public FrozenTrial leaveRunning(Study other, double x, int epochs, String deadWorker) {
        other.enqueueTrial(Map.of("x", x));
        Trial trial = other.ask();
        trial.suggestFloat("x", 0, 1);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            trained.add("dead trained trial " + trial.number() + " epoch " + epoch);
            checkpoints.put(trial.number(), epoch);
            trial.report(epoch, value(x, epoch));
        }
        other.storage().setTrialSystemAttr(trial.id(), Study.WORKER_ATTR, deadWorker);
        return trial.frozen();
    }

    /** A pid that no process on this host has any more, as {@code pid@host}. */
    public static String deadWorker() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid() + TrialLiveness.WORKER.substring(TrialLiveness.WORKER.indexOf('@'));
    }
}
