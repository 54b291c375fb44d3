package org.dl4jtuner.models;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.Model;
import org.dl4jtuner.models.updater.AdaptedLearningRates;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.Patience;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialPrunedException;

/**
 * The epoch loop, the only one in the code base: each epoch fits every fold's network once,
 * evaluates the metric on each fold's validation data, reports the mean, and stops when the pruner
 * says so (PRUNED), when early stopping says so (keeping the best epoch), when the loss or the
 * value diverges (FAIL, naming the epoch), or at the first epoch past the deadline (FAIL).
 */
final class EpochLoop {
    /** User attribute: per epoch, each fold's validation value (cross-validation only). */
    static final String FOLD_VALUES_ATTR = "fold_values";
    /**
     * Trial system attribute: per epoch, its CPU seconds (this thread's: training and validation, all
     * folds; with one OpenMP thread that is all the epoch's work), the training loss (mean over
     * folds of the last batch's score) and the process that trained it ({@code worker}, its pid).
     */
    static final String EPOCH_COSTS_ATTR = Study.EPOCH_COSTS_ATTR;
    /** User attribute: per epoch, the first fold's Adam-HD learning rates at the epoch's end (adam-hd only). */
    static final String ADAPTED_LEARNING_RATES_ATTR = "adapted_learning_rates";
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    /** This process, {@code pid}, recorded with each epoch it trains (a resumed trial shows each epoch's process). */
    private static final long WORKER = ProcessHandle.current().pid();

    private final Metric metric;
    private final Patience patience;

    /**
     * @param earlyStopping null for none
     */
    EpochLoop(Metric metric, EarlyStopping earlyStopping) {
        this.metric = metric;
        this.patience = earlyStopping == null ? null : earlyStopping.rule();
    }

    /**
     * Trains from {@code state.epochsDone + 1} to {@code toEpoch} (or until stopped early).
     *
     * @param train      each fold's training batches, in fold order
     * @param validation each fold's validation batches, with the lock that guards it
     * @param deadline   null for none
     * @param afterEpoch called with the state after each epoch, before its value is reported (a
     *                   checkpoint), or null
     * @param measures   the trial's secondary metrics and constraints, updated and reported with each
     *                   epoch's value, or null when there are none
     * @throws TrialPrunedException      when the study's pruner stops the trial
     * @throws TrainingDivergedException when the loss or the metric becomes NaN or infinite
     * @throws TrialTimeoutException     at the first epoch that ends after the deadline
     */
    void trainTo(Trial trial, TrainingState state, int toEpoch, List<Batches> train, List<Validation> validation,
            Instant deadline, EpochCheckpoint afterEpoch, TrialMeasures measures) {
        Direction direction = metric.direction();
        int folds = state.nets.size();
        while (state.epochsDone < toEpoch && !state.stoppedEarly) {
            int epoch = state.epochsDone + 1;
            double[] values = new double[folds];
            double sum = 0;
            double loss = 0;
            long cpuStart = CPU.getCurrentThreadCpuTime();
            for (int f = 0; f < folds; f++) {
                Model net = state.nets.get(f);
                long fitStart = System.nanoTime();
                train.get(f).fit(net, epoch);
                if (measures != null) {
                    measures.addTraining((System.nanoTime() - fitStart) / 1e9);
                }
                EpochRules.requireFiniteLoss(net.score(), epoch);
                loss += net.score() / folds;
                values[f] = validation.get(f).evaluate(net, metric);
                EpochRules.requireFiniteValue(values[f], metric, epoch);
                sum += values[f];
            }
            double value = sum / folds;
            state.epochsDone = epoch;
            if (patience != null) {
                state.patience = patience.next(state.patience, value, direction);
            }
            if (Double.isNaN(state.bestValue) || direction.isBetter(value, state.bestValue)) {
                state.bestValue = value;
                state.bestEpoch = epoch;
                state.keepCurrentAsBest();
            }
            if (folds > 1) {
                state.foldValues.put(epoch, values);
                trial.setUserAttr(FOLD_VALUES_ATTR, foldValues(state));
            }
            recordCost(trial, epoch, (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9, loss);
            recordAdaptedRates(trial, epoch, AdaptedLearningRates.of(state.nets.get(0)));
            state.values.put(epoch, value);
            if (afterEpoch != null) {
                afterEpoch.save(state);
            }
            if (measures != null) {
                measures.report(trial, epoch, value);
            } else {
                EpochRules.report(trial, epoch, value);
            }
            if (deadline != null && Instant.now().isAfter(deadline)) {
                throw new TrialTimeoutException("the trial ran past its time limit at epoch " + epoch
                        + " (validation " + metric.id() + " " + value + " so far)");
            }
            EpochRules.pruneIfTold(trial, epoch, value, metric);
            if (patience != null && patience.isExhausted(state.patience)) {
                state.stoppedEarly = true;
            }
        }
    }

    /** Adds this epoch to the trial's {@value #EPOCH_COSTS_ATTR}, keeping epochs an earlier run of it trained. */
    private static void recordCost(Trial trial, int epoch, double cpuSeconds, double loss) {
        Map<String, Object> costs = new LinkedHashMap<>();
        if (trial.frozen().systemAttrs().get(EPOCH_COSTS_ATTR) instanceof Map<?, ?> earlier) {
            earlier.forEach((k, v) -> costs.put(String.valueOf(k), v));
        }
        costs.put(Integer.toString(epoch), Map.of("cpu_s", cpuSeconds, "train_loss", loss, "worker", WORKER));
        trial.setSystemAttr(EPOCH_COSTS_ATTR, costs);
    }

    /** Adds this epoch's adapted learning rates to the trial's attribute, keeping earlier runs' epochs; none: nothing. */
    private static void recordAdaptedRates(Trial trial, int epoch, List<Double> rates) {
        if (rates.isEmpty()) {
            return;
        }
        Map<String, Object> byEpoch = new LinkedHashMap<>();
        if (trial.frozen().userAttrs().get(ADAPTED_LEARNING_RATES_ATTR) instanceof Map<?, ?> earlier) {
            earlier.forEach((k, v) -> byEpoch.put(String.valueOf(k), v));
        }
        byEpoch.put(Integer.toString(epoch), rates);
        trial.setUserAttr(ADAPTED_LEARNING_RATES_ATTR, byEpoch);
    }

    private static Map<String, Object> foldValues(TrainingState state) {
        Map<String, Object> map = new LinkedHashMap<>();
        state.foldValues.forEach((epoch, values) -> map.put(Integer.toString(epoch),
                java.util.Arrays.stream(values).boxed().toList()));
        return map;
    }

    /** Saves a trial's state after an epoch. */
    @FunctionalInterface
    interface EpochCheckpoint {
        void save(TrainingState state);
    }

    /** A fold's validation batches and the lock that keeps parallel trials from reading them at once. */
    record Validation(Batches batches, Object lock) {
        double evaluate(Model net, Metric metric) {
            synchronized (lock) {
                return MetricEvaluator.evaluate(net, batches, metric);
            }
        }
    }
}
