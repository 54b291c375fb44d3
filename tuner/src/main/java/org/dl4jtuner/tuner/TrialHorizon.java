package org.dl4jtuner.tuner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rule of a reproducible study ({@link Study.Builder#reproducible(int)}): what the sampler and
 * the pruner may see while they work for trial {@code n}, and when that is settled.
 *
 * <p>Trial n's view holds the trials numbered below {@code n - lag} as storage holds them (all
 * finished, so they no longer change), and the trials numbered {@code n - lag} to {@code n - 1} as
 * they were when their own ask ended: RUNNING, with no parameters, values or reports, and only the
 * system attributes recorded by then (seed, grid point, CMA-ES generation, jointly proposed
 * parameters, ...), whose names the ask lists in {@link Study#ASKED_ATTR}. Trials numbered n and
 * above are not in it. Heartbeats and worker names, which differ from run to run, are left out of
 * those pending trials; no built-in strategy reads them or the timestamps of finished trials.
 *
 * <p>The view is settled once every trial below {@code n - lag} has finished and trial
 * {@code n - 1} has finished its ask (asks then happen in trial-number order, across processes too).
 */
final class TrialHorizon {
    private final int lag;

    TrialHorizon(int lag) {
        this.lag = lag;
    }

    int lag() {
        return lag;
    }

    /**
     * The first trial that keeps trial {@code number}'s view from being settled, or null when it is
     * settled: a trial below {@code number - lag} that has not finished, or trial {@code number - 1}
     * while its ask is still under way.
     */
    FrozenTrial blocking(List<FrozenTrial> all, int number) {
        for (FrozenTrial t : all) {
            if (t.number() < number - lag && !t.isFinished()) {
                return t;
            }
            if (t.number() == number - 1 && !t.isFinished() && !t.systemAttrs().containsKey(Study.ASKED_ATTR)) {
                return t;
            }
        }
        return null;
    }

    /** Trial {@code number}'s view of {@code all}, keeping the trials in {@code states} (every state if empty). */
    List<FrozenTrial> view(List<FrozenTrial> all, int number, Set<TrialState> states) {
        List<FrozenTrial> seen = new ArrayList<>();
        for (FrozenTrial t : all) {
            if (t.number() >= number) {
                continue;
            }
            FrozenTrial v = t.number() < number - lag ? t : asAsked(t);
            if (states.isEmpty() || states.contains(v.state())) {
                seen.add(v);
            }
        }
        return seen;
    }

    /** A trial as it was when its ask ended. */
    private static FrozenTrial asAsked(FrozenTrial t) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        if (t.systemAttrs().get(Study.ASKED_ATTR) instanceof List<?> names) {
            for (Object name : names) {
                if (t.systemAttrs().containsKey(name)) {
                    attrs.put((String) name, t.systemAttrs().get(name));
                }
            }
        }
        return new FrozenTrial(t.id(), t.number(), TrialState.RUNNING, null, Map.of(), Map.of(), new TreeMap<>(),
                Map.of(), attrs, t.start(), null);
    }

    /** The system attributes a trial's ask may record as part of its fixed state: all but liveness. */
    static boolean fixedAtAsk(String name) {
        return !Set.of(Study.WORKER_ATTR, Study.HEARTBEAT_ATTR, Study.ASKED_ATTR).contains(name);
    }
}
