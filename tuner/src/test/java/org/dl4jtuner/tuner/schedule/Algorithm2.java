package org.dl4jtuner.tuner.schedule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ASHA's Algorithm 2 (Li et al. 2020) written out plainly for one worker and a maximised curve
 * table, as the reference the scheduler is checked against: the jobs (trial, resource) in order.
 */
final class Algorithm2 {
    private Algorithm2() {
    }

    static List<List<Integer>> jobs(int trials, List<Integer> rungs, int eta) {
        Map<Integer, List<Double>> rungValues = new HashMap<>();
        Map<Integer, Boolean> paused = new HashMap<>();
        List<List<Integer>> jobs = new ArrayList<>();
        int started = 0;
        while (true) {
            int trial = -1;
            int rung = -1;
            search:
            for (int k = rungs.size() - 2; k >= 0; k--) {
                int at = k;
                List<Integer> reached = new ArrayList<>(rungValues.keySet().stream()
                        .filter(t -> rungValues.get(t).size() > at).toList());
                reached.sort(Comparator.comparingDouble((Integer t) -> -rungValues.get(t).get(at))
                        .thenComparingInt(t -> t));
                for (int t : reached.subList(0, reached.size() / eta)) {
                    if (paused.get(t) && rungValues.get(t).size() == k + 1) {
                        trial = t;
                        rung = k + 1;
                        break search;
                    }
                }
            }
            if (trial < 0) {
                if (started == trials) {
                    return jobs;
                }
                trial = started++;
                rung = 0;
                rungValues.put(trial, new ArrayList<>());
            }
            jobs.add(List.of(trial, rungs.get(rung)));
            rungValues.get(trial).add(CurveTableObjective.value(trial, rungs.get(rung)));
            paused.put(trial, rung < rungs.size() - 1);
        }
    }
}
