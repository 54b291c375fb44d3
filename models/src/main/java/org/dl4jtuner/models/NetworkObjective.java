package org.dl4jtuner.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jtuner.datasets.Fold;
import org.dl4jtuner.datasets.LabeledData;
import org.dl4jtuner.datasets.PreparedData;
import org.dl4jtuner.datasets.Task;
import org.dl4jtuner.tuner.ContinuableObjective;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Objective;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.hyperband.ResumableObjective;
import org.dl4jtuner.tuner.space.ParameterSpace;
import org.dl4jtuner.tuner.util.Requires;
import org.dl4jtuner.tuner.util.Seeds;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

/**
 * A built-in network family (MLP, CNN, LSTM) tuned over in-memory data: the family is a network
 * function from a {@link NetworkSpace} on top of {@link Dl4jObjective}, which trains, reports,
 * prunes, checkpoints and exports exactly as it does for your own networks.
 *
 * <pre>{@code
 * NetworkObjective objective = NetworkObjective.builder()
 *         .space(NetworkSpace.builder(Family.CNN).set("learning_rate", ParameterSpace.logUniform(1e-4, 1e-2)).build())
 *         .data(splits.train(), splits.validation())
 *         .normalizer(new ImagePreProcessingScaler())   // raw pixels 0..255 to [0, 1]
 *         .metric(Metric.ACCURACY)
 *         .maxEpochs(9)
 *         .build();
 * study.optimize(objective, 30);
 * }</pre>
 */
public final class NetworkObjective implements Objective, ResumableObjective, ContinuableObjective {
    /** User attribute: the resolved hyperparameters, fixed ones included. */
    public static final String HYPERPARAMETERS_ATTR = "hyperparameters";
    /** User attribute: the epoch whose weights are kept. */
    public static final String BEST_EPOCH_ATTR = Dl4jObjective.BEST_EPOCH_ATTR;
    /** User attribute: epochs trained. */
    public static final String EPOCHS_ATTR = Dl4jObjective.EPOCHS_ATTR;
    /** Trial system attribute: the DL4J model file of the trial's best epoch, when artifacts are kept. */
    public static final String MODEL_FILE_ATTR = Dl4jObjective.MODEL_FILE_ATTR;
    /** User attribute of {@code adam-hd} trials: per epoch, the learning rate adapted by its end. */
    public static final String ADAPTED_LEARNING_RATES_ATTR = Dl4jObjective.ADAPTED_LEARNING_RATES_ATTR;
    private static final int EVALUATION_BATCH = 512;
    /** Examples per mini-batch of a custom network whose space has no {@code batch_size}. */
    public static final int DEFAULT_BATCH_SIZE = 64;

    private final Dl4jObjective engine;
    private final Task task;
    private final Path workDir;

