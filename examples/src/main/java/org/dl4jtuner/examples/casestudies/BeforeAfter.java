package org.dl4jtuner.examples.casestudies;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Prints a case study's result: the baseline (the library's default hyperparameters) beside the
 * tuned configuration, each cross-validated on the training part and scored on the held-out test
 * part after a refit; and the one {@code baseline-vs-tuned} line a case study's {@code run} ends with.
 *
 * <pre>{@code
 * System.out.println(BeforeAfter.table("accuracy", 5, baseline, tuned));
 * System.out.println(BeforeAfter.line("7.1 svm breast_cancer", "accuracy", baseline, tuned,
 *         "grid 28 configurations x 5 folds", Duration.ofSeconds(38)));
 * // 7.1 svm breast_cancer: accuracy (test) baseline 0.965 -> tuned 0.974 (grid 28 configurations x 5 folds, 38 s)
 * }</pre>
 */
public final class BeforeAfter {
    private BeforeAfter() {
    }

    /** The two-row table: hyperparameters, cross-validated score, test score. */
    public static String table(String metric, int folds, Outcome baseline, Outcome tuned) {
        return table(metric, folds + "-fold CV", baseline, tuned);
    }

    /**
     * The two-row table with the validation column named by {@code validation}, for a case study
     * that validates otherwise than by k-fold cross-validation (e.g. "validation" for one held-out
     * split, "20 episodes" for a reinforcement-learning agent).
     */
    public static String table(String metric, String validation, Outcome baseline, Outcome tuned) {
        String cv = metric + " (" + validation + ")";
        String test = metric + " (test)";
        int width = Math.max("hyperparameters".length(), Math.max(params(baseline).length(), params(tuned).length()));
        String format = "%-9s  %-" + width + "s  %" + cv.length() + "s  %" + test.length() + "s%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, format, "", "hyperparameters", cv, test));
        for (String name : new String[] {"baseline", "tuned"}) {
            Outcome o = name.equals("baseline") ? baseline : tuned;
            out.append(String.format(Locale.ROOT, format, name, params(o), number(o.validation()), number(o.test())));
        }
        return out.toString().stripTrailing();
    }

    /**
     * The last line of a case study: {@code <title>: <metric> (test) baseline B -> tuned T (<search>, S s)}.
     */
    public static String line(String title, String metric, Outcome baseline, Outcome tuned, String search,
            Duration wallTime) {
        return String.format(Locale.ROOT, "%s: %s (test) baseline %s -> tuned %s (%s, %d s)", title, metric,
                number(baseline.test()), number(tuned.test()), search, Math.round(wallTime.toMillis() / 1000.0));
    }

    /** "name=value, ..." with numbers to four significant digits. */
    static String params(Outcome outcome) {
        StringJoiner joined = new StringJoiner(", ");
        for (Map.Entry<String, ?> e : outcome.params().entrySet()) {
            Object v = e.getValue();
            joined.add(e.getKey() + "=" + (v instanceof Double d ? significant(d) : String.valueOf(v)));
        }
        return joined.toString();
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String significant(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
