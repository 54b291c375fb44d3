package org.dl4jtuner.cli.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.dl4jtuner.cli.UserError;
import org.dl4jtuner.cli.spec.StudySpec;
import org.dl4jtuner.datasets.Splits;
import org.dl4jtuner.models.EarlyStopping;
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

/**
 * Runs the study a spec describes: loads the data, trains the untuned default network as a
 * baseline, runs the trials with their pruner, evaluates the best network on the test split, and
 * prints one line per trial and a summary.
 */
public final class StudyRunner {
    private final StudySpec spec;
    private final PrintWriter out;
    private final boolean baseline;

    /** A runner that prints to {@code out}; {@code baseline} trains the default network first. */
    public StudyRunner(StudySpec spec, PrintWriter out, boolean baseline) {
        this.spec = spec;
        this.out = out;
        this.baseline = baseline;
    }

    /** Runs everything and returns the summary (also printed). */
    public Summary run() throws IOException {
        if (spec.study().storage() != null && !spec.study().storage().equals("memory")) {
            throw new UserError("study.storage: '" + spec.study().storage() + "' needs persistent storage, which this"
                    + " version does not have yet; remove study.storage to run in memory");
        }
        Family family = Family.of(spec.model().type());
        Metric metric = Metric.of(spec.study().metric());
        Direction direction = spec.study().direction();
        long seed = spec.study().seed();
        Splits data = StudyData.load(spec.data(), family, seed);
        out.printf(Locale.ROOT, "study '%s': %s on %s (%s): %d training, %d validation, %s test examples%n",
                spec.study().name(), family.id(), spec.data().type(), spec.data().path() == null ? "found on this machine"
                        : spec.data().path(), data.train().size(), data.validation().size(),
                data.test() == null ? "no" : Integer.toString(data.test().size()));
        Path work = Files.createTempDirectory("dl4j-tuner-" + spec.study().name().replaceAll("[^A-Za-z0-9_.-]", "_") + "-");
        Sampler sampler = Strategies.sampler(spec.sampler(), seed, spec.study().parallel());
        Pruner pruner = Strategies.pruner(spec.pruner());
        Strategies.checkCompatible(spec.sampler(), spec.pruner());
        try {
            Baseline base = baseline ? runBaseline(family, metric, data, work.resolve("baseline")) : null;
            NetworkObjective objective = objective(space(family, false), metric, data, work.resolve("trials"));
            Study study = Study.builder()
                    .name(spec.study().name())
                    .direction(direction)
                    .seed(seed)
                    .sampler(sampler)
                    .pruner(pruner)
                    .callback(new TrialLines(out, metric.id(), direction))
                    .callback(objective::forget)
                    .build();
            out.printf(Locale.ROOT, "sampler %s, pruner %s, %d trials%s, %d at a time, up to %d epochs each, %s (%s)%n",
                    study.sampler().name(), study.pruner().name(), spec.study().trials(),
                    spec.study().timeLimit() == null ? "" : " or " + spec.study().timeLimit(), spec.study().parallel(),
                    spec.pruner().maxEpochs(), metric.id(), direction.name().toLowerCase(Locale.ROOT));
            out.flush();
            Budget budget = Budget.trials(spec.study().trials());
            if (spec.study().timeLimit() != null) {
                budget = budget.or(Budget.time(spec.study().timeLimit()));
            }
            Instant start = Instant.now();
            study.optimize(objective, budget, spec.study().parallel());
            Duration took = Duration.between(start, Instant.now());
            Map<Metric, Double> test = data.test() == null ? Map.of() : objective.evaluateBest(data.test());
            Summary summary = Summary.of(study, metric, test, base == null ? null : base.value, base == null ? null : base.test,
                    took);
            summary.print(out);
            return summary;
        } finally {
            deleteTree(work);
        }
    }

    private record Baseline(double value, Map<Metric, Double> test) {
    }

    private Baseline runBaseline(Family family, Metric metric, Splits data, Path work) throws IOException {
        NetworkSpace defaults = space(family, true);
        NetworkObjective objective = objective(defaults, metric, data, work);
        Study study = Study.builder().name("baseline").direction(metric.direction()).seed(spec.study().seed()).build();
        out.printf(Locale.ROOT, "baseline: training the untuned default %s network for %d epochs...%n", family.id(),
                spec.pruner().maxEpochs());
        out.flush();
        study.optimize(objective, 1);
        FrozenTrial t = study.trials().get(0);
        if (t.state() != TrialState.COMPLETE) {
            out.printf(Locale.ROOT, "baseline: %s (%s)%n", t.state(), t.systemAttrs().get(Study.FAIL_REASON_ATTR));
            return null;
        }
        Map<Metric, Double> test = data.test() == null ? new EnumMap<>(Metric.class) : objective.evaluateBest(data.test());
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

    private NetworkObjective objective(NetworkSpace space, Metric metric, Splits data, Path work) {
        return NetworkObjective.builder()
                .space(space)
                .data(data.train(), data.validation())
                .metric(metric)
                .maxEpochs(spec.pruner().maxEpochs())
                .earlyStopping(spec.earlyStopping() == null ? null
                        : new EarlyStopping(spec.earlyStopping().patience(), spec.earlyStopping().minDelta()))
                .workDir(work)
                .build();
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is harmless
        }
    }
}
