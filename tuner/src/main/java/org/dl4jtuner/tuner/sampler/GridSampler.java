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
 *
 * <p>{@link #ofPoints(List)} takes the points themselves instead, for conditional spaces where a
 * point names only the parameters its trial suggests (one layer: {@code units_1}; two layers:
 * {@code units_1} and {@code units_2}):
 *
 * <pre>{@code
 * GridSampler.ofPoints(List.of(Map.of("layers", 1, "units_1", 32),
 *                              Map.of("layers", 2, "units_1", 32, "units_2", 64)));
 * }</pre>
 */
public final class GridSampler implements Sampler {
    /** System attribute holding a trial's grid point index. */
    public static final String GRID_ID_ATTR = "grid_id";
    private static final Logger LOG = LoggerFactory.getLogger(GridSampler.class);

    private final Map<String, List<Object>> grid;
    private final List<String> names;
    private final int size;
    /** The points given one by one ({@link #ofPoints}), or null for a Cartesian product. */
    private final List<Map<String, Object>> points;

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
        this.points = null;
    }

    private GridSampler(List<Map<String, Object>> points) {
        this.grid = Map.of();
        this.names = List.of();
        this.size = points.size();
        this.points = points;
    }

    /**
     * A grid of the given points, visited in the order given; each point maps every parameter its
     * trial suggests to a value. Points may name different parameters (conditional spaces).
     */
    public static GridSampler ofPoints(List<? extends Map<String, ?>> points) {
        Requires.argument(points != null && !points.isEmpty(), () -> "a grid needs at least one point, but got " + points);
        List<Map<String, Object>> copy = new ArrayList<>();
        for (Map<String, ?> p : points) {
            Requires.argument(p != null && !p.isEmpty(), () -> "every grid point must name a parameter, but got " + p);
            copy.add(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(p)));
        }
        return new GridSampler(List.copyOf(copy));
    }

    /** The number of grid points. */
    public int size() {
        return size;
    }

    /** The parameter values at a grid point index. */
    public Map<String, Object> point(int index) {
        Requires.argument(index >= 0 && index < size, () -> "0 <= index < " + size + " must hold, but got index=" + index);
        if (points != null) {
            return points.get(index);
        }
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
        Requires.argument(points != null || grid.containsKey(name), () ->
                "parameter '" + name + "' is not in the grid, which has " + names);
        Object index = trial.systemAttrs().get(GRID_ID_ATTR);
        Requires.argument(index instanceof Number, () -> "trial " + trial.number() + " has no grid point");
        Map<String, Object> point = point(((Number) index).intValue());
        Requires.argument(point.containsKey(name), () ->
                "parameter '" + name + "' is not in grid point " + index + ", which has " + point.keySet());
        Object value = point.get(name);
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
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("type", "grid");
        settings.put("points", size);
        return settings;
    }

    /** Proposals ignore the values, so any number of objectives works. */
    @Override
    public boolean supportsMultiObjective() {
        return true;
    }

    @Override
    public String name() {
        return "grid(" + size + " points)";
    }
}
