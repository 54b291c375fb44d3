package org.dl4jtuner.cli.run;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.storage.StudyRecord;

/**
 * Prints one line per finished trial: number, state, value, epochs, params and the study's best so
 * far. The best is read from storage, so it counts the trials of earlier runs and of other
 * processes on the same study, not only this process's. Lines are whole and flushed, so
 * redirected output stays line-oriented.
 */
public final class TrialLines implements Consumer<FrozenTrial> {
    private final PrintWriter out;
    private final String metric;
    private final Storage storage;
    private final String study;

    TrialLines(PrintWriter out, String metric, Storage storage, String study) {
        this.out = out;
        this.metric = metric;
        this.storage = storage;
        this.study = study;
    }

    /** The study's best complete trial in storage (this trial included), or null. */
    private FrozenTrial best(FrozenTrial t) {
        StudyRecord record = storage.findStudy(study).orElse(null);
        if (record == null) {
            return t.state() == TrialState.COMPLETE && t.value() != null ? t : null;
        }
        List<FrozenTrial> complete = new ArrayList<>(storage.trials(record.id(), EnumSet.of(TrialState.COMPLETE)));
        if (t.state() == TrialState.COMPLETE && t.value() != null
                && complete.stream().noneMatch(c -> c.number() == t.number())) {
            complete.add(t);
        }
        Direction direction = record.direction();
        return direction.best(complete);
    }

    @Override
    public synchronized void accept(FrozenTrial t) {
        FrozenTrial best = best(t);
        String value = t.value() == null ? "-" : format(t.value());
        String detail = switch (t.state()) {
            case PRUNED -> " pruned at epoch " + t.lastStep();
            case FAIL -> " (" + t.systemAttrs().get(Study.FAIL_REASON_ATTR) + ")";
            default -> "";
        };
        String bestText = best == null ? "none yet" : "#" + best.number() + " " + format(best.value());
        out.printf(Locale.ROOT, "trial %3d %-8s %s=%s epochs=%d%s %s | best %s%n", t.number(), t.state(), metric, value,
                Math.max(0, t.lastStep()), detail, params(t.params()), bestText);
        out.flush();
    }

    /** A metric value as the trial lines print it (four decimals). */
    public static String format(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** Parameters as the trial lines print them: {@code {name=value, ...}}, floats to four significant digits. */
    public static String params(Map<String, Object> params) {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        params.forEach((k, v) -> j.add(k + "=" + (v instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : v)));
        return j.toString();
    }
}
