package org.dl4jtuner.tuner.sampler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.distribution.Distribution;
import org.dl4jtuner.tuner.util.Requires;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exhaustive search over the Cartesian product of given values. Grid points are visited in a
 * fixed order (parameter names sorted, last name varying fastest); each trial claims its point
 * in storage, so parallel workers and resumed studies never repeat one. The study stops when
 * every point has been claimed.
 */
public final class GridSampler implements Sampler {
    /** System attribute holding a trial's grid point index. */
    public static final String GRID_ID_ATTR = "grid_id";
    private static final Logger LOG = LoggerFactory.getLogger(GridSampler.class);

    private final Map<String, List<Object>> grid;
    private final List<String> names;
    private final int size;

    /** A grid over the given values per parameter name. */
    public GridSampler(Map<String, ? extends List<?>> grid) {
        Requires.argument(grid != null && !grid.isEmpty(), () -> "grid must name at least one parameter, but got " + grid);
        Map<String, List<Object>> copy = new TreeMap<>();
        long points = 1;
        for (Map.Entry<String, ? extends List<?>> e : grid.entrySet()) {
            Requires.argument(e.getValue() != null && !e.getValue().isEmpty(), () ->
                    "grid values of '" + e.getKey() + "' must hold at least one value, but got " + e.getValue());
            copy.put(e.getKey(), List.copyOf(e.getValue()));
            points *= e.getValue().size();
            Requires.argument(points <= Integer.MAX_VALUE, () -> "grid has more than " + Integer.MAX_VALUE + " points");
        }
        this.grid = copy;
        this.names = new ArrayList<>(copy.keySet());
        this.size = (int) points;
    }

    /** The number of grid points. */
    public int size() {
        return size;
    }

    /** The parameter values at a grid point index. */
    public Map<String, Object> point(int index) {
        Requires.argument(index >= 0 && index < size, () -> "0 <= index < " + size + " must hold, but got index=" + index);
        Map<String, Object> point = new LinkedHashMap<>();
        int rest = index;
        for (int i = names.size() - 1; i >= 0; i--) {
            List<Object> values = grid.get(names.get(i));
            point.put(names.get(i), values.get(rest % values.size()));
            rest /= values.size();
        }
        return point;
    }

    @Override
    public void beforeTrial(Study study, FrozenTrial trial) {
        if (trial.systemAttrs().containsKey(GRID_ID_ATTR)) {
            return;
        }
        boolean[] taken = takenPoints(study);
        for (int index = 0; index < size; index++) {
            if (!taken[index] && study.storage().claim(study.id(), "grid:" + index, trial.id())) {
                study.storage().setTrialSystemAttr(trial.id(), GRID_ID_ATTR, index);
                return;
            }
        }
        int index = Math.floorMod(trial.number(), size);
        LOG.warn("Every grid point is taken; trial {} repeats grid point {}", trial.number(), index);
        study.storage().setTrialSystemAttr(trial.id(), GRID_ID_ATTR, index);
    }

    private boolean[] takenPoints(Study study) {
        boolean[] taken = new boolean[size];
        for (FrozenTrial t : study.trials()) {
            if (t.systemAttrs().get(GRID_ID_ATTR) instanceof Number n && n.intValue() < size) {
                taken[n.intValue()] = true;
            }
        }
        return taken;
    }

    @Override
    public Object sampleIndependent(Study study, FrozenTrial trial, String name, Distribution distribution) {
        Requires.argument(grid.containsKey(name), () ->
                "parameter '" + name + "' is not in the grid, which has " + names);
        Object index = trial.systemAttrs().get(GRID_ID_ATTR);
        Requires.argument(index instanceof Number, () -> "trial " + trial.number() + " has no grid point");
        Object value = point(((Number) index).intValue()).get(name);
        distribution.toInternal(value);
        return value;
    }

    @Override
    public boolean isExhausted(Study study) {
        boolean[] taken = takenPoints(study);
        for (boolean t : taken) {
            if (!t) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String name() {
        return "grid(" + size + " points)";
    }
}
