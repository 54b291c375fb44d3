package org.dl4jtuner.cli.run;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;

/**
 * Prints one line per finished trial: number, state, value, epochs, params and the best so far.
 * Lines are whole and flushed, so redirected output stays line-oriented.
 */
public final class TrialLines implements Consumer<FrozenTrial> {
    private final PrintWriter out;
    private final String metric;
    private final Direction direction;
    private FrozenTrial best;

    TrialLines(PrintWriter out, String metric, Direction direction) {
        this.out = out;
        this.metric = metric;
        this.direction = direction;
    }

    @Override
    public synchronized void accept(FrozenTrial t) {
        if (t.state() == TrialState.COMPLETE && t.value() != null
                && (best == null || direction.isBetter(t.value(), best.value()))) {
            best = t;
        }
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
