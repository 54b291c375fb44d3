package org.dl4jtuner.tuner;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.dl4jtuner.tuner.distribution.Distribution;
import org.dl4jtuner.tuner.hyperband.ResumableObjective;
import org.dl4jtuner.tuner.pareto.Dominance;
import org.dl4jtuner.tuner.pareto.ParetoTrials;
import org.dl4jtuner.tuner.pruner.Pruner;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.Sampler;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.schedule.Scheduler;
import org.dl4jtuner.tuner.storage.InMemoryStorage;
import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.storage.StudyRecord;
import org.dl4jtuner.tuner.terminator.Terminator;
import org.dl4jtuner.tuner.util.Requires;
import org.dl4jtuner.tuner.util.Unchecked;
import org.dl4jtuner.tuner.util.Seeds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A search: trials asked from a sampler, evaluated by an objective, pruned by a pruner, and kept
 * in storage. Building a study whose name already exists in the storage loads it, so a study
 * resumes where it stopped.
 *
 * <pre>{@code
 * Study study = Study.builder()
 *         .name("quadratic")
 *         .direction(Direction.MINIMIZE)
 *         .sampler(Samplers.random(42))
 *         .build();
 * study.optimize(trial -> {
 *     double x = trial.suggestFloat("x", -10, 10);
 *     return (x - 2) * (x - 2);
 * }, 100);
 * System.out.println(study.bestTrial().params());
 * }</pre>
 *
 * <p><b>Several objectives.</b> With {@link Builder#directions(Direction...)} the study has one
 * direction per objective, the objective is a {@link MultiObjective} returning one value per
 * objective, and {@link #bestTrials()} is the Pareto front of the feasible complete trials. A trial
 * may declare constraints ({@link Trial#setConstraint(double...)}), reported per step with
 * {@link Trial#report(int, double[])} for {@link org.dl4jtuner.tuner.pruner.Pruners#paretoRung}.
 * Samplers and pruners that model one value are refused at build time: use random, grid, sobol or
 * {@link Samplers#nsga2(long)}, and no pruner or the Pareto rung pruner.
 *
 * <pre>{@code
 * Study study = Study.builder()
 *         .directions(Direction.MAXIMIZE, Direction.MINIMIZE)   // accuracy, parameters
 *         .sampler(Samplers.nsga2(42))
 *         .build();
 * MultiObjective objective = trial -> {
 *     int units = trial.suggestInt("units", 16, 512, true);
 *     trial.setConstraint(units * 785 - 100_000);              // at most 100,000 parameters
 *     return new double[] {trainAndScore(units), units * 785};
 * };
 * study.optimize(objective, 100);
 * study.bestTrials().forEach(t -> System.out.println(Arrays.toString(t.values()) + " " + t.params()));
 * }</pre>
 */
public final class Study {
    /** Study attribute holding the study seed. */
    public static final String SEED_ATTR = "seed";
    /** Study attribute holding the name of the sampler the study last asked a trial with. */
    public static final String SAMPLER_ATTR = "sampler";
    /**
     * Trial system attribute: what proposed the trial ({@code study_seed}, {@code trial_seed}, the
     * {@code sampler}'s and {@code pruner}'s settings) and the facts given to
     * {@link Builder#provenance(Map)} (e.g. the spec's and the data's SHA-256).
     */
    public static final String PROVENANCE_ATTR = "provenance";
    /** Trial system attribute an objective may set: what ran the trial (library versions, backend, device, host). */
    public static final String RUNTIME_ATTR = "runtime";
    /**
     * Trial system attribute an objective may set: per reported step, what it cost ({@code cpu_s}) and
     * the training loss ({@code train_loss}), keyed by the step; learning-curve exports read it.
     */
    public static final String EPOCH_COSTS_ATTR = "epoch_costs";
    /**
     * Study attribute of a multi-objective study: its directions, one per objective, as a list of
     * {@code "MINIMIZE"} and {@code "MAXIMIZE"}. Absent for a single-objective study, whose direction
     * is the storage's study direction (which, for a multi-objective study, is the first one).
     */
    public static final String DIRECTIONS_ATTR = "directions";
    /**
     * Trial system attribute of a multi-objective trial: its values, one per objective, as a list of
     * numbers; the trial's value is the first of them. See {@link FrozenTrial#values()}.
     */
    public static final String VALUES_ATTR = "values";
    /**
     * Trial system attribute: the constraint values set by {@link Trial#setConstraint(double...)},
     * a list of numbers, each satisfied when {@code <= 0}. See {@link FrozenTrial#constraints()}.
     */
    public static final String CONSTRAINTS_ATTR = "constraints";
    /**
     * Trial system attribute of a multi-objective trial: the values it reported per step
     * ({@link Trial#report(int, double[])}), a map from the step (as text) to the list of values; the
     * intermediate value at a step is the first of them. See {@link FrozenTrial#stepValues()}.
     */
    public static final String STEP_VALUES_ATTR = "step_values";
    /** Study attribute naming what the objective's value is ("accuracy", "rmse"), for reports and dashboards. */
    public static final String METRIC_NAME_ATTR = "metric";
    /**
     * Study attribute holding the settings ({@link Sampler#settings()}: type, seed, options) of the
     * sampler the study last asked a trial with.
     */
    public static final String SAMPLER_SETTINGS_ATTR = "sampler_settings";
    /** Study attribute holding the settings ({@link Pruner#settings()}) of the pruner the study last asked a trial with. */
    public static final String PRUNER_ATTR = "pruner";
    /** Trial system attribute holding the values the sampler proposed jointly when the trial was asked. */
    public static final String PROPOSED_PARAMS_ATTR = "proposed_params";
    /** Trial system attribute: the process running the trial, {@code pid@host}. */
    public static final String WORKER_ATTR = "worker";
    /** Trial system attribute: the last heartbeat of a running trial, epoch milliseconds. */
    public static final String HEARTBEAT_ATTR = "heartbeat_ms";
    /** Trial system attribute: the number of the dead trial this one retries. */
    public static final String RETRY_OF_ATTR = "retry_of";
    /**
     * Trial system attribute: how many times a trial was taken over from a dead process and continued
     * ({@link ContinuableObjective}); past {@value #MAX_TAKEOVERS} it is failed instead, so that a
     * trial that kills its process (a native crash, say) cannot take every worker down in turn.
     */
    public static final String TAKEN_OVER_ATTR = "taken_over";
    /** How many times a dead trial is taken over and continued at most. */
    public static final int MAX_TAKEOVERS = 2;
    /** Trial system attribute: how many times this trial's parameters have been retried. */
    public static final String RETRIES_ATTR = "retries";
    /** Trial system attribute holding a failed trial's message. */
    public static final String FAIL_REASON_ATTR = "fail_reason";
    /** Trial system attribute holding a failed trial's stack trace. */
    public static final String FAIL_TRACE_ATTR = "fail_stacktrace";
    /**
     * Trial system attribute of a reproducible study: the names of the system attributes the trial
     * had when its ask ended, which later trials see while it runs (see {@link Builder#reproducible(int)}).
     */
    public static final String ASKED_ATTR = "asked_attrs";
    /** Study attribute holding the lag of a reproducible study (see {@link Builder#reproducible(int)}); null if not. */
    public static final String REPRODUCIBLE_ATTR = "reproducible_lag";
    /** The lag {@link Builder#reproducible(boolean)} sets: up to 5 trials run side by side without waiting. */
    public static final int DEFAULT_REPRODUCIBLE_LAG = 4;
    /**
     * Study attribute: why the study's {@link Builder#terminator(Terminator) terminator} ended the
     * latest optimize call ({@code terminator}, {@code reason}, {@code trial}: the last finished
     * trial it saw, {@code complete_trials}); null when that call ended otherwise.
     */
    public static final String STOP_REASON_ATTR = "stop_reason";
    /**
     * Study attribute a warm start records when it enqueues the past studies' best configurations
     * ({@link Builder#warmStartFrom(List)}): how many, from which studies. A resumed study finds it
     * and enqueues nothing again.
     */
    public static final String WARM_START_ATTR = "warm_start";
    /**
     * Trial system attribute of a configuration a warm start enqueued: the past {@code study}, the
     * {@code trial}'s number there and its {@code value}.
     */
    public static final String WARM_START_FROM_ATTR = "warm_start_from";
    /** Past configurations a warm start enqueues by default, per past study. */
    public static final int DEFAULT_WARM_START_TOP = 3;
    /** Longest pause between two looks at storage while a reproducible ask waits for trials of other processes. */
    private static final long MAX_POLL_MILLIS = 200;

    private static final Logger LOG = LoggerFactory.getLogger(Study.class);

    private final String name;
    private final long id;
    private final Direction direction;
    private final List<Direction> directions;
    private final Sampler sampler;
    private final Pruner pruner;
    private boolean settingsRecorded;
    private final Storage storage;
    private final long seed;
    private final Clock clock;
    private final List<Consumer<FrozenTrial>> callbacks;
    private final List<StepListener> stepListeners;
    private final Map<String, Object> provenance;
    private final AtomicLong stepsReported = new AtomicLong();
    private final TrialLiveness liveness;
    private final Duration heartbeatInterval;
    private final Duration deadTrialGrace;
    private final int deadTrialRetries;
    private final int maxConsecutiveFailures;
    private Instant lastDeadTrialCheck;
    private volatile boolean stopRequested;
    /** Null without a terminator. */
    private final Terminator terminator;
    /** How many trials had finished when the terminator last answered "go on". */
    private int finishedAtTerminatorCheck = -1;
    /** Null unless reproducible. */
    private final TrialHorizon horizon;
    /** The trial whose view the sampler or pruner works for on this thread, if any. */
    private final ThreadLocal<Integer> seenBy = new ThreadLocal<>();
    /** Trials of a reproducible study asked in this JVM and not finished, by the thread that asked them. */
    private final Map<Long, Thread> askedBy = new ConcurrentHashMap<>();
    /** Wakes a waiting reproducible ask when a trial of this study object finishes. */
    private final Object finishSignal = new Object();
    private final AtomicLong finishes = new AtomicLong();
    private final List<List<FrozenTrial>> pastStudies;

    private Study(Builder b) {
        this.name = b.name;
        this.sampler = b.sampler;
        this.pruner = b.pruner;
        this.storage = b.storage;
        this.clock = b.clock;
        this.callbacks = List.copyOf(b.callbacks);
        this.stepListeners = List.copyOf(b.stepListeners);
        this.provenance = b.provenance;
        this.heartbeatInterval = b.heartbeatInterval;
        this.deadTrialGrace = b.deadTrialGrace != null ? b.deadTrialGrace : b.heartbeatInterval.multipliedBy(6);
        this.deadTrialRetries = b.deadTrialRetries;
        this.maxConsecutiveFailures = b.maxConsecutiveFailures;
        this.terminator = b.terminator;
        this.horizon = b.reproducibleLag == null ? null : new TrialHorizon(b.reproducibleLag);
        this.liveness = new TrialLiveness(storage, clock, heartbeatInterval);
        List<Direction> asked = b.directions();
        if (asked != null) {
            requireStrategiesFor(asked, b.sampler, b.pruner);
        }
        StudyRecord record = storage.findOrCreateStudy(name, asked == null ? Direction.MINIMIZE : asked.get(0));
        this.id = record.id();
        this.directions = directionsOf(record, asked);
        this.direction = directions.get(0);
        requireStrategiesFor(directions, sampler, pruner);
        requireOneObjectiveFor(directions, b);
        Object storedSeed = storage.studySystemAttrs(id).get(SEED_ATTR);
        if (storedSeed instanceof Number n && b.seed == null) {
            this.seed = n.longValue();
        } else {
            this.seed = b.seed != null ? b.seed : System.nanoTime();
            storage.setStudySystemAttr(id, SEED_ATTR, seed);
        }
        if (b.metricName != null) {
            storage.setStudySystemAttr(id, METRIC_NAME_ATTR, b.metricName);
        }
        WarmStart warmStart = new WarmStart(b.pastStudies, b.warmStartTop, b.warmStartSampler);
        warmStart.enqueueOnce(storage, id, direction);
        this.pastStudies = warmStart.primeSampler()
                ? warmStart.pastStudies().stream().map(WarmStart.PastStudy::trials).filter(t -> !t.isEmpty()).toList()
                : List.of();
    }

    /**
     * The stored directions, checked against those the builder asks for (null: none asked). A new
     * study, or an empty one created by a concurrent builder that has not yet recorded its
     * directions, takes the asked ones.
     */
    private List<Direction> directionsOf(StudyRecord record, List<Direction> asked) {
        List<Direction> stored = storedDirections(storage, record);
        if (asked != null && asked.size() > 1 && stored.size() == 1 && stored.get(0) == asked.get(0)
                && storage.trials(record.id(), Set.of()).isEmpty()) {
            List<String> names = asked.stream().map(Direction::name).toList();
            storage.setStudySystemAttr(record.id(), DIRECTIONS_ATTR, names);
            stored = asked;
        }
        if (asked != null && !asked.equals(stored)) {
            if (asked.size() == 1 && stored.size() == 1) {
                throw new IllegalArgumentException("study '" + name + "' exists with direction " + stored.get(0)
                        + ", but the builder asks for " + asked.get(0) + "; use the stored direction or another name");
            }
            throw new IllegalArgumentException("study '" + name + "' exists with directions " + stored + ", but the"
                    + " builder asks for directions " + asked + "; use the stored directions or another name");
        }
        return stored;
    }

    /**
     * A stored study's directions, one per objective: its {@value #DIRECTIONS_ATTR} attribute, else
     * (a single-objective study) the study's direction.
     */
    public static List<Direction> storedDirections(Storage storage, StudyRecord record) {
        if (storage.studySystemAttrs(record.id()).get(DIRECTIONS_ATTR) instanceof List<?> names && !names.isEmpty()) {
            List<Direction> directions = new ArrayList<>();
            for (Object n : names) {
                directions.add(Direction.valueOf(String.valueOf(n)));
            }
            return List.copyOf(directions);
        }
        return List.of(record.direction());
    }

    /** Refuses a sampler or pruner that models one value for a study of several objectives, naming it. */
    private void requireStrategiesFor(List<Direction> objectives, Sampler sampler, Pruner pruner) {
        if (objectives.size() < 2) {
            return;
        }
        Requires.argument(sampler.supportsMultiObjective(), () -> "sampler " + sampler.name() + " optimizes a single"
                + " objective, but study '" + name + "' has " + objectives.size() + " objectives (directions "
                + objectives + "); use random, grid, sobol, tpe or nsga2 (Samplers.nsga2)");
        Requires.argument(pruner.supportsMultiObjective(), () -> "pruner " + pruner.name() + " judges a single"
                + " objective, but study '" + name + "' has " + objectives.size() + " objectives (directions "
                + objectives + "); use none or pareto_asha (Pruners.paretoRung)");
    }

    /** Refuses a terminator or a warm start, which judge one value, for a study of several objectives. */
    private void requireOneObjectiveFor(List<Direction> objectives, Builder b) {
        if (objectives.size() < 2) {
            return;
        }
        Requires.argument(b.terminator == null, () -> "terminator " + b.terminator.name() + " watches a single"
                + " objective's best value, but study '" + name + "' has " + objectives.size() + " objectives"
                + " (directions " + objectives + "); leave it out");
        Requires.argument(b.pastStudies.stream().allMatch(p -> p.trials().isEmpty()), () -> "warmStartFrom ranks past trials by a single objective, but"
                + " study '" + name + "' has " + objectives.size() + " objectives (directions " + objectives
                + "); enqueue past configurations with enqueueTrial instead");
    }

    /** A builder; every setting has a default (random sampler, no pruner, in-memory storage). */
    public static Builder builder() {
        return new Builder();
    }

    /** The study's name, unique within its storage. */
    public String name() {
        return name;
    }

    /** The storage identifier of this study. */
    public long id() {
        return id;
    }

    /**
     * The name of a folder for this study's files, {@code NAME-ID} with the name's characters other
     * than {@code [A-Za-z0-9_.-]} as {@code _} ({@link StudyRecord#folderName(String, long)}): where
     * {@code dl4j-tuner run} keeps its networks and checkpoints, and what {@code best --export} expects.
     */
    public String folderName() {
        return StudyRecord.folderName(name, id);
    }

    /**
     * Whether values are minimized or maximized. A multi-objective study has no single direction:
     * it throws IllegalStateException, pointing to {@link #directions()}.
     */
    public Direction direction() {
        requireSingleObjective("direction()", "directions()");
        return direction;
    }

    /** The directions, one per objective; one for a single-objective study. */
    public List<Direction> directions() {
        return directions;
    }

    /** Whether the study has more than one objective. */
    public boolean isMultiObjective() {
        return directions.size() > 1;
    }

    private void requireSingleObjective(String call, String instead) {
        if (directions.size() > 1) {
            throw new IllegalStateException("study '" + name + "' has " + directions.size() + " objectives (directions "
                    + directions + "), so " + call + " is not defined; use " + instead);
        }
    }

    /** The sampler proposing parameters. */
    public Sampler sampler() {
        return sampler;
    }

    /** The pruner stopping trials early. */
    public Pruner pruner() {
        return pruner;
    }

    /** Where trials are kept. */
    public Storage storage() {
        return storage;
    }

    /** The study seed (trial seeds and Hyperband brackets derive from it). */
    public long seed() {
        return seed;
    }

    /**
     * The trials of the past studies this study was warm-started from ({@link Builder#warmStartFrom}),
     * one list per past study, for samplers that use them as a prior; empty without a warm start or
     * when {@link Builder#warmStartSampler(boolean)} is false.
     */
    public List<List<FrozenTrial>> pastStudies() {
        return pastStudies;
    }

    /** The clock that stamps elapsed time for budgets. */
    public Clock clock() {
        return clock;
    }

    /**
     * The lag of a reproducible study ({@link Builder#reproducible(int)}), empty if it is not
     * reproducible.
     */
    public OptionalInt reproducibleLag() {
        return horizon == null ? OptionalInt.empty() : OptionalInt.of(horizon.lag());
    }

    /**
     * All trials, ordered by number. While a reproducible study calls its sampler or pruner for
     * trial n, that call sees trial n's view instead (see {@link Builder#reproducible(int)}); so do
     * {@link #trials(TrialState, TrialState...)} and {@link #bestTrial()}.
     */
    public List<FrozenTrial> trials() {
        return trials(Set.of());
    }

    /** The trials in the given states, ordered by number (trial n's view, as {@link #trials()} says). */
    public List<FrozenTrial> trials(TrialState first, TrialState... rest) {
        return trials(EnumSet.of(first, rest));
    }

    private List<FrozenTrial> trials(Set<TrialState> states) {
        Integer number = horizon == null ? null : seenBy.get();
        if (number == null) {
            return storage.trials(id, states);
        }
        return horizon.view(storage.trials(id, Set.of()), number, states);
    }

    /**
     * Runs a sampler or pruner call made for trial {@code number}: in a reproducible study, the
     * study's trial lists answer with that trial's view while it runs (on this thread).
     */
    <T> T seenBy(int number, Supplier<T> call) {
        if (horizon == null) {
            return call.get();
        }
        Integer before = seenBy.get();
        seenBy.set(number);
        try {
            return call.get();
        } finally {
            if (before == null) {
                seenBy.remove();
            } else {
                seenBy.set(before);
            }
        }
    }

    /**
     * The best feasible COMPLETE trial (the first of equals); throws IllegalStateException if there
     * is none, and on a multi-objective study, whose best trials are {@link #bestTrials()}.
     */
    public FrozenTrial bestTrial() {
        requireSingleObjective("bestTrial()", "bestTrials(), the Pareto front");
        FrozenTrial best = direction.best(feasible(trials(TrialState.COMPLETE)));
        if (best == null) {
            throw new IllegalStateException("study '" + name + "' has no feasible COMPLETE trial yet");
        }
        return best;
    }

    /** The best value; throws IllegalStateException if no trial completed, and on a multi-objective study. */
    public double bestValue() {
        return bestTrial().value();
    }

    /**
     * The best trials, ordered by number: for several objectives, the Pareto front of the feasible
     * COMPLETE trials (those no other of them dominates: at least as good in every objective and
     * better in one; trials with equal values are all in it); for one objective, the feasible
     * COMPLETE trials with the best value, {@link #bestTrial()} first. A trial with a NaN value is
     * never in it. Empty when no feasible trial completed.
     */
    public List<FrozenTrial> bestTrials() {
        List<FrozenTrial> candidates = new ArrayList<>();
        for (FrozenTrial t : feasible(trials(TrialState.COMPLETE))) {
            double[] values = t.values();
            if (values != null && java.util.Arrays.stream(values).noneMatch(Double::isNaN)) {
                candidates.add(t);
            }
        }
        if (!isMultiObjective()) {
            FrozenTrial best = direction.best(candidates);
            return best == null ? List.of()
                    : candidates.stream().filter(t -> Double.compare(t.value(), best.value()) == 0).toList();
        }
        return ParetoTrials.front(candidates, directions);
    }

    private static List<FrozenTrial> feasible(List<FrozenTrial> trials) {
        return trials.stream().filter(FrozenTrial::isFeasible).toList();
    }

    /**
     * Queues a trial whose parameters are fixed (the rest are sampled), e.g. a known default
     * configuration to compare against. It runs before any newly sampled trial.
     */
    public void enqueueTrial(Map<String, ?> params) {
        Objects.requireNonNull(params, "params");
        storage.createTrial(id, TrialState.WAITING, Map.of(Trial.FIXED_PARAMS_ATTR, new LinkedHashMap<>(params)));
    }

    /**
     * Starts a trial: the oldest enqueued one if any, else a new one. Asks are serialised, so a
     * sampler sees the proposals of the trials asked before (system attribute
     * {@value #PROPOSED_PARAMS_ATTR}) even before their objective has suggested anything. In a
     * reproducible study it first waits until the trial's view is settled (see
     * {@link Builder#reproducible(int)}); it throws IllegalStateException if it would wait for a
     * trial this thread asked and has not told.
     */
    public synchronized Trial ask() {
        return ask(null, () -> false);
    }

    /**
     * As {@link #ask()}; with a limit, null when the study already holds that many trials that
     * count. A reproducible ask that must wait for earlier trials gives up, and returns null, once
     * {@code giveUp} says so; its trial is then finished as FAIL and does not count.
     */
    private synchronized Trial ask(Integer studyTrialLimit, BooleanSupplier giveUp) {
        if (!settingsRecorded) {
            // on the first trial, not at build(): a study built only to be read must not change them
            storage.setStudySystemAttr(id, SAMPLER_ATTR, sampler.name());
            storage.setStudySystemAttr(id, SAMPLER_SETTINGS_ATTR, sampler.settings());
            storage.setStudySystemAttr(id, PRUNER_ATTR, pruner.settings());
            if (horizon != null || storage.studySystemAttrs(id).get(REPRODUCIBLE_ATTR) != null) {
                storage.setStudySystemAttr(id, REPRODUCIBLE_ATTR, horizon == null ? null : horizon.lag());
            }
            settingsRecorded = true;
        }
        Instant now = clock.instant();
        if (lastDeadTrialCheck == null || !now.isBefore(lastDeadTrialCheck.plus(heartbeatInterval))) {
            lastDeadTrialCheck = now;
            liveness.failDead(this, deadTrialGrace, deadTrialRetries, false, t -> true);
        }
        FrozenTrial created = storage.claimWaitingTrial(id).orElse(null);
        if (created == null) {
            created = studyTrialLimit == null ? storage.createTrial(id, TrialState.RUNNING, Map.of())
                    : storage.createTrialWithinLimit(id, studyTrialLimit).orElse(null);
            if (created == null) {
                return null;
            }
        }
        long trialSeed = Seeds.trialSeed(seed, created.number());
        storage.setTrialSystemAttr(created.id(), Trial.SEED_ATTR, trialSeed);
        storage.setTrialSystemAttr(created.id(), "sampler", sampler.name());
        storage.setTrialSystemAttr(created.id(), "pruner", pruner.name());
        storage.setTrialSystemAttr(created.id(), PROVENANCE_ATTR, provenance(trialSeed));
        liveness.started(created.id());
        if (horizon != null && !awaitView(created, giveUp)) {
            return null;
        }
        int number = created.number();
        long trialId = created.id();
        seenBy(number, () -> {
            sampler.beforeTrial(this, storage.getTrial(trialId));
            return null;
        });
        FrozenTrial frozen = storage.getTrial(created.id());
        Map<String, Distribution> space = seenBy(number, () -> sampler.inferRelativeSearchSpace(this, frozen));
        Map<String, Object> relative = space.isEmpty() ? Map.of()
                : seenBy(number, () -> sampler.sampleRelative(this, frozen, space));
        if (!relative.isEmpty()) {
            storage.setTrialSystemAttr(created.id(), PROPOSED_PARAMS_ATTR, new LinkedHashMap<>(relative));
        }
        if (horizon != null) {
            List<String> asked = new ArrayList<>(storage.getTrial(created.id()).systemAttrs().keySet());
            asked.removeIf(name -> !TrialHorizon.fixedAtAsk(name));
            storage.setTrialSystemAttr(created.id(), ASKED_ATTR, asked);
            askedBy.put(created.id(), Thread.currentThread());
        }
        return new Trial(this, frozen, trialSeed, space, relative);
    }

    /** What a trial was proposed by: the seeds, the sampler's and pruner's settings, and the builder's facts. */
    private Map<String, Object> provenance(long trialSeed) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("study_seed", seed);
        p.put("trial_seed", trialSeed);
        p.put("sampler", sampler.settings());
        p.put("pruner", pruner.settings());
        p.putAll(provenance);
        return p;
    }

    /**
     * Waits, holding the study's monitor (a tell does not need it), until trial {@code trial}'s
     * view is settled: looks at storage again whenever a trial of this study object finishes, and
     * at least every {@value #MAX_POLL_MILLIS} ms for trials of other processes, which it also
     * checks for dead ones. Returns false, with the trial finished as FAIL, if {@code giveUp} says
     * so first; throws, likewise, if the wait could never end or the thread is interrupted.
     */
    private boolean awaitView(FrozenTrial trial, BooleanSupplier giveUp) {
        long pause = 1;
        while (true) {
            long seen = finishes.get();
            FrozenTrial blocking = horizon.blocking(storage.trials(id, Set.of()), trial.number());
            if (blocking == null) {
                return true;
            }
            if (askedBy.get(blocking.id()) == Thread.currentThread()) {
                String why = "reproducible(lag=" + horizon.lag() + "): trial " + trial.number() + " needs trial "
                        + blocking.number() + " finished, but this thread asked trial " + blocking.number()
                        + " and has not told it; ask at most lag + 1 trials ahead of the last one told";
                abandon(trial, why);
                throw new IllegalStateException(why);
            }
            if (giveUp.getAsBoolean()) {
                abandon(trial, "the study stopped while the trial waited for trial " + blocking.number());
                return false;
            }
            Instant now = clock.instant();
            if (!now.isBefore(lastDeadTrialCheck.plus(heartbeatInterval))) {
                lastDeadTrialCheck = now;
                liveness.failDead(this, deadTrialGrace, deadTrialRetries, false, t -> true);
            }
            try {
                synchronized (finishSignal) {
                    if (finishes.get() == seen) {
                        finishSignal.wait(pause);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abandon(trial, "interrupted while the trial waited for trial " + blocking.number());
                throw new IllegalStateException("interrupted while trial " + trial.number() + " waited for trial "
                        + blocking.number(), e);
            }
            pause = Math.min(MAX_POLL_MILLIS, 2 * pause);
        }
    }

    /** Finishes a trial that never ran as FAIL, not counting toward trial limits. */
    private void abandon(FrozenTrial trial, String why) {
        LOG.debug("Trial {} abandoned: {}", trial.number(), why);
        liveness.finished(trial.id());
        storage.setTrialSystemAttr(trial.id(), FAIL_REASON_ATTR, why);
        storage.setTrialSystemAttr(trial.id(), Storage.DIED_ATTR, true);
        storage.finishTrial(trial.id(), TrialState.FAIL, null);
        signalFinish();
    }

    private void signalFinish() {
        finishes.incrementAndGet();
        synchronized (finishSignal) {
            finishSignal.notifyAll();
        }
    }

    /**
     * Finishes a trial as COMPLETE with {@code value}; NaN finishes it as FAIL. A multi-objective
     * study refuses it (IllegalArgumentException): give one value per objective to
     * {@link #tell(Trial, double[])}.
     */
    public FrozenTrial tell(Trial trial, double value) {
        requireValueCount("tell(trial, value)", 1);
        if (Double.isNaN(value)) {
            trial.setSystemAttr(FAIL_REASON_ATTR, "the objective returned NaN");
            return finish(trial, TrialState.FAIL, null);
        }
        return finish(trial, TrialState.COMPLETE, value);
    }

    /**
     * Finishes a trial as COMPLETE with one value per objective (their order that of
     * {@link #directions()}); a NaN among them finishes it as FAIL, naming the objective. Values of
     * another count than the study's objectives are refused with IllegalArgumentException, the trial
     * left running. On a single-objective study it is {@link #tell(Trial, double)} of the one value.
     */
    public FrozenTrial tell(Trial trial, double[] values) {
        Objects.requireNonNull(values, "values");
        requireValueCount("tell(trial, values)", values.length);
        if (!isMultiObjective()) {
            return tell(trial, values[0]);
        }
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                trial.setSystemAttr(FAIL_REASON_ATTR, "the objective returned NaN for objective " + i + " ("
                        + directions.get(i) + ") in " + java.util.Arrays.toString(values));
                return finish(trial, TrialState.FAIL, null);
            }
        }
        trial.setSystemAttr(VALUES_ATTR, toList(values));
        return finish(trial, TrialState.COMPLETE, values[0]);
    }

    /** Refuses {@code count} values for a study of another number of objectives, naming both. */
    void requireValueCount(String call, int count) {
        if (count != directions.size()) {
            throw new IllegalArgumentException(call + " gives " + count + " value" + (count == 1 ? "" : "s")
                    + ", but study '" + name + "' has " + directions.size() + " objective"
                    + (directions.size() == 1 ? "" : "s") + " (directions " + directions + ")"
                    + (directions.size() > 1 && count == 1 ? "; give one value per objective" : ""));
        }
    }

    static List<Double> toList(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return list;
    }

    /**
     * Finishes a trial as PRUNED (its value is the last reported one; a multi-objective trial's
     * values those of its last report) or FAIL. COMPLETE needs a value: use
     * {@link #tell(Trial, double)} or {@link #tell(Trial, double[])}.
     */
    public FrozenTrial tell(Trial trial, TrialState state) {
        Requires.argument(state == TrialState.PRUNED || state == TrialState.FAIL, () ->
                "tell(trial, state) takes PRUNED or FAIL, but got " + state
                        + (state == TrialState.COMPLETE ? "; a COMPLETE trial needs tell(trial, value)" : ""));
        Double value = null;
        if (state == TrialState.PRUNED) {
            FrozenTrial frozen = trial.frozen();
            value = frozen.intermediateValues().isEmpty() ? null : frozen.intermediateValues().lastEntry().getValue();
            if (isMultiObjective() && !frozen.stepValues().isEmpty()) {
                trial.setSystemAttr(VALUES_ATTR, toList(frozen.stepValues().lastEntry().getValue()));
            }
        }
        return finish(trial, state, value);
    }

    private FrozenTrial finish(Trial trial, TrialState state, Double value) {
        Requires.argument(trial.study() == this, () -> "trial " + trial.number() + " belongs to another study");
        FrozenTrial before = trial.frozen();
        if (before.isFinished()) {
            throw new IllegalStateException("trial " + before.number() + " is already " + before.state());
        }
        sampler.afterTrial(this, before, state, value);
        liveness.finished(trial.id());
        storage.finishTrial(trial.id(), state, value);
        askedBy.remove(trial.id());
        if (horizon != null) {
            signalFinish();
        }
        FrozenTrial after = trial.frozen();
        logFinished(after);
        for (Consumer<FrozenTrial> callback : callbacks) {
            callback.accept(after);
        }
        return after;
    }

    private void logFinished(FrozenTrial t) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        String best;
        if (isMultiObjective()) {
            List<FrozenTrial> front = bestTrials();
            best = front.isEmpty() ? "no feasible trial completed yet"
                    : "the Pareto front holds " + front.size() + " trial" + (front.size() == 1 ? "" : "s");
        } else {
            try {
                FrozenTrial b = bestTrial();
                best = "best is trial " + b.number() + " with value " + b.value();
            } catch (IllegalStateException none) {
                best = "no trial completed yet";
            }
        }
        String reason = t.state() == TrialState.FAIL ? " (" + t.systemAttrs().get(FAIL_REASON_ATTR) + ")" : "";
        Object value = isMultiObjective() && t.values() != null ? java.util.Arrays.toString(t.values()) : t.value();
        LOG.info("Trial {} {} with value{} {} at step {}{}, params {}; {}", t.number(), t.state(),
                isMultiObjective() ? "s" : "", value, t.lastStep(), reason, t.params(), best);
    }

    /**
     * Finishes as FAIL every RUNNING trial whose process died (gone from this host, or silent for
     * longer than the grace period), enqueueing its parameters again if retries are allowed;
     * returns them. The caller reports them: they are logged at DEBUG only, so a user sees each
     * once. {@link #ask()} does this at most once per heartbeat interval by itself, and logs each
     * dead trial it finds at WARN.
     */
    public synchronized List<FrozenTrial> failDeadTrials() {
        lastDeadTrialCheck = clock.instant();
        return liveness.failDead(this, deadTrialGrace, deadTrialRetries, true, t -> true);
    }

    /**
     * As {@link #failDeadTrials()}, for the dead trials {@code which} accepts only: a run whose worker
     * JVM crashed fails that worker's trial and leaves the others a killed run left for its workers
     * to continue.
     */
    public synchronized List<FrozenTrial> failDeadTrials(java.util.function.Predicate<FrozenTrial> which) {
        Requires.argument(which != null, "failDeadTrials needs a predicate, but got null");
        return liveness.failDead(this, deadTrialGrace, deadTrialRetries, true, which);
    }

    /**
     * The RUNNING trials whose process died (as {@link #failDeadTrials()} decides), left as they are,
     * that an {@code optimize} call with a {@link ContinuableObjective} takes over and continues (those
     * continued {@value #MAX_TAKEOVERS} times already are failed instead, and not listed).
     */
    public List<FrozenTrial> deadTrials() {
        return liveness.continuableDead(this, deadTrialGrace);
    }

    /** Asks the running {@link #optimize} calls to start no more trials. */
    public void stop() {
        stopRequested = true;
    }

    /**
     * Whether {@link #stop()} was called, or the terminator stopped the study, since the current
     * optimize call began. The terminator is asked here too (once per newly finished trial), so a
     * {@link Scheduler} that checks this before each job stops where {@code optimize} would.
     */
    public boolean isStopping() {
        return stopRequested || terminated();
    }

    /** The terminator, if the study has one. */
    public java.util.Optional<Terminator> terminator() {
        return java.util.Optional.ofNullable(terminator);
    }

    /**
     * Why the terminator ended the latest optimize call (the {@code reason} of
     * {@value #STOP_REASON_ATTR}, prefixed by the terminator's name), or empty if it did not.
     */
    public java.util.Optional<String> stopReason() {
        if (storage.studySystemAttrs(id).get(STOP_REASON_ATTR) instanceof Map<?, ?> stop) {
            return java.util.Optional.of(stop.get("terminator") + ": " + stop.get("reason"));
        }
        return java.util.Optional.empty();
    }

    /**
     * Asks the terminator, once per newly finished trial; when it answers, records why, stops the
     * study and returns true.
     */
    private boolean terminated() {
        if (terminator == null) {
            return false;
        }
        List<FrozenTrial> finished = storage.trials(id, EnumSet.of(TrialState.COMPLETE, TrialState.PRUNED,
                TrialState.FAIL));
        if (finished.size() == finishedAtTerminatorCheck) {
            return false;
        }
        java.util.Optional<String> why = terminator.reasonToStop(this);
        if (why.isEmpty()) {
            finishedAtTerminatorCheck = finished.size();
            return false;
        }
        int last = finished.stream().mapToInt(FrozenTrial::number).max().orElse(-1);
        Map<String, Object> stop = new LinkedHashMap<>();
        stop.put("terminator", terminator.name());
        stop.put("reason", why.get());
        stop.put("trial", last);
        stop.put("complete_trials", finished.stream().filter(t -> t.state() == TrialState.COMPLETE).count());
        stop.put("settings", terminator.settings());
        storage.setStudySystemAttr(id, STOP_REASON_ATTR, stop);
        LOG.info("Study '{}' stops after trial {}: {}", name, last, why.get());
        stopRequested = true;
        return true;
    }

    /** Starts an optimize call: no stop requested, and no stop reason left from an earlier call. */
    private void beginRun() {
        stopRequested = false;
        finishedAtTerminatorCheck = -1;
        if (terminator != null && storage.studySystemAttrs(id).get(STOP_REASON_ATTR) != null) {
            storage.setStudySystemAttr(id, STOP_REASON_ATTR, null);
        }
    }

    /**
     * As {@link #ask()}, but null when the study already holds {@code studyTrialLimit} trials that
     * count ({@link Budget#studyTrials(int)}: every trial but those whose process died).
     */
    public synchronized Trial askWithin(int studyTrialLimit) {
        return ask(studyTrialLimit, () -> false);
    }

    /**
     * Pauses a RUNNING trial this study object runs ({@link TrialState#PAUSED}): a scheduler stops
     * it at a rung and keeps it, its training state checkpointed by the objective, until it resumes
     * it ({@link #resume(FrozenTrial)}, in this process or another) or prunes it. Its heartbeat stops
     * and dead-process checks leave it alone. Returns its snapshot.
     */
    public FrozenTrial pause(Trial trial) {
        Requires.argument(trial.study() == this, () -> "trial " + trial.number() + " belongs to another study");
        liveness.finished(trial.id());
        if (!storage.moveTrial(trial.id(), TrialState.RUNNING, TrialState.PAUSED)) {
            throw new IllegalStateException("trial " + trial.number() + " is " + trial.frozen().state()
                    + ", not RUNNING, so it cannot be paused");
        }
        return trial.frozen();
    }

    /**
     * Resumes a PAUSED trial: it is RUNNING again, run by this process, with the parameters it had
     * (its objective continues it from its checkpoint). Null when it is no longer PAUSED: another
     * worker resumed or finished it first.
     */
    public Trial resume(FrozenTrial paused) {
        Requires.argument(paused != null, "resume needs a trial, but got null");
        if (!storage.moveTrial(paused.id(), TrialState.PAUSED, TrialState.RUNNING)) {
            return null;
        }
        return hold(storage.getTrial(paused.id()));
    }

    /**
     * Takes over the study's RUNNING trials that nobody trains any more and that {@code which}
     * accepts: those whose process died (gone from this host, or silent past the grace period), and
     * those an earlier study object in this process left RUNNING. They stay RUNNING, are run by this
     * process from now on, and are returned in number order, so that a scheduler continues them
     * from their checkpoints instead of losing them. Run it before the first {@link #ask()}, which
     * fails dead trials; and from one process at a time.
     */
    public synchronized List<Trial> adoptOrphans(java.util.function.Predicate<FrozenTrial> which) {
        List<Trial> adopted = new ArrayList<>();
        for (FrozenTrial t : storage.trials(id, EnumSet.of(TrialState.RUNNING))) {
            if (!which.test(t)) {
                continue;
            }
            java.util.Optional<String> why = liveness.orphanOf(t, deadTrialGrace);
            if (why.isPresent()) {
                LOG.info("Trial {} taken over by this process: {}", t.number(), why.get());
                adopted.add(hold(t));
            }
        }
        return adopted;
    }

    /**
     * Takes over one RUNNING trial whose process died (as {@link #failDeadTrials()} decides), claimed
     * in storage so that no other process takes it or fails it too; null when there is none.
     */
    private synchronized Trial takeOverDeadTrial() {
        return liveness.takeOverDead(this, deadTrialGrace).map(this::hold).orElse(null);
    }

    /** A trial object for a stored RUNNING trial, with the seed it was asked with, run by this process from now on. */
    private Trial hold(FrozenTrial t) {
        long trialSeed = t.systemAttrs().get(Trial.SEED_ATTR) instanceof Number n ? n.longValue()
                : Seeds.trialSeed(seed, t.number());
        liveness.started(t.id());
        return new Trial(this, storage.getTrial(t.id()), trialSeed, Map.of(), Map.of());
    }

    /**
     * Runs a {@link ResumableObjective} under the study's pruner when that pruner is a
     * {@link Scheduler} (promotion ASHA, synchronous Hyperband, {@code Pruners.auto}): the scheduler picks which trial
     * trains next and to how many epochs, pauses trials at rungs and resumes them from their
     * checkpoints, {@code parallelTrials} at a time, until the budget or the schedule ends, or the
     * study's terminator stops it (asked after each finished trial, as in {@code optimize}; paused
     * trials stay paused, for a later run). A study resumed on the same storage continues where the
     * last run stopped. Any other pruner is refused:
     * give a plain {@link Objective} to {@link #optimize(Objective, Budget, int)} instead.
     *
     * <pre>{@code
     * Study study = Study.builder().storage(sqlite).pruner(Pruners.promotionAsha(1, 27, 3)).build();
     * study.optimizeResumable((trial, epochs) -> trainTo(trial, epochs), Budget.trials(60), 4);
     * }</pre>
     */
    public void optimizeResumable(ResumableObjective objective, Budget budget, int parallelTrials) {
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(budget, "budget");
        Requires.atLeast("parallelTrials", parallelTrials, 1);
        if (!(pruner instanceof Scheduler scheduler)) {
            throw new IllegalArgumentException("optimizeResumable needs a pruner that schedules trials"
                    + " (Pruners.promotionAsha, Pruners.synchronousHyperband, Pruners.auto), but the study's pruner is "
                    + pruner.name() + "; give a plain Objective to optimize(objective, budget, parallelTrials) instead");
        }
        Requires.argument(horizon == null, () -> "a scheduler decides from the order rungs fill in, which a"
                + " reproducible study does not fix; build study '" + name + "' without reproducible(...)");
        beginRun();
        scheduler.run(this, objective, budget, parallelTrials);
    }

    /** Runs {@code nTrials} trials one after another. */
    public void optimize(Objective objective, int nTrials) {
        optimize(objective, Budget.trials(nTrials), 1);
    }

    /** Runs {@code nTrials} trials, {@code parallelTrials} at a time in threads of this JVM. */
    public void optimize(Objective objective, int nTrials, int parallelTrials) {
        optimize(objective, Budget.trials(nTrials), parallelTrials);
    }

    /** Runs trials one after another until the budget is exhausted. */
    public void optimize(Objective objective, Budget budget) {
        optimize(objective, budget, 1);
    }

    /**
     * Runs trials, {@code parallelTrials} at a time, until the budget is exhausted, the sampler
     * has nothing left to propose, or {@link #stop()} is called. An objective's exception ends its
     * trial as FAIL and the study goes on; an {@link Error} (out of memory, ...) ends the trial as
     * FAIL and is rethrown once the other running trials have finished.
     */
    public void optimize(Objective objective, Budget budget, int parallelTrials) {
        optimize(objective, budget, parallelTrials, null);
    }

    /**
     * As {@link #optimize(Objective, Budget, int)}, with the threads that run the trials made by
     * {@code threads}: e.g. threads that pin themselves to a GPU before their first trial. With null,
     * named daemon threads, and a single trial at a time runs in the calling thread.
     */
    public void optimize(Objective objective, Budget budget, int parallelTrials, ThreadFactory threads) {
        Objects.requireNonNull(objective, "objective");
        if (isMultiObjective()) {
            throw new IllegalArgumentException("an Objective returns one value, but study '" + name + "' has "
                    + directions.size() + " objectives (directions " + directions + "); give a MultiObjective that"
                    + " returns one value per objective");
        }
        boolean continueDead = objective instanceof ContinuableObjective c && c.continuesTrials(this);
        run(trial -> runTrial(objective, trial), budget, parallelTrials, threads, continueDead);
    }

    /**
     * Runs {@code nTrials} trials of a multi-objective {@code objective}, one after another or
     * {@code parallelTrials} at a time (one value at most; default 1) in threads of this JVM. The
     * count is a variable argument only so that {@code optimize(trial -> ..., 100)} with a lambda
     * stays the single-objective call; write {@code optimize(objective, 100)} or
     * {@code optimize(objective, 100, 4)}.
     */
    public void optimize(MultiObjective objective, int nTrials, int... parallelTrials) {
        optimize(objective, Budget.trials(nTrials), parallelTrials);
    }

    /**
     * Runs trials of a multi-objective {@code objective} until the budget is exhausted, the sampler
     * has nothing left to propose, or {@link #stop()} is called; {@code parallelTrials} (one value
     * at most; default 1) at a time. As {@link #optimize(Objective, Budget, int)} otherwise: the same
     * trial loop, budgets and failure handling.
     */
    public void optimize(MultiObjective objective, Budget budget, int... parallelTrials) {
        Requires.argument(parallelTrials.length <= 1, () -> "parallelTrials takes at most one value, but got "
                + parallelTrials.length + ": " + java.util.Arrays.toString(parallelTrials));
        optimize(objective, budget, null, parallelTrials.length == 0 ? 1 : parallelTrials[0]);
    }

    /**
     * As {@link #optimize(MultiObjective, Budget, int...)}, with the threads that run the trials made
     * by {@code threads} (null: named daemon threads, and a single trial at a time runs in the
     * calling thread). The thread factory comes before the count so that no call is ambiguous with
     * {@link #optimize(Objective, Budget, int, ThreadFactory)}.
     */
    public void optimize(MultiObjective objective, Budget budget, ThreadFactory threads, int parallelTrials) {
        Objects.requireNonNull(objective, "objective");
        run(trial -> runMultiObjectiveTrial(objective, trial), budget, parallelTrials, threads, false);
    }

    /**
     * The trial loop of every optimize call: {@code runner} runs one asked trial to its end and stores
     * it. With {@code continueDead}, a worker first takes over a trial whose process died, if any
     * ({@link ContinuableObjective}), and asks a new one only when there is none.
     */
    private void run(java.util.function.Function<Trial, FrozenTrial> runner, Budget budget, int parallelTrials,
            ThreadFactory threads, boolean continueDead) {
        Objects.requireNonNull(budget, "budget");
        Requires.atLeast("parallelTrials", parallelTrials, 1);
        beginRun();
        Run run = new Run(budget, clock.instant(), stepsReported.get(), continueDead);
        if (parallelTrials == 1 && threads == null) {
            run.work(runner);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(parallelTrials,
                threads != null ? threads : new WorkerThreads(name));
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < parallelTrials; i++) {
                workers.add(pool.submit(() -> run.work(runner)));
            }
            Throwable failure = null;
            for (Future<?> worker : workers) {
                try {
                    worker.get();
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop();
                    throw new IllegalStateException("interrupted while waiting for trials", e);
                }
            }
            Unchecked.rethrow(failure);
        } finally {
            pool.shutdown();
        }
    }

    /** Runs one trial of {@code objective} to its end and stores the outcome. */
    public FrozenTrial runTrial(Objective objective, Trial trial) {
        return runToEnd(trial, () -> objective.evaluate(trial), value -> tell(trial, value));
    }

    /**
     * Evaluates a trial and tells its result, or PRUNED when it was pruned, or FAIL with the
     * exception; an Error is told as FAIL and thrown on.
     */
    private <R> FrozenTrial runToEnd(Trial trial, java.util.concurrent.Callable<R> evaluate,
            java.util.function.Function<R, FrozenTrial> tellResult) {
        R result;
        try {
            result = evaluate.call();
        } catch (TrialPrunedException e) {
            return tell(trial, TrialState.PRUNED);
        } catch (Exception e) {
            return tellFailure(trial, e);
        } catch (Error e) {
            tellFailure(trial, e);
            throw e;
        }
        return tellResult.apply(result);
    }

    /**
     * Runs one trial of a multi-objective {@code objective} to its end and stores the outcome: values
     * of another count than the study's objectives, or a NaN among them, end it as FAIL with a
     * reason naming them.
     */
    private FrozenTrial runMultiObjectiveTrial(MultiObjective objective, Trial trial) {
        return runToEnd(trial, () -> objective.evaluate(trial), values -> tellValues(trial, values));
    }

    /** Tells a multi-objective trial's values, or FAIL naming them when they do not fit the study. */
    private FrozenTrial tellValues(Trial trial, double[] values) {
        if (values == null || values.length != directions.size()) {
            trial.setSystemAttr(FAIL_REASON_ATTR, "the objective returned " + (values == null ? "null"
                    : values.length + " values " + java.util.Arrays.toString(values)) + ", but study '" + name
                    + "' has " + directions.size() + " objectives (directions " + directions + ")");
            return finish(trial, TrialState.FAIL, null);
        }
        return tell(trial, values);
    }

    /** Finishes a trial as FAIL, keeping the exception's message and stack trace. */
    public FrozenTrial tellFailure(Trial trial, Throwable e) {
        String message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        trial.setSystemAttr(FAIL_REASON_ATTR, message);
        trial.setSystemAttr(FAIL_TRACE_ATTR, trace.toString());
        LOG.warn("Trial {} failed: {}", trial.number(), message);
        return finish(trial, TrialState.FAIL, null);
    }

    /** Counts a reported step (for step budgets) and tells the step listeners. */
    void reported(int trialNumber, int step, double value) {
        stepsReported.incrementAndGet();
        for (StepListener listener : stepListeners) {
            listener.reported(trialNumber, step, value);
        }
    }

    /** One optimize call: its budget and counters, shared by its worker threads. */
    private final class Run {
        private final Budget budget;
        private final Instant startedAt;
        private final long stepsAtStart;
        private final AtomicInteger started = new AtomicInteger();
        private final AtomicInteger finished = new AtomicInteger();
        private final AtomicInteger consecutiveFailures = new AtomicInteger();
        private volatile boolean failed;
        /** Whether workers take over dead trials before asking new ones. */
        private final boolean continueDead;

        Run(Budget budget, Instant startedAt, long stepsAtStart, boolean continueDead) {
            this.budget = budget;
            this.startedAt = startedAt;
            this.stepsAtStart = stepsAtStart;
            this.continueDead = continueDead;
        }

        /** Whether a trial may start (a new one needs a sampler with proposals left); if so, counts it. */
        private synchronized boolean tryStart(boolean newTrial) {
            Budget.Progress progress = new Budget.Progress(started.get(), finished.get(),
                    stepsReported.get() - stepsAtStart, Duration.between(startedAt, clock.instant()));
            if (stopRequested || failed || budget.isExhausted(progress)
                    || (newTrial && sampler.isExhausted(Study.this)) || terminated()) {
                return false;
            }
            started.incrementAndGet();
            return true;
        }

        /** Whether a trial already started, but waiting for its view, should not run after all. */
        private boolean shouldGiveUp() {
            Budget.Progress progress = new Budget.Progress(started.get() - 1, finished.get(),
                    stepsReported.get() - stepsAtStart, Duration.between(startedAt, clock.instant()));
            return stopRequested || failed || budget.isExhausted(progress);
        }

        private void checkConsecutiveFailures(FrozenTrial outcome) {
            int failures = outcome.state() == TrialState.FAIL ? consecutiveFailures.incrementAndGet() : 0;
            if (outcome.state() != TrialState.FAIL) {
                consecutiveFailures.set(0);
            }
            if (maxConsecutiveFailures > 0 && failures >= maxConsecutiveFailures) {
                throw new TooManyFailuresException(failures, outcome);
            }
        }

        void work(java.util.function.Function<Trial, FrozenTrial> runner) {
            while (true) {
                Trial trial;
                // checking the budget and the sampler, and asking, as one step: a worker that may start
                // a trial gets one that no other worker of this study holds (the last grid point, ...)
                synchronized (Study.this) {
                    // a trial a dead process left counts as the trial it is: within a study-wide limit already
                    trial = null;
                    if (continueDead && tryStart(false)) {
                        trial = takeOverDeadTrial();
                        if (trial == null) {
                            started.decrementAndGet();
                        }
                    }
                    if (trial == null) {
                        if (!tryStart(true)) {
                            return;
                        }
                        OptionalInt limit = budget.studyTrialLimit();
                        trial = ask(limit.isPresent() ? limit.getAsInt() : null, this::shouldGiveUp);
                        if (trial == null) {
                            started.decrementAndGet();
                            return;
                        }
                    }
                }
                try {
                    FrozenTrial outcome = runner.apply(trial);
                    checkConsecutiveFailures(outcome);
                } catch (RuntimeException | Error e) {
                    failed = true;
                    throw e;
                } finally {
                    finished.incrementAndGet();
                }
            }
        }
    }

    /** Builder of a {@link Study}. */
    public static final class Builder {
        private String name = "study";
        private Direction direction;
        private List<Direction> directions;
        private Sampler sampler;
        private Pruner pruner = Pruners.none();
        private Storage storage;
        private Long seed;
        private Clock clock = Clock.systemUTC();
        private final List<Consumer<FrozenTrial>> callbacks = new ArrayList<>();
        private final List<StepListener> stepListeners = new ArrayList<>();
        private Duration heartbeatInterval = Duration.ofSeconds(10);
        private Duration deadTrialGrace;
        private int deadTrialRetries;
        private int maxConsecutiveFailures;
        private String metricName;
        private Map<String, Object> provenance = Map.of();
        private Integer reproducibleLag;
        private Terminator terminator;
        private final List<WarmStart.PastStudy> pastStudies = new ArrayList<>();
        private int warmStartTop = DEFAULT_WARM_START_TOP;
        private boolean warmStartSampler = true;

        private Builder() {
        }

        /**
         * Warm-starts the study from a past study's trials on the same search space (call it again
         * for more past studies). Two things happen, both measured by {@code benchmarks/run
         * warmstart} (docs/benchmarks.md):
         * <ol>
         *   <li>The past study's best {@link #warmStartTop(int)} complete configurations (default
         *       {@value Study#DEFAULT_WARM_START_TOP}) are enqueued, once: a resumed study does not
         *       enqueue them again (study attribute {@value Study#WARM_START_ATTR}), and each records
         *       where it came from (trial attribute {@value Study#WARM_START_FROM_ATTR}).</li>
         *   <li>The sampler sees the past trials ({@link Study#pastStudies()}) unless
         *       {@link #warmStartSampler(boolean)} is false: TPE lets the past lead (CMA-ES from its
         *       best points on a numeric space, else weighted by how much its best region overlaps
         *       the current study's) until a rank test finds its trials no better than random probes, then drops it and
         *       runs as a cold study (see {@link org.dl4jtuner.tuner.sampler.TpeSampler.Builder#transfer(boolean)}), the GP uses a model of the past values as its prior mean, and
         *       CMA-ES starts its first run at the past study's best points. Other samplers ignore
         *       them.</li>
         * </ol>
         * An empty list changes nothing: the study runs as a cold one, proposal for proposal.
         *
         * <pre>{@code
         * List<FrozenTrial> past = Study.builder().name("march").storage(storage).build().trials();
         * Study april = Study.builder().name("april").storage(storage).sampler(Samplers.tpe(42))
         *         .warmStartFrom(past).build();
         * }</pre>
         */
        public Builder warmStartFrom(List<FrozenTrial> pastTrials) {
            return warmStartFrom("past-" + (pastStudies.size() + 1), pastTrials);
        }

        /** As {@link #warmStartFrom(List)}, naming the past study in the records. */
        public Builder warmStartFrom(String pastStudy, List<FrozenTrial> pastTrials) {
            Objects.requireNonNull(pastTrials, "pastTrials");
            pastStudies.add(new WarmStart.PastStudy(Requires.name("past study name", pastStudy), pastTrials));
            return this;
        }

        /** Past configurations enqueued per past study by a warm start (default {@value Study#DEFAULT_WARM_START_TOP}; 0: none). */
        public Builder warmStartTop(int top) {
            this.warmStartTop = Requires.atLeast("warmStartTop", top, 0);
            return this;
        }

        /** Whether a warm start hands the past trials to the sampler as a prior (default true). */
        public Builder warmStartSampler(boolean prime) {
            this.warmStartSampler = prime;
            return this;
        }

        /**
         * Makes the study reproducible with a lag of {@value Study#DEFAULT_REPRODUCIBLE_LAG} (true),
         * or not (false, the default). See {@link #reproducible(int)}.
         */
        public Builder reproducible(boolean reproducible) {
            this.reproducibleLag = reproducible ? DEFAULT_REPRODUCIBLE_LAG : null;
            return this;
        }

        /**
         * Makes the study reproducible: with the same seed, sampler, pruner, objective and budget,
         * trial n gets the same parameters, the same pruning decisions and so the same outcome,
         * however many trials run at a time ({@code optimize(objective, budget, 1, 2, 4, ...)}),
         * however the threads are scheduled, and when several processes run it on one storage.
         * Without it, a parallel study depends on which trials happen to have finished when each
         * is asked, and differs from run to run.
         *
         * <pre>{@code
         * Study study = Study.builder().seed(42).sampler(Samplers.tpe(42)).reproducible(4).build();
         * study.optimize(objective, 100, 2);   // the same 100 trials as with 1 or 4 at a time
         * }</pre>
         *
         * <p><b>What is fixed.</b> Everything the sampler and the pruner decide for trial n (the
         * joint proposal at its ask, each parameter its objective suggests, each
         * {@link Trial#shouldPrune()}) depends only on the trials numbered below {@code n - lag},
         * all finished, and on what the asks of trials {@code n - lag} to {@code n - 1} recorded
         * (their grid point, CMA-ES generation, jointly proposed parameters: a constant liar sees
         * those). Those trials are their <em>view</em>: while the study calls its sampler or
         * pruner for trial n, {@link Study#trials()} answers with it, so every strategy follows
         * the rule without knowing it. Samplers draw from generators seeded by (seed, trial
         * number, ...), and {@link Trial#seed()} too, so the rest follows. The objective must do
         * its part: be deterministic given the trial's parameters and seed (DL4J on CPU is, with
         * the seed set and one thread per trial's parallel loops), and report the same steps.
         *
         * <p><b>What it costs.</b> An ask of trial n waits until every trial below
         * {@code n - lag} has finished (and trial n - 1's ask is over): with {@code lag >= }
         * parallel trials {@code - 1} and trials of similar cost it seldom waits, but one slow
         * trial holds the others back once they are {@code lag + 1} numbers ahead of it. Waiting
         * goes through storage, so it works across processes: it looks again whenever a trial of
         * this study object finishes, and at least every 200 ms. The sampler also learns from
         * results later than without it: trial n never sees the last {@code lag} trials' results,
         * even when they are in. A reproducible run of lag L therefore equals a sequential
         * (parallel 1) reproducible run of lag L, not a plain sequential run, except at lag 0,
         * where trials run one after another whatever the parallelism.
         *
         * <p><b>What is not fixed.</b> Timestamps, durations, heartbeats and workers; a trial whose
         * process died, and what follows it; the study's history when {@link Study#stop()}, a time
         * budget or a failure ends a run while a trial waits (that trial is finished as FAIL and
         * does not count toward trial limits); a study resumed with another lag, sampler or
         * pruner. With a thread that asks several trials before telling any (as the synchronous
         * {@code Hyperband} scheduler does), an ask that would wait for a trial the same thread
         * holds throws IllegalStateException instead of waiting forever: ask at most
         * {@code lag + 1} trials ahead.
         *
         * @param lag how many of the latest trials trial n may not wait for, at least 0; 0 runs
         *            trials one after another
         */
        public Builder reproducible(int lag) {
            Requires.argument(lag >= 0, () -> "reproducible lag >= 0 must hold, but got lag=" + lag
                    + "; lag 0 runs trials one after another, " + DEFAULT_REPRODUCIBLE_LAG + " is the default");
            this.reproducibleLag = lag;
            return this;
        }

        /** How often a running trial's heartbeat is recorded (default 10 s). */
        public Builder heartbeatInterval(Duration interval) {
            Requires.argument(interval != null && !interval.isNegative() && !interval.isZero(), () ->
                    "heartbeatInterval > 0 must hold, but got heartbeatInterval=" + interval);
            this.heartbeatInterval = interval;
            return this;
        }

        /** How long a trial of another host may go without a heartbeat before it counts as dead (default 6 intervals). */
        public Builder deadTrialGrace(Duration grace) {
            Requires.argument(grace != null && !grace.isNegative() && !grace.isZero(), () ->
                    "deadTrialGrace > 0 must hold, but got deadTrialGrace=" + grace);
            this.deadTrialGrace = grace;
            return this;
        }

        /** Enqueue a dead trial's parameters again, up to this many times (default 0: only mark it FAIL). */
        public Builder retryDeadTrials(int retries) {
            this.deadTrialRetries = Requires.atLeast("retryDeadTrials", retries, 0);
            return this;
        }

        /** Stop optimize with a {@link TooManyFailuresException} after this many failed trials in a row (default 0: never). */
        public Builder maxConsecutiveFailures(int n) {
            this.maxConsecutiveFailures = Requires.atLeast("maxConsecutiveFailures", n, 0);
            return this;
        }

        /** The study name (default "study"); an existing study of that name is loaded. */
        public Builder name(String name) {
            this.name = Requires.name("study name", name);
            return this;
        }

        /** MINIMIZE (default for a new study) or MAXIMIZE. */
        public Builder direction(Direction direction) {
            this.direction = Objects.requireNonNull(direction, "direction");
            return this;
        }

        /**
         * One direction per objective: two or more make a multi-objective study (see {@link Study});
         * one is {@link #direction(Direction)}. Given at most once, not with {@link #direction}, and
         * not empty. Default for a new study: one objective, MINIMIZE; an existing study keeps its
         * directions, and asking for others is refused.
         */
        public Builder directions(Direction... directions) {
            Requires.argument(this.directions == null, () -> "directions were already given as " + this.directions
                    + ", but got directions " + java.util.Arrays.toString(directions) + " again; give them once");
            Requires.argument(directions != null && directions.length > 0, () -> "directions needs at least one"
                    + " direction, but got " + (directions == null ? "null" : "none"));
            for (int i = 0; i < directions.length; i++) {
                int index = i;
                Requires.argument(directions[i] != null, () -> "directions[" + index + "] must be MINIMIZE or MAXIMIZE,"
                        + " but got null in " + java.util.Arrays.toString(directions));
            }
            this.directions = List.of(directions);
            return this;
        }

        /** The directions asked for, null when neither direction nor directions was given. */
        private List<Direction> directions() {
            Requires.argument(direction == null || directions == null, () -> "give either direction or directions,"
                    + " but got direction " + direction + " and directions " + directions);
            return directions != null ? directions : direction != null ? List.of(direction) : null;
        }

        /** The sampler (default: random, seeded by the study seed). */
        public Builder sampler(Sampler sampler) {
            this.sampler = Objects.requireNonNull(sampler, "sampler");
            return this;
        }

        /** The pruner (default: none). */
        public Builder pruner(Pruner pruner) {
            this.pruner = Objects.requireNonNull(pruner, "pruner");
            return this;
        }

        /**
         * Ends {@link Study#optimize} early when the terminator says the study has found about as much
         * as it will (default: none): it is asked before each new trial, once per newly finished trial;
         * when it answers, no trial starts, running ones finish, and the study records why
         * ({@value Study#STOP_REASON_ATTR}, {@link Study#stopReason()}). {@link Study#optimizeResumable} asks
         * it too, before each job (synchronous Hyperband: before each bracket; paused trials stay paused); in a
         * reproducible study, where it stops is not fixed.
         *
         * <pre>{@code
         * Study.builder().terminator(Terminators.noImprovement(30)).build();
         * }</pre>
         */
        public Builder terminator(Terminator terminator) {
            this.terminator = Objects.requireNonNull(terminator, "terminator");
            return this;
        }

        /** The storage (default: a new in-memory storage). */
        public Builder storage(Storage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
            return this;
        }

        /**
         * What the objective's value is, e.g. "accuracy" ({@value Study#METRIC_NAME_ATTR} study attribute):
         * reports and the dashboard name their values with it. Default: not recorded ("value").
         */
        public Builder metricName(String metricName) {
            this.metricName = Objects.requireNonNull(metricName, "metricName");
            return this;
        }

        /**
         * Facts recorded in every trial's {@value Study#PROVENANCE_ATTR} attribute besides the seeds and
         * the strategies' settings: where the spec and the data came from, for example.
         */
        public Builder provenance(Map<String, ?> facts) {
            this.provenance = Map.copyOf(facts);
            return this;
        }

        /** The study seed (default: the stored one when resuming, else from the system timer). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The clock used for time budgets (default: the system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Called, in the thread that ran it, after each trial finishes. */
        public Builder callback(Consumer<FrozenTrial> callback) {
            callbacks.add(Objects.requireNonNull(callback, "callback"));
            return this;
        }

        /** Told every value a trial reports, after it is stored (e.g. a progress line per epoch). */
        public Builder onReport(StepListener listener) {
            stepListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Creates the study in storage, or loads it if the name exists there. */
        public Study build() {
            if (storage == null) {
                storage = new InMemoryStorage(clock);
            }
            if (sampler == null) {
                sampler = Samplers.random(seed != null ? seed : storedOrFreshSeed());
            }
            return new Study(this);
        }

        private long storedOrFreshSeed() {
            return storage.findStudy(name)
                    .map(r -> storage.studySystemAttrs(r.id()).get(SEED_ATTR))
                    .filter(Number.class::isInstance)
                    .map(n -> ((Number) n).longValue())
                    .orElseGet(() -> {
                        seed = System.nanoTime();
                        return seed;
                    });
        }
    }
}
