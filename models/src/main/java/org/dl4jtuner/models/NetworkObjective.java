package org.dl4jtuner.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jtuner.datasets.LabeledData;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Objective;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.hyperband.ResumableObjective;
import org.dl4jtuner.tuner.util.Requires;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The objective of a DL4J study: builds the network a trial's hyperparameters describe, trains it
 * epoch by epoch on the training split, reports the validation metric after every epoch, and
 * returns the best epoch's value. As a {@link ResumableObjective} it continues a configuration
 * from its checkpoint when synchronous Hyperband promotes it.
 *
 * <p>After every trial it releases the thread's ND4J workspaces, and it keeps the best trial's
 * network (configuration and best epoch's weights) in memory for the test-split evaluation and for
 * export ({@link #bestModelFile()} writes it).
 *
 * <pre>{@code
 * NetworkObjective objective = NetworkObjective.builder()
 *         .space(NetworkSpace.builder(Family.CNN).set("learning_rate", ParameterSpace.logUniform(1e-4, 1e-2)).build())
 *         .data(splits.train(), splits.validation())
 *         .metric(Metric.ACCURACY)
 *         .maxEpochs(9)
 *         .build();
 * study.optimize(objective, 30);
 * }</pre>
 */
public final class NetworkObjective implements Objective, ResumableObjective {
    /** User attribute: the resolved hyperparameters, fixed ones included. */
    public static final String HYPERPARAMETERS_ATTR = "hyperparameters";
    /** User attribute: the epoch whose weights are kept. */
    public static final String BEST_EPOCH_ATTR = "best_epoch";
    /** User attribute: epochs trained. */
    public static final String EPOCHS_ATTR = "epochs";
    /** Trial system attribute: the DL4J model file of the trial's best epoch, when artifacts are kept. */
    public static final String MODEL_FILE_ATTR = "model_file";
    private static final Logger LOG = LoggerFactory.getLogger(NetworkObjective.class);

    private final NetworkSpace space;
    private final LabeledData train;
    private final LabeledData validation;
    private final Metric metric;
    private final int maxEpochs;
    private final EpochTrainer trainer;
    private final Path workDir;
    private final Path artifacts;
    private final java.time.Duration trialTimeout;
    private final Object bestLock = new Object();
    private double bestValue = Double.NaN;
    private String bestConfiguration;
    private INDArray bestParams;
    private int bestTrialNumber;
    private Path bestModel;

    private NetworkObjective(Builder b) {
        this.space = Objects.requireNonNull(b.space, "space");
        this.train = Objects.requireNonNull(b.train, "training data");
        this.validation = Objects.requireNonNull(b.validation, "validation data");
        this.metric = b.metric != null ? b.metric : Metric.ACCURACY;
        Requires.argument(metric.appliesTo(train.task()), "metric " + metric.id() + " does not apply to a "
                + train.task().name().toLowerCase(java.util.Locale.ROOT) + " task");
        this.maxEpochs = Requires.atLeast("max_epochs", b.maxEpochs, 1);
        this.trainer = new EpochTrainer(train, validation, metric, b.earlyStopping);
        this.trialTimeout = b.trialTimeout;
        try {
            this.artifacts = b.artifacts == null ? null : Files.createDirectories(b.artifacts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the artifacts folder " + b.artifacts, e);
        }
        try {
            this.workDir = b.workDir != null ? Files.createDirectories(b.workDir)
                    : Files.createTempDirectory("dl4j-tuner-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the work folder " + b.workDir, e);
        }
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The metric reported and returned. */
    public Metric metric() {
        return metric;
    }

    /** Epochs a trial trains at most. */
    public int maxEpochs() {
        return maxEpochs;
    }

    /** Where checkpoints and the best network are written. */
    public Path workDir() {
        return workDir;
    }

    @Override
    public double evaluate(Trial trial) throws IOException {
        return run(trial, maxEpochs, false);
    }

    @Override
    public double evaluate(Trial trial, int resource) throws IOException {
        Requires.argument(resource >= 1 && resource <= maxEpochs,
                "1 <= resource <= max_epochs=" + maxEpochs + " must hold, but got resource=" + resource);
        return run(trial, resource, true);
    }

    private double run(Trial trial, int toEpoch, boolean resumable) throws IOException {
        Path checkpoint = workDir.resolve("trial-" + trial.number());
        HyperParameters hp = space.sample(trial);
        TrainingState state = null;
        try {
            if (resumable && TrainingState.exists(checkpoint)) {
                state = TrainingState.load(checkpoint);
            } else {
                trial.setUserAttr(HYPERPARAMETERS_ATTR, hp.toMap());
                recordProvenance(trial);
                state = new TrainingState(NetworkFactory.build(space.family(), hp, train.featureShape(), outputs(),
                        train.task(), trial.seed()));
            }
            java.time.Instant deadline = trialTimeout == null ? null : java.time.Instant.now().plus(trialTimeout);
            trainer.trainTo(trial, state, toEpoch, hp.batchSize(), deadline);
            trial.setUserAttr(EPOCHS_ATTR, state.epochsDone());
            trial.setUserAttr(BEST_EPOCH_ATTR, state.bestEpoch());
            if (resumable) {
                state.save(checkpoint);
            }
            keepIfBest(state, trial);
            if (artifacts != null) {
                Path file = artifacts.resolve("trial-" + trial.number() + ".zip");
                state.restoreBestWeights();
                ModelSerializer.writeModel(state.net, file.toFile(), false);
                trial.setSystemAttr(MODEL_FILE_ATTR, file.toAbsolutePath().toString());
            }
            return state.bestValue();
        } finally {
            if (state != null) {
                state.net.clear();
            }
            NativeMemory.releaseAfterTrial();
        }
    }

    private int outputs() {
        return train.task() == org.dl4jtuner.datasets.Task.CLASSIFICATION ? train.numClasses()
                : (int) train.labels().size(1);
    }

    private static void recordProvenance(Trial trial) {
        trial.setSystemAttr("dl4j_version", "1.0.0-M2.1");
        trial.setSystemAttr("backend", Nd4j.getBackend().getClass().getSimpleName());
        trial.setSystemAttr("thread", Thread.currentThread().getName());
    }

    /**
     * Keeps the network of the best trial so far in memory (its configuration and best-epoch
     * weights): cheap on the training thread; written to disk only when asked for.
     */
    private void keepIfBest(TrainingState state, Trial trial) {
        synchronized (bestLock) {
            if (!Double.isNaN(bestValue) && !metric.direction().isBetter(state.bestValue(), bestValue)) {
                return;
            }
            bestConfiguration = state.net.getLayerWiseConfigurations().toJson();
            bestParams = (state.bestParams != null ? state.bestParams : state.net.params()).dup();
            bestTrialNumber = trial.number();
            bestValue = state.bestValue();
            bestModel = null;
            LOG.debug("Kept trial {}'s network ({} {}) as the best so far", trial.number(), metric.id(), bestValue);
        }
    }

    /** The best network trained so far (best epoch's weights), or null if no trial finished training. */
    public MultiLayerNetwork bestNetwork() {
        synchronized (bestLock) {
            if (bestParams == null) {
                return null;
            }
            MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(bestConfiguration));
            net.init(bestParams.dup(), false);
            return net;
        }
    }

    /** The best network written as a DL4J model file in the work folder (written once per new best), or null. */
    public Path bestModelFile() throws IOException {
        synchronized (bestLock) {
            if (bestModel == null && bestParams != null) {
                Path file = workDir.resolve("best-model-trial-" + bestTrialNumber + ".zip");
                ModelSerializer.writeModel(bestNetwork(), file.toFile(), false);
                bestModel = file;
            }
            return bestModel;
        }
    }

    /** Every metric of the best network on the given data (usually the test split); empty if there is none. */
    public Map<Metric, Double> evaluateBest(LabeledData data) {
        MultiLayerNetwork net = bestNetwork();
        if (net == null) {
            return new EnumMap<>(Metric.class);
        }
        try {
            return Evaluator.evaluateAll(net, data);
        } finally {
            net.clear();
            NativeMemory.releaseAfterTrial();
        }
    }

    /** Deletes the checkpoint of a finished trial that is no longer needed (pruned or failed). */
    public void forget(FrozenTrial trial) {
        if (trial.state() == TrialState.PRUNED || trial.state() == TrialState.FAIL) {
            deleteTree(workDir.resolve("trial-" + trial.number()));
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", dir, e.getMessage());
        }
    }

    /** Builder of a {@link NetworkObjective}. */
    public static final class Builder {
        private NetworkSpace space;
        private LabeledData train;
        private LabeledData validation;
        private Metric metric;
        private int maxEpochs = 10;
        private EarlyStopping earlyStopping;
        private Path workDir;
        private Path artifacts;
        private java.time.Duration trialTimeout;

        private Builder() {
        }

        /** The search space (required). */
        public Builder space(NetworkSpace space) {
            this.space = space;
            return this;
        }

        /** The training and validation splits (required). */
        public Builder data(LabeledData train, LabeledData validation) {
            this.train = train;
            this.validation = validation;
            return this;
        }

        /** The validation metric (default accuracy). */
        public Builder metric(Metric metric) {
            this.metric = metric;
            return this;
        }

        /** Epochs per trial at most (default 10). */
        public Builder maxEpochs(int maxEpochs) {
            this.maxEpochs = maxEpochs;
            return this;
        }

        /** Early stopping, or null for none (the default). */
        public Builder earlyStopping(EarlyStopping earlyStopping) {
            this.earlyStopping = earlyStopping;
            return this;
        }

        /** Where checkpoints and the best network go (default: a new temporary folder). */
        public Builder workDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        /**
         * Keep every trial's best-epoch network as {@code DIR/trial-N.zip} (DL4J's model serializer)
         * and record its path in the trial ({@value NetworkObjective#MODEL_FILE_ATTR}); default: none.
         */
        public Builder artifacts(Path dir) {
            this.artifacts = dir;
            return this;
        }

        /** End a trial as FAIL at the first epoch boundary past this much training time (default: no limit). */
        public Builder trialTimeout(java.time.Duration timeout) {
            Requires.argument(timeout == null || (!timeout.isNegative() && !timeout.isZero()),
                    () -> "trialTimeout > 0 must hold, but got trialTimeout=" + timeout);
            this.trialTimeout = timeout;
            return this;
        }

        /** Validates and builds. */
        public NetworkObjective build() {
            return new NetworkObjective(this);
        }
    }
}
