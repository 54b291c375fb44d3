package org.dl4jtuner.models;

import org.dl4jtuner.datasets.LabeledData;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialPrunedException;
import org.dl4jtuner.tuner.util.Seeds;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * The epoch loop: fit one epoch, evaluate the validation metric, {@code trial.report(epoch,
 * value)}, stop when the pruner says so (as PRUNED), when early stopping says so (keeping the best
 * epoch), or when the loss diverges (as FAIL, naming the epoch).
 */
public final class EpochTrainer {
    private final LabeledData train;
    private final LabeledData validation;
    private final Metric metric;
    private final EarlyStopping earlyStopping;

    /**
     * @param earlyStopping null for none
     */
    public EpochTrainer(LabeledData train, LabeledData validation, Metric metric, EarlyStopping earlyStopping) {
        this.train = train;
        this.validation = validation;
        this.metric = metric;
        this.earlyStopping = earlyStopping;
    }

    /**
     * Trains from {@code state.epochsDone() + 1} to {@code toEpoch} (or until stopped early).
     *
     * @throws TrialPrunedException      when the study's pruner stops the trial
     * @throws TrainingDivergedException when the loss or the metric becomes NaN or infinite
     */
    public void trainTo(Trial trial, TrainingState state, int toEpoch, int batchSize) {
        trainTo(trial, state, toEpoch, batchSize, null);
    }

    /**
     * As {@link #trainTo(Trial, TrainingState, int, int)}, failing with a {@link TrialTimeoutException}
     * at the first epoch that ends after {@code deadline} (null for none).
     */
    public void trainTo(Trial trial, TrainingState state, int toEpoch, int batchSize, java.time.Instant deadline) {
        Direction direction = metric.direction();
        while (state.epochsDone < toEpoch && !state.stoppedEarly) {
            int epoch = state.epochsDone + 1;
            DataSetIterator batches = train.iterator(batchSize, Seeds.derive(trial.seed(), epoch));
            state.net.fit(batches);
            double loss = state.net.score();
            if (!Double.isFinite(loss)) {
                throw new TrainingDivergedException("training loss became " + loss + " at epoch " + epoch);
            }
            double value = Evaluator.evaluate(state.net, validation, metric);
            if (!Double.isFinite(value)) {
                throw new TrainingDivergedException("validation " + metric.id() + " became " + value + " at epoch " + epoch);
            }
            state.epochsDone = epoch;
            double threshold = earlyStopping == null ? 0 : earlyStopping.minDelta();
            if (Double.isNaN(state.bestValue) || direction.toLoss(value) < direction.toLoss(state.bestValue) - threshold) {
                state.epochsSinceImprovement = 0;
            } else {
                state.epochsSinceImprovement++;
            }
            if (Double.isNaN(state.bestValue) || direction.isBetter(value, state.bestValue)) {
                state.bestValue = value;
                state.bestEpoch = epoch;
                state.bestParams = state.net.params().dup();
            }
            trial.report(epoch, value);
            if (deadline != null && java.time.Instant.now().isAfter(deadline)) {
                throw new TrialTimeoutException("the trial ran past its time limit at epoch " + epoch
                        + " (validation " + metric.id() + " " + value + " so far)");
            }
            if (trial.shouldPrune()) {
                throw new TrialPrunedException("pruned at epoch " + epoch + " with validation " + metric.id() + " " + value);
            }
            if (earlyStopping != null && state.epochsSinceImprovement >= earlyStopping.patience()) {
                state.stoppedEarly = true;
            }
        }
    }
}
