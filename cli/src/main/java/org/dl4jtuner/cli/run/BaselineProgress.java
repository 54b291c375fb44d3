package org.dl4jtuner.cli.run;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.pruner.Pruner;

/**
 * Shows the untuned baseline's epochs while it trains: {@code baseline: epoch 3/9 accuracy 0.8123}.
 * It is the baseline study's pruner, since the pruner is asked after every reported epoch; it never
 * prunes. On a terminal the line is redrawn in place and cleared by {@link #done()}; anywhere else
 * each epoch is a whole line; with {@link ProgressDisplay.Mode#QUIET}, nothing.
 */
final class BaselineProgress implements Pruner {
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

    /** Shows the trial's last reported epoch; never prunes. */
    @Override
    public synchronized boolean prune(Study study, FrozenTrial trial) {
        Map.Entry<Integer, Double> last = trial.intermediateValues().lastEntry();
        if (last == null || mode == ProgressDisplay.Mode.QUIET) {
            return false;
        }
        String text = String.format(Locale.ROOT, "baseline: epoch %d/%d %s %s", last.getKey(), maxEpochs, metric,
                TrialLines.format(last.getValue()));
        if (mode == ProgressDisplay.Mode.BAR) {
            out.print(CLEAR_LINE + text);
            drawn = true;
        } else {
            out.println(text);
        }
        out.flush();
        return false;
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
