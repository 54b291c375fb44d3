package org.dl4jtuner.cli.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.dl4jtuner.cli.UserError;
import org.dl4jtuner.cli.spec.StudySpec;
import org.dl4jtuner.datasets.Fold;
import org.dl4jtuner.datasets.PreparedData;
import org.dl4jtuner.models.CustomNetwork;
import org.dl4jtuner.models.EarlyStopping;
import org.dl4jtuner.models.ModelFiles;
import org.dl4jtuner.models.Family;
import org.dl4jtuner.models.Metric;
import org.dl4jtuner.models.NetworkObjective;
import org.dl4jtuner.models.NetworkSpace;
import org.dl4jtuner.tuner.Budget;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.pruner.Pruner;
import org.dl4jtuner.tuner.sampler.Sampler;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.space.ParameterSpace;
import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.storage.StudyRecord;
import org.dl4jtuner.storage.Storages;

/**
 * Runs the study a spec describes: loads the data, trains the untuned default network as a
 * baseline, runs the trials with their pruner, evaluates the best network on the test split, and
 * prints one line per trial and a summary.
 */
public final class StudyRunner {
    /** Study attribute holding the baseline's validation value and test metrics. */
    static final String BASELINE_ATTR = "baseline";
    private final StudySpec spec;
    private final PrintWriter out;
    private final RunOptions options;
    private String resume;

    /** A runner that prints to {@code out}; {@code baseline} trains the default network first. */
    public StudyRunner(StudySpec spec, PrintWriter out, boolean baseline) {
        this(spec, out, new RunOptions(baseline, false, 0, null, 10, null, false, List.of(), false,
                ProgressDisplay.Mode.LINES, List.of()));
    }

    /** A runner with the given run options. */
    public StudyRunner(StudySpec spec, PrintWriter out, RunOptions options) {
        this.spec = spec;
        this.out = out;
        this.options = options;
        this.resume = "dl4j-tuner run " + spec.source();
    }

    /**
     * The command that resumes this study, printed when the run is interrupted (Ctrl-C); by
     * default {@code dl4j-tuner run SPEC}.
     */
    public StudyRunner resumeCommand(String command) {
        this.resume = command;
        return this;
    }

