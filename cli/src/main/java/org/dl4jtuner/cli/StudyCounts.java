package org.dl4jtuner.cli;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.storage.StudyRecord;

/**
 * A stored study at a glance: its trials by state and its best trial, for {@code studies} and
 * {@code delete-study}.
 *
 * <pre>
 * StudyCounts.of(record, trials).describe()   // "12 trials (10 COMPLETE, 1 PRUNED, 1 FAIL)"
 * </pre>
 */
record StudyCounts(StudyRecord study, int trials, Map<TrialState, Integer> byState, FrozenTrial best) {

    StudyCounts {
        byState = Map.copyOf(byState);
    }

    static StudyCounts of(StudyRecord study, List<FrozenTrial> trials) {
        Map<TrialState, Integer> byState = new EnumMap<>(TrialState.class);
        trials.forEach(t -> byState.merge(t.state(), 1, Integer::sum));
        FrozenTrial best = study.direction().best(trials.stream().filter(t -> t.state() == TrialState.COMPLETE).toList());
        return new StudyCounts(study, trials.size(), byState, best);
    }

    /** "N trials (a COMPLETE, b FAIL)" with the states in their declared order; "no trials" when empty. */
    String describe() {
        if (trials == 0) {
            return "no trials";
        }
        return trials + (trials == 1 ? " trial (" : " trials (") + states().entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")) + ")";
    }

    /** The counts in the order of {@link TrialState}, states without trials left out. */
    Map<TrialState, Integer> states() {
        Map<TrialState, Integer> ordered = new EnumMap<>(TrialState.class);
        ordered.putAll(byState);
        return ordered;
    }

    String direction() {
        return study.direction().name().toLowerCase(Locale.ROOT);
    }
}
