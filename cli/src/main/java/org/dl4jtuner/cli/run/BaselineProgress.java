package org.dl4jtuner.cli.run;

import java.io.PrintWriter;
import java.util.Locale;

import org.dl4jtuner.tuner.StepListener;

/**
 * Shows the untuned baseline's epochs while it trains: {@code baseline: epoch 3/9 accuracy 0.8123}.
 * It listens to the baseline study's reports. On a terminal the line is redrawn in place and cleared
 * by {@link #done()}; anywhere else each epoch is a whole line; with
 * {@link ProgressDisplay.Mode#QUIET}, nothing.
 */
final class BaselineProgress implements StepListener {
    private static final String CLEAR_LINE = "\r\u001b[K";

    private final PrintWriter out;
    private final String metric;
    private final int maxEpochs;
    private final ProgressDisplay.Mode mode;
    private boolean drawn;

    BaselineProgress(PrintWriter out, String metric, int maxEpochs, ProgressDisplay.Mode mode) {
        this.out = out;
        this.metric = metric;
        this.maxEpochs = maxEpochs;
        this.mode = mode;
    }

    /** Shows the epoch just reported. */
    @Override
    public synchronized void reported(int trialNumber, int step, double value) {
        if (mode == ProgressDisplay.Mode.QUIET) {
            return;
        }
        String text = String.format(Locale.ROOT, "baseline: epoch %d/%d %s %s", step, maxEpochs, metric,
                TrialLines.format(value));
        if (mode == ProgressDisplay.Mode.BAR) {
            out.print(CLEAR_LINE + text);
            drawn = true;
        } else {
            out.println(text);
        }
        out.flush();
    }

    /** Clears the in-place line on a terminal, so the next line starts clean. */
    synchronized void done() {
        if (drawn) {
            out.print(CLEAR_LINE);
            out.flush();
            drawn = false;
        }
    }
}