    private NetworkObjective(Builder b) {
        Requires.argument(b.space != null || b.custom != null, "a network is required: call space(NetworkSpace) or"
                + " custom(CustomNetwork, space)");
        Requires.argument(!b.folds.isEmpty(), "training and validation data are required: call data(train, validation)");
        LabeledData train = b.folds.get(0).train();
        this.task = train.task();
        Metric metric = b.metric != null ? b.metric : Metric.ACCURACY;
        Requires.argument(metric.appliesTo(task), () -> "metric " + metric.id() + " does not apply to a "
                + task.name().toLowerCase(java.util.Locale.ROOT) + " task");
        int[] shape = train.featureShape();
        int outputs = train.numClasses();
        try {
            this.workDir = b.workDir != null ? Files.createDirectories(b.workDir) : Files.createTempDirectory("dl4j-tuner-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot create the work folder " + b.workDir, e);
        }
        java.util.function.Function<Trial, NetworkConfiguration> network;
        java.util.function.ToIntFunction<Trial> batchSize;
        if (b.space != null) {
            NetworkSpace space = b.space;
            network = trial -> {
                HyperParameters hp = space.sample(trial);
                trial.setUserAttr(HYPERPARAMETERS_ATTR, hp.toMap());
                return NetworkConfiguration.of(NetworkFactory.configuration(space.family(), hp, shape, outputs, task,
                        trial.seed()));
            };
            batchSize = trial -> space.sample(trial).batchSize();
        } else {
            CustomNetwork custom = b.custom;
            Map<String, ParameterSpace> space = b.customSpace;
            DataShape dataShape = new DataShape(shape, outputs, task);
            network = trial -> {
                Map<String, Object> values = values(space, trial);
                trial.setUserAttr(HYPERPARAMETERS_ATTR, values);
                NetworkConfiguration conf = custom.configure(trial, values, dataShape);
                Requires.argument(conf != null, () -> custom.getClass().getName() + ".configure returned null");
                return conf;
            };
            batchSize = trial -> values(space, trial).get("batch_size") instanceof Number n ? n.intValue()
                    : DEFAULT_BATCH_SIZE;
        }
        Dl4jObjective.Builder engine = Dl4jObjective.builder()
                .network(network)
                .metric(metric)
                .secondaryMetrics(b.secondaryMetrics.toArray(SecondaryMetric[]::new))
                .maxEpochs(b.maxEpochs)
                .earlyStopping(b.earlyStopping)
                .workDir(workDir.resolve("checkpoints"))
                .artifacts(b.artifacts)
                .trialTimeout(b.trialTimeout);
        b.constraints.forEach(engine::constraint);
        for (int f = 0; f < b.folds.size(); f++) {
            Fold fold = b.folds.get(f);
            java.util.function.Function<Trial, org.nd4j.linalg.dataset.api.iterator.DataSetIterator> batches = trial ->
                    fold.train().trainingIterator(batchSize.applyAsInt(trial), Seeds.derive(trial.seed(), 1));
            if (f == 0) {
                engine.train(batches).validation(fold.validation().iterator(EVALUATION_BATCH, 0))
                        .normalizer(fold.normalizer());
            } else {
                engine.fold(batches, fold.validation().iterator(EVALUATION_BATCH, 0), fold.normalizer());
            }
        }
        this.engine = engine.build();
    }

    /** Every space entry's value for a trial: searched ones through the trial, fixed ones as given. */
    private static Map<String, Object> values(Map<String, ParameterSpace> space, Trial trial) {
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        space.forEach((key, value) -> values.put(key, value.suggest(trial, key)));
        return values;
    }

