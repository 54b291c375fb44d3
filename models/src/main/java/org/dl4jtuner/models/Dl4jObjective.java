package org.dl4jtuner.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jtuner.datasets.Task;
import org.dl4jtuner.tuner.ContinuableObjective;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Objective;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.hyperband.ResumableObjective;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.storage.InMemoryStorage;
import org.dl4jtuner.tuner.util.Folders;
import org.dl4jtuner.tuner.util.Requires;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.MultiDataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DL4J epoch engine: for each trial it builds your network (a {@code MultiLayerNetwork} or a
 * {@code ComputationGraph}) from the trial's hyperparameters, trains it epoch by epoch on your
 * training iterator, evaluates the metric on your validation iterator after every epoch, reports
 * it, stops when the pruner says so, keeps the best epoch's weights, and returns the best value.
 *
 * <pre>{@code
 * Dl4jObjective objective = Dl4jObjective.builder()
 *         .graph(trial -> myGraph(trial.suggestFloat("learning_rate", 1e-4, 1e-2, true)))
 *         .train(trial -> new MyIterator(trainFiles, trial.suggestCategorical("batch_size", List.of(32, 64))))
 *         .validation(new MyIterator(validationFiles, 256))
 *         .normalizer(normalizer)              // fitted on the training data; applied to every batch
 *         .metric(Metric.ACCURACY)
 *         .maxEpochs(9)
 *         .build();
 * study.optimize(objective, 50);
 * ComputationGraph best = (ComputationGraph) objective.bestModel();
 * objective.exportBest(Path.of("best.zip"));   // restores with ModelSerializer, normalizer included
 * }</pre>
 *
 * <ul>
 *   <li>Iterators yield raw data; the normalizer, if given, is applied to each batch after the
 *       iterator's own pre-processor and saved into every model file, so plain DL4J code that
 *       restores model and normalizer scores raw data as the study did.</li>
 *   <li>Several folds ({@link Builder#fold}) give cross-validation: every fold's network trains
 *       side by side, the reported value is the mean over folds, and each fold's values are kept
 *       in the trial's {@value EpochLoop#FOLD_VALUES_ATTR} attribute. The kept network is the
 *       first fold's.</li>
 *   <li>A loss or metric that becomes NaN or infinite fails the trial, naming the epoch; a network
 *       whose output does not match the labels fails it with both shapes.</li>
 *   <li>Before a trial's networks are built, {@link MemoryGuard} compares their
 *       {@link MemoryEstimate} (from the configuration and the first batch's shape) with the memory
 *       still free: a network that cannot fit fails its trial with a
 *       {@link NetworkTooLargeException} giving both numbers. An {@link OutOfMemoryError} inside a
 *       trial frees its networks and fails that trial only ({@link TrialOutOfMemoryException}),
 *       so the study goes on.</li>
 *   <li>As a {@link ResumableObjective} ({@code study.optimizeResumable(objective, Budget.studyTrials(n), 2)}
 *       with {@code Pruners.auto}, {@code promotionAsha} or {@code synchronousHyperband}) it checkpoints
 *       every epoch and continues a paused, promoted or taken-over trial from its checkpoint; give
 *       {@link Builder#workDir} a folder that outlives the process, so that a run after a crash finds
 *       them (docs/java-crash-safe.md).</li>
 *   <li>Under {@code study.optimize} with a study whose storage outlives the process (SQLite,
 *       PostgreSQL) it checkpoints every epoch too, so that a run after a crash or a kill takes over
 *       the trials the dead process left RUNNING and trains only their remaining epochs
 *       ({@link ContinuableObjective}); the stored epochs stay, and the pruner judges the rest as
 *       before. The cost is one model save per epoch (network, updater state and best weights,
 *       written atomically); a trial's checkpoint is deleted when the trial ends in this process.
 *       {@link Builder#checkpointEveryEpoch(boolean) checkpointEveryEpoch(false)} turns it off: dead
 *       trials then end as FAIL, as for an in-memory study.</li>
 *   <li>Parallel trials ({@code study.optimize(objective, n, threads)}) each get their own training
 *       iterator from the function (return a new one per call); the validation iterator is shared
 *       and read by one trial at a time.</li>
 * </ul>
 */
public final class Dl4jObjective implements Objective, ResumableObjective, ContinuableObjective {
    private static final Logger LOG = LoggerFactory.getLogger(Dl4jObjective.class);
    /** User attribute: the epoch whose weights are kept. */
    public static final String BEST_EPOCH_ATTR = "best_epoch";
    /** User attribute: epochs trained. */
    public static final String EPOCHS_ATTR = "epochs";
    /** User attribute: per epoch, each fold's validation value (cross-validation only). */
    public static final String FOLD_VALUES_ATTR = EpochLoop.FOLD_VALUES_ATTR;
    /**
     * Trial system attribute: per epoch, its CPU seconds ({@code cpu_s}), training loss ({@code train_loss})
     * and the pid of the process that trained it ({@code worker}).
     */
    public static final String EPOCH_COSTS_ATTR = EpochLoop.EPOCH_COSTS_ATTR;
    /**
     * Trial system attribute: the absolute path of the trial's checkpoint folder (resumable trials
     * only), so that a process that continues the trial finds the checkpoint an earlier, killed one
     * wrote even when the two were given different work folders (or none: each its own temporary one).
     */
    public static final String CHECKPOINT_ATTR = "checkpoint";
    /** Trial system attribute: the model file of the trial's best epoch, when artifacts are kept. */
    public static final String MODEL_FILE_ATTR = "model_file";
    /**
     * Trial user attribute: the {@link SecondaryMetric}s measured (asked for as objectives or
     * constrained), by name, as of the last epoch.
     */
    public static final String SECONDARY_METRICS_ATTR = "secondary_metrics";
    /**
     * User attribute of networks trained with {@code adam-hd}: per epoch, the learning rate each of
     * the first fold's Adam-HD updater blocks had adapted to by the epoch's end (one block for
     * networks whose layers share one updater).
     */
    public static final String ADAPTED_LEARNING_RATES_ATTR = EpochLoop.ADAPTED_LEARNING_RATES_ATTR;
    /** Probe trials {@link #check()} draws to find a network that fits in memory. */
    private static final int PROBES_FOR_ONE_THAT_FITS = 5;

    private final Function<Trial, NetworkConfiguration> network;
    private final List<TrainingFold> folds;
    private final Metric metric;
    private final List<SecondaryMetric> secondaryMetrics;
    private final List<MetricConstraint> constraints;
    private final java.util.Set<SecondaryMetric> measured;
    private final int maxEpochs;
    private final EpochLoop loop;
    private final Duration trialTimeout;
    private final Path artifacts;
    private final Path workDir;
    private final BestNetwork best;
    private final Object workDirLock = new Object();
    private final boolean checkpointEveryEpoch;

    private Dl4jObjective(Builder b) {
        this.network = Objects.requireNonNull(b.network,
                "a network function is required: call multiLayer(trial -> ...) or graph(trial -> ...)");
        List<TrainingFold> all = new ArrayList<>();
        if (!b.first.isEmpty()) {
            all.add(b.first.build(0));
        }
        for (TrainingFold.Spec extra : b.extraFolds) {
            all.add(extra.build(all.size()));
        }
        Requires.argument(!all.isEmpty(), "training and validation data are required: call train(trial -> iterator)"
                + " and validation(iterator)");
        this.folds = List.copyOf(all);
        this.metric = b.metric != null ? b.metric : Metric.ACCURACY;
        this.secondaryMetrics = List.copyOf(b.secondaryMetrics);
        this.constraints = List.copyOf(b.constraints);
        this.measured = TrialMeasures.measured(metric, secondaryMetrics, constraints);
        this.maxEpochs = Requires.atLeast("max_epochs", b.maxEpochs, 1);
        this.loop = new EpochLoop(metric, b.earlyStopping);
        this.best = new BestNetwork(metric.direction());
        this.trialTimeout = b.trialTimeout;
        this.checkpointEveryEpoch = b.checkpointEveryEpoch;
        try {
            this.artifacts = b.artifacts == null ? null : Files.createDirectories(b.artifacts);
            this.workDir = b.workDir != null ? Files.createDirectories(b.workDir) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder " + e.getMessage(), e);
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

    /** The secondary metrics that follow the metric as objectives (empty for one objective). */
    public List<SecondaryMetric> secondaryMetrics() {
        return secondaryMetrics;
    }

    /** The constraints every trial declares. */
    public List<MetricConstraint> constraints() {
        return constraints;
    }

    /** The objectives' names: the metric's id, then each secondary metric's. */
    public List<String> objectiveNames() {
        return TrialMeasures.objectiveNames(metric, secondaryMetrics);
    }

    /** The objectives' directions, for {@code Study.builder().directions(...)}: the metric's, then each secondary metric's. */
    public List<org.dl4jtuner.tuner.Direction> directions() {
        return TrialMeasures.directions(metric, secondaryMetrics);
    }

    /**
     * This engine as a multi-objective objective: each trial returns the validation value of its
     * kept epoch followed by its secondary metrics, in the order of {@link #directions()}, and reports
     * the same vector (with the epoch's value) after every epoch, so a Pareto pruner judges it.
     * For a study built with {@code directions(objective.directions()...)}; it needs at least one
     * {@link Builder#secondaryMetrics secondary metric}.
     */
    public org.dl4jtuner.tuner.MultiObjective multiObjective() {
        Requires.argument(!secondaryMetrics.isEmpty(), "multiObjective() needs secondary metrics, but none were given:"
                + " call secondaryMetrics(SecondaryMetric...) on the builder");
        return trial -> run(trial, maxEpochs, false);
    }

    /** Folds the value is averaged over (1 without cross-validation). */
    public int folds() {
        return folds.size();
    }

    @Override
    public double evaluate(Trial trial) throws IOException {
        if (!continuesTrials(trial.study())) {
            return run(trial, maxEpochs, false)[0];
        }
        try {
            return run(trial, maxEpochs, true)[0];
        } finally {
            // the trial ends in this process (complete, pruned or failed): nobody continues it any more
            deleteCheckpoint(trial.id());
        }
    }

    /**
     * Whether a trial of {@code study} is checkpointed every epoch under {@code study.optimize}, so
     * that a later run continues it after this process dies: when the study's storage outlives the
     * process (not in memory) and {@link Builder#checkpointEveryEpoch(boolean)} was not turned off.
     */
    @Override
    public boolean continuesTrials(Study study) {
        return checkpointEveryEpoch && !(study.storage() instanceof InMemoryStorage);
    }

    @Override
    public double evaluate(Trial trial, int resource) throws IOException {
        Requires.argument(resource >= 1 && resource <= maxEpochs,
                () -> "1 <= resource <= max_epochs=" + maxEpochs + " must hold, but got resource=" + resource);
        return run(trial, resource, true)[0];
    }

    /** Trains a trial; returns the kept epoch's value, followed by the secondary objectives when there are some. */
    private double[] run(Trial trial, int toEpoch, boolean resumable) throws IOException {
        CheckpointFolder checkpoint = resumable ? checkpointOf(trial) : null;
        TrainingState state = null;
        try {
            List<Batches> train = new ArrayList<>();
            for (TrainingFold fold : folds) {
                train.add(fold.train().apply(trial));
            }
            if (checkpoint != null && checkpoint.exists()) {
                state = checkpoint.load();
                reportMissing(trial, state);
            } else {
                if (checkpoint != null) {
                    warnIfTrainedBefore(trial, checkpoint);
                }
                recordProvenance(trial);
                state = newState(trial, train);
            }
            TrialMeasures measures = measure(state, train.get(0));
            Instant deadline = trialTimeout == null ? null : Instant.now().plus(trialTimeout);
            try {
                loop.trainTo(trial, state, toEpoch, train, folds.stream().map(TrainingFold::validation).toList(), deadline,
                        checkpoint == null ? null : s -> save(checkpoint, s), measures);
            } catch (RuntimeException e) {
                throw explainMismatch(e, state, train, trial);
            }
            trial.setUserAttr(EPOCHS_ATTR, state.epochsDone);
            trial.setUserAttr(BEST_EPOCH_ATTR, state.bestEpoch);
            if (checkpoint != null && state.stoppedEarly) {
                checkpoint.save(state);
            }
            best.offer(state, trial.number());
            if (artifacts != null) {
                Path file = artifacts.resolve("trial-" + trial.number() + ".zip");
                write(state.bestOfFirstFold(), folds.get(0).normalizer(), file);
                trial.setSystemAttr(MODEL_FILE_ATTR, file.toAbsolutePath().toString());
            }
            if (measures == null) {
                return new double[] {state.bestValue};
            }
            measures.update(trial, state.bestValue);
            return measures.vector(state.bestValue);
        } catch (OutOfMemoryError e) {
            // free this trial's networks first, so the message (and the next trial) have room
            if (state != null) {
                state.clear();
                state = null;
            }
            NativeMemory.releaseAfterTrial();
            throw new TrialOutOfMemoryException("trial " + trial.number() + " ran out of memory (" + e.getMessage()
                    + "); its network and batches were freed and the study goes on (now "
                    + MemoryGuard.available().describe() + ")", e);
        } finally {
            if (state != null) {
                state.clear();
            }
            NativeMemory.releaseAfterTrial();
        }
    }

    /** Measures the secondary metrics of a trial's first network, or null when none is asked for. */
    private TrialMeasures measure(TrainingState state, Batches train) {
        EpochLoop.Validation validation = folds.get(0).validation();
        return TrialMeasures.of(metric, secondaryMetrics, constraints, measured, state.nets.get(0),
                measured.contains(SecondaryMetric.MEMORY_MB) ? train.firstFeatureShape() : null, () -> {
                    synchronized (validation.lock()) {
                        return validation.batches().firstFeatures();
                    }
                });
    }

    /**
     * Builds the network of one probe trial (drawn by a random sampler in a throwaway in-memory
     * study) and passes the first training batch through it, so that a network that does not fit
     * the data, or a metric that does not fit the network, is an IllegalArgumentException before
     * any trial is stored. Costs one network and one batch.
     */
    public void check() {
        Study probe = Study.builder().name("check").direction(metric.direction()).sampler(Samplers.random(0)).build();
        Trial trial = probe.ask();
        Batches train = folds.get(0).train().apply(trial);
        TrainingState state = null;
        for (int tries = 1; state == null; tries++) {
            try {
                state = newState(trial, List.of(train), 1);
            } catch (NetworkTooLargeException e) {
                // a space may hold networks too large for this machine; their trials fail, the others run
                if (tries == PROBES_FOR_ONE_THAT_FITS) {
                    throw e;
                }
                trial = probe.ask();
                train = folds.get(0).train().apply(trial);
            }
        }
        try {
            train.firstBatchLoss(state.nets.get(0));
        } catch (RuntimeException e) {
            throw explainMismatch(e, state, List.of(train), trial);
        } finally {
            state.clear();
            NativeMemory.releaseAfterTrial();
        }
    }

    private TrainingState newState(Trial trial, List<Batches> train) {
        return newState(trial, train, folds.size());
    }

    private TrainingState newState(Trial trial, List<Batches> train, int networks) {
        NetworkConfiguration conf = network.apply(trial);
        Requires.argument(conf != null, () -> "the network function returned null for trial " + trial.number());
        MemoryGuard.check(trial.number(), MemoryEstimate.of(conf, train.get(0).firstFeatureShape(), networks));
        List<Model> nets = new ArrayList<>();
        for (int f = 0; f < networks; f++) {
            nets.add(conf.newNetwork());
        }
        Model first = nets.get(0);
        Task task = MetricEvaluator.taskOf(first);
        Requires.argument(task == null || metric.appliesTo(task), () -> "metric " + metric.id() + " needs a "
                + metric.task().name().toLowerCase(java.util.Locale.ROOT) + " network, but trial " + trial.number()
                + "'s output layer has a " + task.name().toLowerCase(java.util.Locale.ROOT) + " loss");
        long outputs = MetricEvaluator.outputWidth(first);
        long labels = train.get(0).labelWidth();
        Requires.argument(labels < 0 || labels == outputs, () -> "trial " + trial.number() + "'s "
                + TrainingState.kind(first) + " has an output layer of nOut=" + outputs + ", but the training data has "
                + labels + " label columns (" + train.get(0).firstBatchShapes() + ")");
        return new TrainingState(nets);
    }

    /** A DL4J error in the first epoch usually means the network and the data do not fit: say so, with shapes. */
    private static RuntimeException explainMismatch(RuntimeException e, TrainingState state, List<Batches> train,
            Trial trial) {
        boolean fromDl4j = e.getClass().getName().startsWith("org.deeplearning4j")
                || e.getClass().getName().startsWith("org.nd4j");
        if (state.epochsDone > 0 || !fromDl4j) {
            return e;
        }
        return new IllegalArgumentException("trial " + trial.number() + "'s " + TrainingState.kind(state.nets.get(0))
                + " does not fit the data (" + train.get(0).firstBatchShapes() + "): " + e.getMessage(), e);
    }

    /**
     * A trial's checkpoint folder: {@code WORK/STUDY-ID/trial-N} (the study's name with characters
     * other than {@code [A-Za-z0-9_.-]} as {@code _}, and its id in storage), so that a new process
     * given the same work folder finds the checkpoints of the trials a killed one left. When that
     * folder holds no checkpoint but the one the trial recorded ({@value #CHECKPOINT_ATTR}) does (an
     * earlier process with another work folder, e.g. its own temporary one), that one is continued.
     */
    private CheckpointFolder checkpointOf(Trial trial) throws IOException {
        synchronized (workDirLock) {
            if (workDirInUse == null) {
                workDirInUse = workDir != null ? workDir : Files.createTempDirectory("dl4j-tuner-");
            }
            Study study = trial.study();
            Path dir = workDirInUse.resolve(study.folderName())
                    .resolve("trial-" + trial.number()).toAbsolutePath();
            Object recorded = trial.frozen().systemAttrs().get(CHECKPOINT_ATTR);
            if (!new CheckpointFolder(dir).exists() && recorded instanceof String other
                    && new CheckpointFolder(Path.of(other)).exists()) {
                LOG.info("Trial {} continues from the checkpoint an earlier run wrote in {}", trial.number(), other);
                dir = Path.of(other);
            }
            if (!dir.toString().equals(recorded)) {
                trial.setSystemAttr(CHECKPOINT_ATTR, dir.toString());
            }
            checkpointDirs.put(trial.id(), dir);
            return new CheckpointFolder(dir);
        }
    }

    /**
     * A resumable trial that has epochs in storage but no checkpoint trains again from its first
     * epoch, and its stored epochs are replaced: say so, and where the checkpoint was looked for.
     */
    private void warnIfTrainedBefore(Trial trial, CheckpointFolder checkpoint) {
        int stored = trial.frozen().intermediateValues().size();
        if (stored > 0) {
            LOG.warn("Trial {} has {} epochs in storage but no checkpoint in {}: it trains again from epoch 1."
                    + " Give Dl4jObjective.Builder.workDir(...) a folder that outlives the process (the default is a"
                    + " temporary folder) and give it again to the run that continues the study", trial.number(), stored,
                    checkpoint.dir());
        }
    }

    private static void save(CheckpointFolder checkpoint, TrainingState state) {
        try {
            checkpoint.save(state);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint " + checkpoint.dir() + ": " + e.getMessage(), e);
        }
    }

    /** Reports the epochs a checkpoint holds that storage does not: a run killed between the two. */
    private static void reportMissing(Trial trial, TrainingState state) {
        Map<Integer, Double> stored = trial.frozen().intermediateValues();
        state.values.forEach((epoch, value) -> {
            if (!stored.containsKey(epoch)) {
                trial.report(epoch, value);
            }
        });
    }

    private Path workDirInUse;
    private final Map<Long, Path> checkpointDirs = new java.util.concurrent.ConcurrentHashMap<>();

    private static void recordProvenance(Trial trial) {
        trial.setSystemAttr(TrainingRuntime.ATTR, TrainingRuntime.current());
    }

    /**
     * The best network trained so far, with its best epoch's weights: a {@code MultiLayerNetwork}
     * or a {@code ComputationGraph} as the network function built it; null before any trial finished.
     */
    public Model bestModel() {
        return best.model();
    }

    /** The number of the trial whose network {@link #bestModel()} returns, or -1. */
    public int bestTrialNumber() {
        return best.trialNumber();
    }

    /** The normalizer applied to the first fold's batches and saved with every model, or null. */
    public Normalizer<?> normalizer() {
        return folds.get(0).normalizer();
    }

    /**
     * Writes the best network (best epoch's weights) as a DL4J model file with the normalizer in it:
     * {@code ModelSerializer.restoreMultiLayerNetwork} or {@code restoreComputationGraph} and
     * {@code restoreNormalizerFromFile} read it back.
     *
     * @throws IllegalStateException when no trial has finished training
     */
    public Path exportBest(Path file) throws IOException {
        Model best = bestModel();
        if (best == null) {
            throw new IllegalStateException("no trial has finished training, so there is no best network to export");
        }
        try {
            write(best, folds.get(0).normalizer(), file);
            return file;
        } finally {
            best.clear();
        }
    }

    /** Every built-in metric that applies to the task, of the best network on raw data (normalized as in training). */
    public Map<Metric, Double> evaluateBest(DataSetIterator rawData, Task task) {
        Model best = bestModel();
        if (best == null) {
            return Map.of();
        }
        try {
            DataNormalization normalizer = folds.get(0).normalizer() instanceof DataNormalization n ? n : null;
            return MetricEvaluator.evaluateAll(best, Batches.of(NormalizedBatches.of(rawData, normalizer)), task);
        } finally {
            best.clear();
            NativeMemory.releaseAfterTrial();
        }
    }

    /** Writes a model without its updater state, and the normalizer into the same zip. */
    static void write(Model model, Normalizer<?> normalizer, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ModelSerializer.writeModel(model, file.toFile(), false);
        if (normalizer != null) {
            ModelSerializer.addNormalizerToModel(file.toFile(), normalizer);
        }
    }

    /** Deletes the checkpoint of a finished trial that is no longer needed (pruned or failed). */
    public void forget(FrozenTrial trial) {
        if (trial.state() == TrialState.PRUNED || trial.state() == TrialState.FAIL) {
            deleteCheckpoint(trial.id());
        }
    }

    /** Deletes the checkpoint folder this objective wrote for a trial, if any. */
    private void deleteCheckpoint(long trialId) {
        Path dir = checkpointDirs.remove(trialId);
        if (dir != null) {
            Folders.deleteTree(dir);
        }
    }

    /** Builder of a {@link Dl4jObjective}. */
    public static final class Builder {
        private Function<Trial, NetworkConfiguration> network;
        private final TrainingFold.Spec first = new TrainingFold.Spec();
        private final List<TrainingFold.Spec> extraFolds = new ArrayList<>();
        private Metric metric;
        private List<SecondaryMetric> secondaryMetrics = List.of();
        private final List<MetricConstraint> constraints = new ArrayList<>();
        private int maxEpochs = 10;
        private EarlyStopping earlyStopping;
        private Path workDir;
        private Path artifacts;
        private Duration trialTimeout;
        private boolean checkpointEveryEpoch = true;

        private Builder() {
        }

        /** The network of a trial as a {@code MultiLayerNetwork} configuration; suggest its hyperparameters from the trial. */
        public Builder multiLayer(Function<Trial, MultiLayerConfiguration> function) {
            Objects.requireNonNull(function, "function");
            this.network = trial -> NetworkConfiguration.of(function.apply(trial));
            return this;
        }

        /** The network of a trial as a {@code ComputationGraph} configuration; suggest its hyperparameters from the trial. */
        public Builder graph(Function<Trial, ComputationGraphConfiguration> function) {
            Objects.requireNonNull(function, "function");
            this.network = trial -> NetworkConfiguration.of(function.apply(trial));
            return this;
        }

        /** The network of a trial, of either kind. */
        public Builder network(Function<Trial, NetworkConfiguration> function) {
            this.network = Objects.requireNonNull(function, "function");
            return this;
        }

        /**
         * The training batches of a trial (called once per trial, so it may read the trial's
         * parameters such as the batch size; return a new iterator per call). Reset before every epoch.
         */
        public Builder train(Function<Trial, DataSetIterator> function) {
            first.train = Objects.requireNonNull(function, "function");
            first.trainMulti = null;
            return this;
        }

        /** Multi-input or multi-output training batches of a trial, for a {@code ComputationGraph}. */
        public Builder trainMultiData(Function<Trial, MultiDataSetIterator> function) {
            first.trainMulti = Objects.requireNonNull(function, "function");
            first.train = null;
            return this;
        }

        /** The validation batches, scored after every epoch (raw data: the normalizer is applied). */
        public Builder validation(DataSetIterator validation) {
            first.validation = Objects.requireNonNull(validation, "validation");
            first.validationMulti = null;
            return this;
        }

        /** Multi-input or multi-output validation batches. */
        public Builder validation(MultiDataSetIterator validation) {
            first.validationMulti = Objects.requireNonNull(validation, "validation");
            first.validation = null;
            return this;
        }

        /** A fitted normalizer applied to every batch and saved in every model file (optional). */
        public Builder normalizer(DataNormalization normalizer) {
            first.normalizer = normalizer;
            return this;
        }

        /** A fitted multi-data normalizer applied to every batch and saved in every model file (optional). */
        public Builder normalizer(MultiDataNormalization normalizer) {
            first.normalizer = normalizer;
            return this;
        }

        /**
         * Adds a cross-validation fold: its training batches per trial, its validation batches and
         * the normalizer fitted on its training part (null for none). With folds, the reported
         * value is the mean over all of them, {@link #train}/{@link #validation} being the first.
         */
        public Builder fold(Function<Trial, DataSetIterator> train, DataSetIterator validation, DataNormalization normalizer) {
            TrainingFold.Spec fold = new TrainingFold.Spec();
            fold.train = Objects.requireNonNull(train, "train");
            fold.validation = Objects.requireNonNull(validation, "validation");
            fold.normalizer = normalizer;
            extraFolds.add(fold);
            return this;
        }

        /** The validation metric (default accuracy). */
        public Builder metric(Metric metric) {
            this.metric = metric;
            return this;
        }

        /**
         * Secondary objectives after the metric, for a multi-objective study ({@link #multiObjective()}):
         * each trial measures them and reports them with every epoch's value. Given once; no repeats.
         */
        public Builder secondaryMetrics(SecondaryMetric... metrics) {
            this.secondaryMetrics = TrialMeasures.objectives(metrics);
            return this;
        }

        /**
         * A constraint every trial declares ({@link Trial#setConstraint(double...)}, updated after
         * every epoch): on the metric or on a {@link SecondaryMetric}, which is then measured even if
         * it is not an objective. Call once per constraint.
         */
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

        /**
         * Where a resumable trial's checkpoints go, as {@code STUDY-ID/trial-N} (written after every
         * epoch, atomically); give the same folder to a new process to continue a killed study's
         * trials. Default: a new temporary folder when first needed. Each trial records its folder
         * ({@value Dl4jObjective#CHECKPOINT_ATTR}), so a later process also continues from a folder
         * it was not given while that folder exists; a temporary one does not survive a reboot, and
         * a trial whose checkpoint is gone trains again from its first epoch (with a warning).
         */
        public Builder workDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        /**
         * Keep every completed trial's best-epoch network, with the normalizer, as {@code DIR/trial-N.zip}
         * and record its path in the trial ({@value Dl4jObjective#MODEL_FILE_ATTR}); default: none.
         * Give each study a folder of its own, {@code NAME-ID} as {@code dl4j-tuner run} does
         * ({@code base.resolve(study.folderName())}): studies sharing a folder overwrite
         * each other's files, and {@code dl4j-tuner best --export} copies only from such a folder.
         */
        public Builder artifacts(Path dir) {
            this.artifacts = dir;
            return this;
        }

        /** End a trial as FAIL at the first epoch boundary past this much training time (default: no limit). */
        public Builder trialTimeout(Duration timeout) {
            Requires.argument(timeout == null || (!timeout.isNegative() && !timeout.isZero()),
                    () -> "trialTimeout > 0 must hold, but got trialTimeout=" + timeout);
            this.trialTimeout = timeout;
            return this;
        }

        /**
         * Whether {@code study.optimize} on a stored study (SQLite, PostgreSQL) checkpoints each
         * trial after every epoch, so that a run after a crash continues the trials the dead
         * process left instead of failing them (default true; one model save per epoch, in
         * {@link #workDir}). Schedulers ({@code optimizeResumable}) checkpoint regardless.
         */
        public Builder checkpointEveryEpoch(boolean checkpointEveryEpoch) {
            this.checkpointEveryEpoch = checkpointEveryEpoch;
            return this;
        }

        /** Validates and builds. */
        public Dl4jObjective build() {
            return new Dl4jObjective(this);
        }
    }
}
