package org.dl4jtuner.cli.run;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;

import org.dl4jtuner.tuner.pareto.ParetoTrials;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.storage.StudyRecord;

/**
 * Prints one line per finished trial: number, state, value, epochs, params and the study's best so
 * far. The best is read from storage, so it counts the trials of earlier runs and of other
 * processes on the same study, not only this process's. Lines are flushed as they are written.
 *
 * <p>Without a width (a file, a pipe, CI) each trial is one whole line, however long. With the
 * terminal's width, a line too long for it wraps between words and between parameters, never
 * inside a {@code name=value} entry, with the continuation indented; if that takes more than two
 * lines, the parameters that do not fit are elided with {@code …}.
 */
public final class TrialLines implements Consumer<FrozenTrial> {
    private final PrintWriter out;
    private final String metric;
    private final Storage storage;
    private final String study;
    private final int width;
    private List<String> objectives;
    private List<Direction> directions;

    TrialLines(PrintWriter out, String metric, Storage storage, String study) {
        this(out, metric, storage, study, 0);
    }

    /** As the other constructor; {@code width} is the terminal's columns, or 0 to keep each line whole. */
    TrialLines(PrintWriter out, String metric, Storage storage, String study, int width) {
        this.out = out;
        this.metric = metric;
        this.storage = storage;
        this.study = study;
        this.width = width;
    }

    private void acceptMultiObjective(FrozenTrial t) {
        List<FrozenTrial> trials = new ArrayList<>();
        storage.findStudy(study).ifPresent(record -> trials.addAll(storage.trials(record.id(),
                EnumSet.of(TrialState.COMPLETE))));
        if (t.state() == TrialState.COMPLETE && trials.stream().noneMatch(c -> c.number() == t.number())) {
            trials.add(t);
        }
        StringBuilder values = new StringBuilder();
        double[] v = t.values();
        for (int k = 0; k < objectives.size(); k++) {
            values.append(k == 0 ? "" : " ").append(objectives.get(k)).append('=')
                    .append(v == null || v.length != objectives.size() ? "-" : ParetoFront.format(v[k]));
        }
        String detail = switch (t.state()) {
            case PRUNED -> " pruned at epoch " + t.lastStep();
            case FAIL -> " (" + t.systemAttrs().get(Study.FAIL_REASON_ATTR) + ")";
            default -> t.isFeasible() ? "" : " infeasible";
        };
        String head = String.format(Locale.ROOT, "trial %3d %-8s %s epochs=%d%s", t.number(), t.state(), values,
                Math.max(0, t.lastStep()), detail);
        for (String line : fit(head, t.params(), "| front " + ParetoTrials.front(trials, directions).size(), width)) {
            out.println(line);
        }
        out.flush();
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

    /**
     * For a multi-objective study ({@code names} not null): each line shows every objective's value
     * and the size of the Pareto front so far instead of the best trial.
     */
    TrialLines objectives(List<String> names, List<Direction> directions) {
        this.objectives = names == null ? null : List.copyOf(names);
        this.directions = directions == null ? null : List.copyOf(directions);
        return this;
    }

    @Override
    public synchronized void accept(FrozenTrial t) {
        if (objectives != null) {
            acceptMultiObjective(t);
            return;
        }
        FrozenTrial best = best(t);
        String value = t.value() == null ? "-" : format(t.value());
        String detail = switch (t.state()) {
            case PRUNED -> " pruned at epoch " + t.lastStep();
            case FAIL -> " (" + t.systemAttrs().get(Study.FAIL_REASON_ATTR) + ")";
            default -> "";
        };
        String bestText = best == null ? "none yet" : "#" + best.number() + " " + format(best.value());
        String head = String.format(Locale.ROOT, "trial %3d %-8s %s=%s epochs=%d%s", t.number(), t.state(), metric,
                value, Math.max(0, t.lastStep()), detail);
        for (String line : fit(head, t.params(), "| best " + bestText, width)) {
            out.println(line);
        }
        out.flush();
    }

    /** Continuation lines start under the state, past {@code "trial %3d "}. */
    static final String INDENT = " ".repeat(10);

    /**
     * A trial line as printed in {@code width} columns: {@code head}, the parameters and
     * {@code tail}. With {@code width <= 0}, one whole line. Otherwise lines wrap between words and
     * between parameter entries, continuations indented; when that takes more than two lines, as
     * many parameters as fit two lines are kept and the rest elided with {@code …}. A line is kept
     * one column short of the width, since a full line makes some terminals wrap on their own.
     */
    static List<String> fit(String head, Map<String, Object> params, String tail, int width) {
        String whole = head + " " + params(params) + " " + tail;
        if (width <= 0 || whole.length() < width) {
            return List.of(whole);
        }
        int limit = width - 1;
        // the head stays whole (its columns aligned) unless it alone is too long, as a long FAIL reason can be
        List<String> words = head.length() < limit ? List.of(head) : List.of(head.trim().split(" +"));
        List<String> entries = entries(params);
        List<String> wrapped = wrap(tokens(words, entries, entries.size(), tail), limit);
        if (wrapped.size() <= 2) {
            return wrapped;
        }
        for (int kept = entries.size() - 1; kept > 0; kept--) {
            List<String> elided = wrap(tokens(words, entries, kept, tail), limit);
            if (elided.size() <= 2) {
                return elided;
            }
        }
        return wrap(tokens(words, entries, 0, tail), limit);
    }

    /** The head's words, the first {@code kept} entries as {@code {a=1,} {@code b=2}} and an elision, then the tail. */
    private static List<String> tokens(List<String> head, List<String> entries, int kept, String tail) {
        List<String> tokens = new ArrayList<>(head);
        if (entries.isEmpty()) {
            tokens.add("{}");
        }
        for (int i = 0; i < kept; i++) {
            String entry = (i == 0 ? "{" : "") + entries.get(i);
            tokens.add(i < entries.size() - 1 ? entry + "," : entry + "}");
        }
        if (kept < entries.size()) {
            tokens.add(kept == 0 ? "{…}" : "…}");
        }
        // "| best #3 0.9" stays on one line: it is read as one piece
        tokens.add(tail);
        return tokens;
    }

    /** Tokens joined by spaces into lines shorter than {@code limit}; continuations indented. */
    private static List<String> wrap(List<String> tokens, int limit) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String token : tokens) {
            if (line.length() > 0 && line.length() + 1 + token.length() > limit && line.length() > INDENT.length()) {
                lines.add(line.toString());
                line.setLength(0);
                line.append(INDENT);
            } else if (line.length() > 0 && !line.toString().equals(INDENT)) {
                line.append(' ');
            }
            line.append(token);
        }
        lines.add(line.toString());
        return lines;
    }

    /** A metric value as the trial lines print it (four decimals). */
    public static String format(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** Parameters as the trial lines print them: {@code {name=value, ...}}, floats to four significant digits. */
    public static String params(Map<String, Object> params) {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        entries(params).forEach(j::add);
        return j.toString();
    }

    private static List<String> entries(Map<String, Object> params) {
        List<String> entries = new ArrayList<>();
        params.forEach((k, v) -> entries.add(k + "=" + (v instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : v)));
        return entries;
    }
}