    /** Builds one probe trial's network and passes a batch through it: see {@link Dl4jObjective#check()}. */
    public void check() {
        engine.check();
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The engine that trains the family's networks. */
    public Dl4jObjective engine() {
        return engine;
    }

    /** The metric reported and returned. */
    public Metric metric() {
        return engine.metric();
    }

    /** Epochs a trial trains at most. */
    public int maxEpochs() {
        return engine.maxEpochs();
    }

    /** The objectives' names: the metric's id, then each secondary metric's. */
    public List<String> objectiveNames() {
        return engine.objectiveNames();
    }

    /** The objectives' directions, for {@code Study.builder().directions(...)}. */
    public List<org.dl4jtuner.tuner.Direction> directions() {
        return engine.directions();
    }

    /** This family as a multi-objective objective: see {@link Dl4jObjective#multiObjective()}. */
    public org.dl4jtuner.tuner.MultiObjective multiObjective() {
        return engine.multiObjective();
    }

    /** Where checkpoints and the best network are written. */
    public Path workDir() {
        return workDir;
    }

    @Override
    public double evaluate(Trial trial) throws IOException {
        return engine.evaluate(trial);
    }

    @Override
    public double evaluate(Trial trial, int resource) throws IOException {
        return engine.evaluate(trial, resource);
    }

    /** See {@link Dl4jObjective#continuesTrials(Study)}: checkpoints every epoch under a stored study. */
    @Override
    public boolean continuesTrials(Study study) {
        return engine.continuesTrials(study);
    }

    /** The best network trained so far (best epoch's weights), or null if no trial finished training. */
    public MultiLayerNetwork bestNetwork() {
        return (MultiLayerNetwork) engine.bestModel();
    }

    /** The best network written, with its normalizer, as a DL4J model file in the work folder, or null. */
    public Path bestModelFile() throws IOException {
        int number = engine.bestTrialNumber();
        if (number < 0) {
            return null;
        }
        Path file = workDir.resolve("best-model-trial-" + number + ".zip");
        return Files.isRegularFile(file) ? file : engine.exportBest(file);
    }

    /** Every metric of the best network on the given raw data (usually the test split); empty if there is none. */
    public Map<Metric, Double> evaluateBest(LabeledData data) {
        return engine.evaluateBest(data.iterator(EVALUATION_BATCH, 0), task);
    }

    /** Deletes the checkpoint of a finished trial that is no longer needed (pruned or failed). */
    public void forget(FrozenTrial trial) {
        engine.forget(trial);
    }

    /** Builder of a {@link NetworkObjective}. */
    public static final class Builder {
        private NetworkSpace space;
        private CustomNetwork custom;
        private Map<String, ParameterSpace> customSpace;
        private final List<Fold> folds = new ArrayList<>();
        private DataNormalization normalizer;
        private Metric metric;
        private List<SecondaryMetric> secondaryMetrics = List.of();
        private final List<MetricConstraint> constraints = new ArrayList<>();
        private int maxEpochs = 10;
        private EarlyStopping earlyStopping;
        private Path workDir;
        private Path artifacts;
        private Duration trialTimeout;

        private Builder() {
        }

        /** A built-in family's search space (this or {@link #custom} is required). */
        public Builder space(NetworkSpace space) {
            this.space = space;
            this.custom = null;
            return this;
        }

        /**
         * Your own network class and the space whose values it receives ({@code batch_size}, if
         * there, sets the mini-batch size; default {@value NetworkObjective#DEFAULT_BATCH_SIZE}).
         */
        public Builder custom(CustomNetwork network, Map<String, ParameterSpace> space) {
            this.custom = Objects.requireNonNull(network, "network");
            this.customSpace = new java.util.LinkedHashMap<>(Objects.requireNonNull(space, "space"));
            this.space = null;
            return this;
        }

        /** The training and validation splits (raw values; see {@link #normalizer}). */
        public Builder data(LabeledData train, LabeledData validation) {
            folds.clear();
            folds.add(new Fold(train, validation, normalizer));
            return this;
        }

        /** Prepared data: its folds (one for a holdout split) with their normalizers; the test set is scored apart. */
        public Builder data(PreparedData data) {
            return folds(data.folds());
        }

        /** Cross-validation folds, each with its own normalizer: the value is the mean over folds. */
        public Builder folds(List<Fold> folds) {
            Requires.argument(folds != null && !folds.isEmpty(), "folds must hold at least one fold");
            this.folds.clear();
            this.folds.addAll(folds);
            return this;
        }

        /** A fitted normalizer for the data given to {@link #data} (applied to every batch, saved with models). */
        public Builder normalizer(DataNormalization normalizer) {
            this.normalizer = normalizer;
            if (folds.size() == 1) {
                Fold f = folds.get(0);
                folds.set(0, new Fold(f.train(), f.validation(), normalizer));
            }
            return this;
        }

        /** The validation metric (default accuracy). */
        public Builder metric(Metric metric) {
            this.metric = metric;
            return this;
        }

        /** Secondary objectives after the metric: see {@link Dl4jObjective.Builder#secondaryMetrics}. */
        public Builder secondaryMetrics(SecondaryMetric... metrics) {
            this.secondaryMetrics = List.of(metrics);
            return this;
        }

        /** A constraint every trial declares: see {@link Dl4jObjective.Builder#constraint}. */
        public Builder constraint(MetricConstraint constraint) {
            this.constraints.add(Objects.requireNonNull(constraint, "constraint"));
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

        /** Keep every trial's best-epoch network (with the normalizer) as {@code DIR/trial-N.zip}; default: none. */
        public Builder artifacts(Path dir) {
            this.artifacts = dir;
            return this;
        }

        /** End a trial as FAIL at the first epoch boundary past this much training time (default: no limit). */
        public Builder trialTimeout(Duration timeout) {
            this.trialTimeout = timeout;
            return this;
        }

        /** Validates and builds. */
        public NetworkObjective build() {
            return new NetworkObjective(this);
        }
    }
}
