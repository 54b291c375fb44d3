package org.dl4jtuner.cli.run;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.dl4jtuner.cli.spec.StudySection;
import org.dl4jtuner.cli.spec.StudySpec;
import org.dl4jtuner.datasets.Fold;
import org.dl4jtuner.datasets.PreparedData;
import org.dl4jtuner.models.MetricConstraint;
import org.dl4jtuner.storage.Storages;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;

/** The lines a run prints before its first trial: what it trains on, with what, where it stores. */
final class RunHeader {
    private RunHeader() {
    }

    /** "study 'x': cnn on fashion-mnist (bundled): 400 training, 100 validation, 100 test examples", and the placement. */
    static void data(RunPlan plan, PreparedData data, PrintWriter out) {
        StudySpec spec = plan.spec();
        Fold first = data.firstFold();
        out.printf(Locale.ROOT, "study '%s': %s on %s (%s): %s%d training, %d validation, %s test examples%n",
                spec.study().name(), spec.model().isCustom() ? spec.model().className() : plan.family().id(),
                spec.data().type(), spec.data().path() == null ? "found on this machine" : spec.data().path(),
                data.crossValidation() ? data.folds().size() + " folds of about " : "", first.train().size(),
                first.validation().size(), data.test() == null ? "no" : Integer.toString(data.test().size()));
        if (plan.parallelLine() != null) {
            out.println(plan.parallelLine());
        }
        if (plan.placement().line() != null) {
            out.println(plan.placement().line());
        }
        if (plan.onDevices()) {
            plan.slots().forEach(slot -> out.println("  " + slot));
        }
        out.flush();
    }

    /**
     * The sampler, pruner and budget with every objective and its direction, the constraints (when
     * there are some), then the storage (its password masked) and where networks go.
     */
    static void strategies(RunPlan plan, Study study, Path artifacts, PrintWriter out) {
        StudySpec spec = plan.spec();
        out.printf(Locale.ROOT, "sampler %s, pruner %s, %d trials%s, %d at a time, up to %d epochs each, %s%n",
                study.sampler().name(), study.pruner().name(), spec.study().trials(),
                spec.study().timeLimit() == null ? "" : " or " + spec.study().timeLimit(), spec.study().parallel(),
                spec.pruner().maxEpochs(), objectives(spec.study()));
        if (!spec.study().constraints().isEmpty()) {
            out.printf(Locale.ROOT, "constraints %s (a trial that breaks one is infeasible)%n",
                    constraints(spec.study()));
        }
        out.printf(Locale.ROOT, "storage %s%s%n", spec.study().storage() == null ? "memory"
                : Storages.redact(spec.study().storage()),
                artifacts == null ? "" : ", networks in " + artifacts);
        out.flush();
    }

    /** "accuracy (maximize), parameters (minimize)": each metric with its direction, in spec order. */
    static String objectives(StudySection study) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < study.metrics().size(); i++) {
            parts.add(study.metrics().get(i) + " (" + study.directions().get(i).name().toLowerCase(Locale.ROOT) + ")");
        }
        return String.join(", ", parts);
    }

    /** "parameters <= 100000, latency_ms < 5": each constraint as the trials check it, in spec order. */
    static String constraints(StudySection study) {
        List<String> parts = new ArrayList<>();
        study.constraints().forEach((metric, bound) -> parts.add(MetricConstraint.parse(metric, bound).toString()));
        return String.join(", ", parts);
    }

    /** Names the trials a dead process left RUNNING that this run takes over and continues from their checkpoints. */
    static void continuedTrials(List<FrozenTrial> dead, PrintWriter out) {
        for (FrozenTrial t : dead) {
            int stored = t.intermediateValues().size();
            if (stored == 0) {
                out.printf(Locale.ROOT, "trial %d was left RUNNING by a process that died before its first epoch"
                        + " ended; it starts again with the same parameters%n", t.number());
                continue;
            }
            out.printf(Locale.ROOT, "trial %d was left RUNNING by a process that died; it continues from its checkpoint"
                    + " (%d epoch%s stored)%n", t.number(), stored, stored == 1 ? "" : "s");
        }
        out.flush();
    }

    /** One line per trial that a dead process left RUNNING and this run marked FAIL. */
    static void deadTrials(RunPlan plan, List<FrozenTrial> dead, PrintWriter out) {
        for (FrozenTrial t : dead) {
            out.printf(Locale.ROOT, "trial %d was left RUNNING by a process that died; marked FAIL%s%n", t.number(),
                    plan.options().retryDeadTrials() > 0 ? " and enqueued again" : "");
        }
        out.flush();
    }

    /**
     * How far a study has got: its trials and the epochs they reported. A run that leaves both as
     * they were trained nothing.
     *
     * @param trials trials of any state
     * @param epochs epochs reported in all
     */
    record Progress(int trials, long epochs) {
        static Progress of(Study study) {
            List<FrozenTrial> all = study.trials();
            return new Progress(all.size(), all.stream().mapToLong(t -> t.intermediateValues().size()).sum());
        }
    }

    /**
     * Says that a resumed study needed no more training, so that a rerun after the last trial (a
     * kill just after it, say) is not mistaken for one that did nothing by error.
     */
    static void nothingTrained(Study study, int trials, PrintWriter out) {
        // a scheduler's study may end with trials PAUSED at a rung; they count as its trials too
        long finished = study.trials().stream().filter(t -> t.state() == TrialState.COMPLETE
                || t.state() == TrialState.PRUNED || t.state() == TrialState.PAUSED).count();
        if (finished < trials) {
            return;   // a terminator or the time limit stopped it; the summary says why
        }
        out.printf(Locale.ROOT, "nothing to train: study '%s' already holds %d finished trials of the %d study.trials"
                + " asks for; raise --trials to run more%n", study.name(), finished, trials);
    }
}