    /**
     * Runs everything and returns the summary (also printed). With persistent storage, a study of
     * the same name continues: its trials, sampler history and baseline are kept, trials whose
     * process died are failed (and retried if asked), and the study stops when it holds
     * {@code study.trials} trials in all.
     */
    public Summary run() throws IOException {
        Family family = spec.model().isCustom() ? null : Family.of(spec.model().type());
        CustomNetwork custom = spec.model().isCustom()
                ? CustomNetworks.load(spec.model().className(), options.classpath()) : null;
        Metric metric = Metric.of(spec.study().metric());
        Direction direction = spec.study().direction();
        long seed = spec.study().seed();
        Sampler sampler = Strategies.sampler(spec.sampler(), seed, spec.study().parallel());
        Pruner pruner = Strategies.pruner(spec.pruner());
        Strategies.checkCompatible(spec.sampler(), spec.pruner());
        Path work = Files.createTempDirectory("dl4j-tuner-" + safe(spec.study().name()) + "-");
        String url = spec.study().storage();
        boolean persistent = url != null && !url.equals("memory");
        IsolatedWorkers.Placement placement = options.worker() ? new IsolatedWorkers.Placement(false, null)
                : IsolatedWorkers.place(options.isolation(), persistent, options.workerJvmOptions(),
                        org.dl4jtuner.models.MemoryGuard.machineAvailableBytes());
        if (placement.isolate() && !persistent) {
            // workers in other JVMs need a storage they can all reach
            url = "sqlite:" + work.resolve("study.db");
        }
        PreparedData data = StudyData.load(spec.data(), family, seed);
        check(objective(custom, family, false, metric, data, work.resolve("check"), null));
        try (Storage storage = openStorage(url)) {
            Optional<StudyRecord> existing = storage.findStudy(spec.study().name());
            Map<String, Object> space = SpaceCheck.of(spec);
            if (existing.isPresent()) {
                checkResumable(storage, existing.get(), space);
            }
            Fold first = data.firstFold();
            out.printf(Locale.ROOT, "study '%s': %s on %s (%s): %s%d training, %d validation, %s test examples%n",
                    spec.study().name(), custom != null ? spec.model().className() : family.id(), spec.data().type(),
                    spec.data().path() == null ? "found on this machine" : spec.data().path(),
                    data.crossValidation() ? data.folds().size() + " folds of about " : "", first.train().size(),
                    first.validation().size(), data.test() == null ? "no" : Integer.toString(data.test().size()));
            if (placement.line() != null) {
                out.println(placement.line());
            }
            {
                Baseline base = options.baseline() && !options.worker() && custom == null
                        ? baseline(storage, existing, family, metric, data, work) : null;
                Path artifacts = artifactsFolder(url, storage);
                NetworkObjective objective = objective(custom, family, false, metric, data, work.resolve("trials"),
                        artifacts);
                ProgressDisplay progress = new ProgressDisplay(out,
                        options.worker() && options.progress() == ProgressDisplay.Mode.BAR ? ProgressDisplay.Mode.LINES
                                : options.progress(), spec.study().trials(), spec.pruner().maxEpochs(), spec.study().timeLimit(),
                        java.time.Clock.systemUTC());
                PrintWriter lines = progress.writer();
                Study.Builder builder = Study.builder()
                        .name(spec.study().name())
                        .direction(direction)
                        .seed(seed)
                        .sampler(sampler)
                        .pruner(pruner)
                        .storage(storage)
                        .retryDeadTrials(options.retryDeadTrials())
                        .maxConsecutiveFailures(options.maxFailures())
                        .callback(objective::forget);
                if (progress.trialLines()) {
                    builder.callback(new TrialLines(lines, metric.id(), storage, spec.study().name(),
                            progress.lineWidth()));
                }
                Study study = builder.build();
                storage.setStudySystemAttr(study.id(), SpaceCheck.ATTR, space);
                if (base != null) {
                    storage.setStudySystemAttr(study.id(), BASELINE_ATTR, base.toMap());
                }
                List<FrozenTrial> dead = study.failDeadTrials();
                for (FrozenTrial t : dead) {
                    out.printf(Locale.ROOT, "trial %d was left RUNNING by a process that died; marked FAIL%s%n",
                            t.number(), options.retryDeadTrials() > 0 ? " and enqueued again" : "");
                }
                out.printf(Locale.ROOT, "sampler %s, pruner %s, %d trials%s, %d at a time, up to %d epochs each, %s (%s)%n",
                        study.sampler().name(), study.pruner().name(), spec.study().trials(),
                        spec.study().timeLimit() == null ? "" : " or " + spec.study().timeLimit(),
                        spec.study().parallel(), spec.pruner().maxEpochs(), metric.id(),
                        direction.name().toLowerCase(Locale.ROOT));
                out.printf(Locale.ROOT, "storage %s%s%n", spec.study().storage() == null ? "memory"
                        : spec.study().storage().replaceAll("://([^:/@]+):[^@]*@", "://$1:***@"),
                        artifacts == null ? "" : ", networks in " + artifacts);
                out.flush();
                Budget budget = Budget.studyTrials(spec.study().trials());
                if (spec.study().timeLimit() != null) {
                    budget = budget.or(Budget.time(spec.study().timeLimit()));
                }
                Instant start = Instant.now();
                if (options.worker()) {
                    try (InterruptedRun hook = InterruptedRun.install(study, null, null, null)) {
                        study.optimize(objective, budget, 1);
                    }
                    return null;
                }
                IsolatedWorkers workers = placement.isolate() ? new IsolatedWorkers(options.workerJvmOptions(),
                        workerArguments(url), spec.study().parallel(), lines, study, spec.study().trials(),
                        options.maxFailures()) : null;
                try (ProgressDisplay shown = progress.start(study);
                        InterruptedRun hook = InterruptedRun.install(study, workers, lines, persistent ? resume : null)) {
                    if (workers != null) {
                        workers.run();
                    } else {
                        study.optimize(objective, budget, spec.study().parallel());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while the workers ran", e);
                }
                Duration took = Duration.between(start, Instant.now());
                Map<Metric, Double> test = data.test() == null ? Map.of() : testOfBest(study, objective, data);
                Summary summary = Summary.of(study, metric, test, base == null ? null : base.value,
                        base == null ? null : base.test, took);
                summary.print(out);
                return summary;
            }
        } finally {
            org.dl4jtuner.tuner.util.Folders.deleteTree(work);
        }
    }

    /** The arguments of {@code run} for a worker JVM of this study. */
    private List<String> workerArguments(String url) {
        List<String> a = new java.util.ArrayList<>(List.of("run", spec.source().toString(), "--worker", "--no-baseline",
                "--storage", url, "--study", spec.study().name(), "--trials", Integer.toString(spec.study().trials()),
                "--max-epochs", Integer.toString(spec.pruner().maxEpochs()), "--seed",
                Long.toString(spec.study().seed()), "--parallel", "1", "--max-failures",
                Integer.toString(options.maxFailures()), "--retry-failed", Integer.toString(options.retryDeadTrials()),
                "--allow-space-change"));
        if (options.trialTimeout() != null) {
            a.addAll(List.of("--trial-timeout", options.trialTimeout().toSeconds() + "s"));
        }
        a.addAll(options.logFlags());
        if (!options.classpath().isEmpty()) {
            a.addAll(List.of("--classpath", String.join(java.io.File.pathSeparator,
                    options.classpath().stream().map(p -> p.toAbsolutePath().toString()).toList())));
        }
        if (options.artifacts() != null) {
            a.addAll(List.of("--artifacts", options.artifacts().toString()));
        }
        return a;
    }

    private Storage openStorage(String url) {
        try {
            return Storages.open(url);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UserError("study.storage: " + e.getMessage());
        }
    }

    private void checkResumable(Storage storage, StudyRecord record, Map<String, Object> space) {
        Map<String, Object> attrs = storage.studySystemAttrs(record.id());
        List<String> changes = SpaceCheck.differences(attrs.get(SpaceCheck.ATTR), space);
        if (!changes.isEmpty() && !options.allowSpaceChange()) {
            throw new UserError("study '" + record.name() + "' in " + spec.study().storage()
                    + " was run with another search space:\n  " + String.join("\n  ", changes)
                    + "\nRun it with the spec it was started with, give the study another name (--study NAME),"
                    + " or pass --allow-space-change to continue with the new space. Nothing was written");
        }
        if (record.direction() != spec.study().direction()) {
            throw new UserError("study '" + record.name() + "' in " + spec.study().storage() + " "
                    + record.direction().name().toLowerCase(Locale.ROOT) + "s its metric, but the spec says "
                    + spec.study().direction().name().toLowerCase(Locale.ROOT) + "; nothing was written");
        }
        Map<TrialState, Long> states = new EnumMap<>(TrialState.class);
        Set<TrialState> all = EnumSet.allOf(TrialState.class);
        storage.trials(record.id(), all).forEach(t -> states.merge(t.state(), 1L, Long::sum));
        out.printf(Locale.ROOT, "resuming study '%s' from %s: %s%s%n", record.name(), spec.study().storage(), states,
                changes.isEmpty() ? "" : " (search space changed: " + String.join("; ", changes) + ")");
    }

    private Baseline baseline(Storage storage, Optional<StudyRecord> existing, Family family, Metric metric,
            PreparedData data, Path work) throws IOException {
        if (existing.isPresent()) {
            Baseline stored = Baseline.from(storage.studySystemAttrs(existing.get().id()).get(BASELINE_ATTR));
            if (stored != null) {
                out.printf(Locale.ROOT, "baseline (from the study's first run): validation %s %s%n", metric.id(),
                        TrialLines.format(stored.value));
                return stored;
            }
        }
        return runBaseline(family, metric, data, work.resolve("baseline"));
    }

    /**
     * Where trial networks go: --artifacts, else next to an SQLite file, else ./dl4j-tuner-artifacts;
     * none in memory. The folder is keyed by the study's name and storage id ({@link ArtifactFolders}),
     * so the study is created here when it is new.
     */
    private Path artifactsFolder(String url, Storage storage) {
        if (options.artifacts() == null && (url == null || url.equals("memory"))) {
            return null;
        }
        String studyName = spec.study().name();
        StudyRecord record = storage.findStudy(studyName).orElseGet(() -> {
            try {
                return storage.createStudy(studyName, spec.study().direction());
            } catch (IllegalArgumentException createdMeanwhile) {
                // another worker created it between our look and our insert
                return storage.findStudy(studyName).orElseThrow(() -> createdMeanwhile);
            }
        });
        String study = ArtifactFolders.name(record);
        if (options.artifacts() != null) {
            return options.artifacts().resolve(study);
        }
        if (url == null || url.equals("memory")) {
            return null;
        }
        if (url.startsWith("sqlite:")) {
            return ArtifactFolders.nextToSqlite(Path.of(url.substring("sqlite:".length())), record);
        }
        return Path.of("dl4j-tuner-artifacts").toAbsolutePath().resolve(study);
    }

    /** The best trial's test metrics: from its saved network when there is one, else from memory. */
    private static Map<Metric, Double> testOfBest(Study study, NetworkObjective objective, PreparedData data) {
        FrozenTrial best;
        try {
            best = study.bestTrial();
        } catch (IllegalStateException none) {
            return Map.of();
        }
        Object file = best.systemAttrs().get(NetworkObjective.MODEL_FILE_ATTR);
        if (file instanceof String path && Files.isRegularFile(Path.of(path))) {
            return ModelFiles.evaluate(Path.of(path), data.test().iterator(512, 0), data.test().task());
        }
        return objective.evaluateBest(data.test());
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private record Baseline(double value, Map<Metric, Double> test) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("value", value);
            Map<String, Object> t = new LinkedHashMap<>();
            test.forEach((metric, v) -> t.put(metric.id(), v));
            m.put("test", t);
            return m;
        }

        static Baseline from(Object stored) {
            if (!(stored instanceof Map<?, ?> m) || !(m.get("value") instanceof Number v)) {
                return null;
            }
            Map<Metric, Double> test = new LinkedHashMap<>();
            if (m.get("test") instanceof Map<?, ?> t) {
                t.forEach((k, x) -> {
                    if (x instanceof Number n) {
                        test.put(Metric.of(String.valueOf(k)), n.doubleValue());
                    }
                });
            }
            return new Baseline(v.doubleValue(), test);
        }
    }

