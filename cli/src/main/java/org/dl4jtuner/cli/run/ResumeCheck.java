package org.dl4jtuner.cli.run;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dl4jtuner.cli.UserError;
import org.dl4jtuner.cli.spec.StudySpec;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.storage.StudyRecord;

/**
 * Whether a stored study of the spec's name may go on with this spec: the same search space (or
 * {@code --allow-space-change}) and the same direction. A refusal writes nothing; an accepted resume
 * prints where the study stands.
 */
final class ResumeCheck {
    private ResumeCheck() {
    }

    /** Refuses, or prints "resuming study 'x' from URL: {COMPLETE=4, PRUNED=2}". */
    static void check(RunPlan plan, Storage storage, StudyRecord record, PrintWriter out) {
        StudySpec spec = plan.spec();
        Map<String, Object> attrs = storage.studySystemAttrs(record.id());
        List<String> changes = SpaceCheck.differences(attrs.get(SpaceCheck.ATTR), SpaceCheck.of(spec));
        if (!changes.isEmpty() && !plan.options().allowSpaceChange()) {
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
        storage.trials(record.id(), EnumSet.allOf(TrialState.class)).forEach(t -> states.merge(t.state(), 1L, Long::sum));
        out.printf(Locale.ROOT, "resuming study '%s' from %s: %s%s%n", record.name(), spec.study().storage(), states,
                changes.isEmpty() ? "" : " (search space changed: " + String.join("; ", changes) + ")");
    }
}
