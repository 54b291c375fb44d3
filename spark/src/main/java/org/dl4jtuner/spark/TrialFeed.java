package org.dl4jtuner.spark;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.storage.Storage;

/**
 * The driver's line per trial its Spark tasks finished, read from storage (the tasks print theirs in
 * the executors' logs): "trial 3 COMPLETE accuracy 0.9444 after 12 epochs (executor 1 on 10.0.0.7, task 0 attempt 0)".
 */
final class TrialFeed {
    private final Study study;
    private final PrintWriter out;
    private final String metric;
    private final Set<Integer> said = new HashSet<>();

    /** A feed of the trials that finish from now on. */
    TrialFeed(Study study, PrintWriter out) {
        this.study = study;
        this.out = out;
        Object name = study.storage().studySystemAttrs(study.id()).get(Study.METRIC_NAME_ATTR);
        this.metric = name == null ? "value" : name.toString();
        study.trials().stream().filter(FrozenTrial::isFinished).forEach(t -> said.add(t.number()));
    }

    /** Prints the trials finished since the last call. */
    void print() {
        for (FrozenTrial t : study.trials()) {
            if (t.isFinished() && said.add(t.number())) {
                out.println(line(t));
            }
        }
        out.flush();
    }

    private String line(FrozenTrial t) {
        String outcome = switch (t.state()) {
            case COMPLETE, PRUNED -> String.format(Locale.ROOT, " %s %.4f after %d epochs", metric, t.value(),
                    t.intermediateValues().size());
            case FAIL -> " (" + t.systemAttrs().get(Study.FAIL_REASON_ATTR) + ")";
            default -> "";
        };
        String where = t.userAttrs().get(TaskPlacement.ATTR) instanceof Map<?, ?> m
                ? " (executor " + m.get("executor_id") + " on " + m.get("host") + ", task " + m.get("partition")
                        + " attempt " + m.get("attempt") + ")"
                : "";
        String uncounted = t.state() == TrialState.FAIL && t.systemAttrs().containsKey(Storage.DIED_ATTR)
                ? "; it does not count toward the study's trials" : "";
        return "trial " + t.number() + " " + t.state() + outcome + where + uncounted;
    }
}