    private Baseline runBaseline(Family family, Metric metric, PreparedData data, Path work) throws IOException {
        NetworkObjective objective = objective(null, family, true, metric, data, work, null);
        BaselineProgress epochs = new BaselineProgress(out, metric.id(), spec.pruner().maxEpochs(), options.progress());
        Study study = Study.builder().name("baseline").direction(metric.direction()).seed(spec.study().seed())
                .pruner(epochs).build();
        out.printf(Locale.ROOT, "baseline: training the untuned default %s network for %d epochs...%n", family.id(),
                spec.pruner().maxEpochs());
        out.flush();
        try {
            study.optimize(objective, 1);
        } finally {
            epochs.done();
        }
        FrozenTrial t = study.trials().get(0);
        if (t.state() != TrialState.COMPLETE) {
            out.printf(Locale.ROOT, "baseline: %s (%s)%n", t.state(), t.systemAttrs().get(Study.FAIL_REASON_ATTR));
            return null;
        }
        Map<Metric, Double> test = data.test() == null ? new LinkedHashMap<>() : objective.evaluateBest(data.test());
        out.printf(Locale.ROOT, "baseline: validation %s %s with %s%n", metric.id(), TrialLines.format(t.value()),
                TrialLines.params(defaultsUsed(t)));
        out.flush();
        return new Baseline(t.value(), test);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> defaultsUsed(FrozenTrial t) {
        Object hp = t.userAttrs().get(NetworkObjective.HYPERPARAMETERS_ATTR);
        return hp instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The spec's space; with {@code defaultsOnly}, searched keys fall back to the family defaults. */
    private NetworkSpace space(Family family, boolean defaultsOnly) {
        NetworkSpace.Builder b = NetworkSpace.builder(family);
        Map<String, ParameterSpace> space = new LinkedHashMap<>(spec.model().space());
        space.forEach((key, value) -> {
            if (!defaultsOnly || value.isFixed()) {
                b.set(key, value);
            }
        });
        return b.build();
    }

    /** The study's objective: a built-in family (its defaults only, for the baseline) or the user's class. */
    private NetworkObjective objective(CustomNetwork custom, Family family, boolean defaultsOnly, Metric metric,
            PreparedData data, Path work, Path artifacts) {
        NetworkObjective.Builder b = NetworkObjective.builder();
        if (custom != null) {
            b.custom(custom, spec.model().space());
        } else {
            b.space(space(family, defaultsOnly));
        }
        return b.artifacts(artifacts)
                .trialTimeout(options.trialTimeout())
                .data(data)
                .metric(metric)
                .maxEpochs(spec.pruner().maxEpochs())
                .earlyStopping(spec.earlyStopping() == null ? null
                        : new EarlyStopping(spec.earlyStopping().patience(), spec.earlyStopping().minDelta()))
                .workDir(work)
                .build();
    }

    /** One probe trial's network meets the data before anything is stored: a mismatch is the user's to fix. */
    private void check(NetworkObjective objective) {
        String who = spec.model().isCustom() ? "model.class: " + spec.model().className() : "model: " + spec.model().type();
        try {
            objective.check();
        } catch (IllegalArgumentException e) {
            throw new UserError(who + ": " + e.getMessage() + "; nothing was written");
        } catch (RuntimeException e) {
            throw new UserError(who + " failed to build a network for a probe trial: " + CustomNetworks.describe(e)
                    + "; nothing was written");
        }
    }
}
