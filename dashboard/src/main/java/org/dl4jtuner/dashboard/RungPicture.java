package org.dl4jtuner.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.hyperband.Bracket;
import org.dl4jtuner.tuner.hyperband.Hyperband;
import org.dl4jtuner.tuner.hyperband.HyperbandPlan;
import org.dl4jtuner.tuner.pruner.HyperbandPruner;
import org.dl4jtuner.tuner.pruner.ParetoRungPruner;
import org.dl4jtuner.tuner.pruner.SuccessiveHalvingPruner;

/**
 * Where the pruner cut, as data for a picture. Under Hyperband (asynchronous or synchronous) or
 * successive halving (read from the study's recorded pruner settings) there is one group per
 * bracket, one row per rung: the
 * rung's epoch, how many trials reached it and how many were let past it. Under any other pruner
 * there is one group whose rows are the epochs at which trials stopped.
 */
final class RungPicture {
    private RungPicture() {
    }

    static Map<String, Object> of(Map<String, Object> prunerSettings, List<FrozenTrial> trials) {
        Object type = prunerSettings == null ? null : prunerSettings.get("type");
        if ("hyperband".equals(type) && Boolean.TRUE.equals(prunerSettings.get("synchronous"))
                && prunerSettings.get("min_resource") instanceof Number min
                && prunerSettings.get("max_resource") instanceof Number max
                && prunerSettings.get("eta") instanceof Number eta) {
            return synchronousRungs(Hyperband.plan(min.intValue(), max.intValue(), eta.intValue()), trials);
        }
        if (("hyperband".equals(type) || "successive_halving".equals(type))
                && prunerSettings.get("min_resource") instanceof Number min
                && prunerSettings.get("eta") instanceof Number eta) {
            long max = prunerSettings.get("max_resource") instanceof Number m ? m.longValue() : Long.MAX_VALUE;
            int rate = prunerSettings.get("min_early_stopping_rate") instanceof Number r ? r.intValue() : 0;
            return rungs(String.valueOf(type), min.longValue(), max, eta.intValue(), rate, trials);
        }
        // pareto_asha, successive halving for several objectives, records its rungs under its own prefix
        if ("pareto_asha".equals(type) && prunerSettings.get("min_resource") instanceof Number min
                && prunerSettings.get("eta") instanceof Number eta) {
            long max = prunerSettings.get("max_resource") instanceof Number m ? m.longValue() : Long.MAX_VALUE;
            return rungs("pareto_asha", min.longValue(), max, eta.intValue(), 0, trials);
        }
        return stops(trials);
    }

    private static Map<String, Object> rungs(String type, long min, long max, int eta, int rate,
            List<FrozenTrial> trials) {
        boolean hyperband = type.equals("hyperband");
        String prefix = type.equals("pareto_asha") ? ParetoRungPruner.RUNG_ATTR_PREFIX
                : SuccessiveHalvingPruner.RUNG_ATTR_PREFIX;
        Map<Integer, List<FrozenTrial>> byBracket = new TreeMap<>();
        for (FrozenTrial t : trials) {
            if (t.state() == TrialState.WAITING) {
                continue;
            }
            int bracket = hyperband ? (t.systemAttrs().get(HyperbandPruner.BRACKET_ATTR) instanceof Number n
                    ? n.intValue() : -1) : 0;
            if (bracket >= 0) {
                byBracket.computeIfAbsent(bracket, b -> new ArrayList<>()).add(t);
            }
        }
        List<Map<String, Object>> groups = new ArrayList<>();
        for (Map.Entry<Integer, List<FrozenTrial>> e : byBracket.entrySet()) {
            int skip = hyperband ? e.getKey() : rate;
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int k = 0; ; k++) {
                long step = rungStep(min, eta, skip + k);
                if (step >= max) {
                    break;
                }
                String key = prefix + k;
                int reached = 0;
                int continued = 0;
                for (FrozenTrial t : e.getValue()) {
                    if (t.systemAttrs().containsKey(key)) {
                        reached++;
                        if (t.lastStep() > step) {
                            continued++;
                        }
                    }
                }
                rows.add(row("rung " + k, step, reached, continued));
                if (max == Long.MAX_VALUE && reached == 0) {
                    break; // unbounded: rungs end with the first one nobody reached
                }
            }
            if (max < Long.MAX_VALUE) {
                int finished = 0;
                for (FrozenTrial t : e.getValue()) {
                    if (t.lastStep() >= max) {
                        finished++;
                    }
                }
                rows.add(row("full training", max, finished, finished));
            }
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("name", hyperband ? "bracket " + e.getKey()
                    : type.equals("pareto_asha") ? "successive halving by dominance" : "successive halving");
            group.put("trials", e.getValue().size());
            group.put("rows", rows);
            groups.add(group);
        }
        Map<String, Object> picture = new LinkedHashMap<>();
        picture.put("kind", type);
        picture.put("groups", groups);
        return picture;
    }

    /**
     * Synchronous Hyperband (Algorithm 1) records each trial's bracket s and its value at every rung
     * it reached ({@link Hyperband#BRACKET_ATTR}, {@link Hyperband#RUNG_ATTR_PREFIX}); its rungs are
     * the plan's, not those of the asynchronous pruner.
     */
    private static Map<String, Object> synchronousRungs(HyperbandPlan plan, List<FrozenTrial> trials) {
        List<Map<String, Object>> groups = new ArrayList<>();
        for (Bracket bracket : plan.brackets()) {
            List<FrozenTrial> in = trials.stream()
                    .filter(t -> t.systemAttrs().get(Hyperband.BRACKET_ATTR) instanceof Number n && n.intValue() == bracket.s())
                    .toList();
            if (in.isEmpty()) {
                continue;
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < bracket.rungs().size(); i++) {
                String key = Hyperband.RUNG_ATTR_PREFIX + i;
                String next = Hyperband.RUNG_ATTR_PREFIX + (i + 1);
                boolean last = i == bracket.rungs().size() - 1;
                int reached = (int) in.stream().filter(t -> t.systemAttrs().containsKey(key)).count();
                int continued = last ? reached : (int) in.stream().filter(t -> t.systemAttrs().containsKey(next)).count();
                rows.add(row(last ? "full training" : "rung " + i, bracket.rungs().get(i).r(), reached, continued));
            }
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("name", "bracket s=" + bracket.s());
            group.put("trials", in.size());
            group.put("rows", rows);
            groups.add(group);
        }
        Map<String, Object> picture = new LinkedHashMap<>();
        picture.put("kind", "hyperband");
        picture.put("groups", groups);
        return picture;
    }

    private static long rungStep(long min, int eta, int k) {
        long step = min;
        for (int i = 0; i < k && step <= Long.MAX_VALUE / eta; i++) {
            step *= eta;
        }
        return step;
    }

    /** Without rungs: how many finished trials got to each epoch at which some finished trial stopped. */
    private static Map<String, Object> stops(List<FrozenTrial> trials) {
        TreeSet<Integer> ends = new TreeSet<>();
        List<FrozenTrial> finished = new ArrayList<>();
        for (FrozenTrial t : trials) {
            if (t.isFinished() && t.lastStep() >= 0) {
                finished.add(t);
                ends.add(t.lastStep());
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int step : ends) {
            int reached = 0;
            int continued = 0;
            for (FrozenTrial t : finished) {
                if (t.lastStep() >= step) {
                    reached++;
                }
                if (t.lastStep() > step) {
                    continued++;
                }
            }
            rows.add(row("epoch " + step, step, reached, continued));
        }
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("name", "epochs reached");
        group.put("trials", finished.size());
        group.put("rows", rows);
        Map<String, Object> picture = new LinkedHashMap<>();
        picture.put("kind", "epochs");
        picture.put("groups", List.of(group));
        return picture;
    }

    private static Map<String, Object> row(String label, long step, int reached, int continued) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("label", label);
        row.put("step", step);
        row.put("reached", reached);
        row.put("continued", continued);
        return row;
    }
}
