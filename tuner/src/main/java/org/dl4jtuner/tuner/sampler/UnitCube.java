package org.dl4jtuner.tuner.sampler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.distribution.CategoricalDistribution;
import org.dl4jtuner.tuner.distribution.Distribution;
import org.dl4jtuner.tuner.distribution.FloatDistribution;
import org.dl4jtuner.tuner.distribution.IntDistribution;

/**
 * A search space as points of [0, 1]^d for the samplers that work on vectors (GP, CMA-ES,
 * evolution). Numeric parameters map through their distribution's unit map (log-scaled where the
 * distribution is); integers and stepped floats are <em>discrete</em> and snap to the centre of
 * their grid cell; a categorical parameter is held as its choice index (0, 1, ...), not scaled.
 */
final class UnitCube {
    private final List<String> names;
    private final List<Distribution> dists;
    private final boolean[] categorical;
    private final boolean[] discrete;

    UnitCube(Map<String, Distribution> space) {
        this.names = new ArrayList<>(space.keySet());
        this.dists = new ArrayList<>(space.values());
        int d = names.size();
        this.categorical = new boolean[d];
        this.discrete = new boolean[d];
        for (int j = 0; j < d; j++) {
            Distribution dist = dists.get(j);
            categorical[j] = dist instanceof CategoricalDistribution;
            discrete[j] = dist instanceof IntDistribution
                    || (dist instanceof FloatDistribution f && f.step() != null);
        }
    }

    int dimension() {
        return names.size();
    }

    /** Which coordinates are categorical indices. */
    boolean[] categorical() {
        return categorical.clone();
    }

    /** Which coordinates live on a grid (integers, stepped floats). */
    boolean[] discrete() {
        return discrete.clone();
    }

    /** The number of choices of a categorical coordinate. */
    int choices(int j) {
        return ((CategoricalDistribution) dists.get(j)).choices().size();
    }

    /** The trial's point, or null when it lacks a parameter or holds one outside its distribution. */
    double[] encode(FrozenTrial trial) {
        double[] x = new double[names.size()];
        for (int j = 0; j < x.length; j++) {
            double internal = SearchSpaces.internalOrNaN(trial, names.get(j), dists.get(j));
            if (Double.isNaN(internal)) {
                return null;
            }
            x[j] = categorical[j] ? internal : dists.get(j).toUnit(internal);
        }
        return x;
    }

    /** Moves a coordinate onto a valid value: clipped into [0, 1], discrete ones onto their grid. */
    double snap(int j, double u) {
        if (categorical[j]) {
            return Math.max(0, Math.min(choices(j) - 1, Math.rint(u)));
        }
        double clipped = Math.max(0, Math.min(1, u));
        return discrete[j] ? dists.get(j).toUnit(dists.get(j).fromUnit(clipped)) : clipped;
    }

    /** Snaps every coordinate in place and returns the point. */
    double[] snap(double[] x) {
        for (int j = 0; j < x.length; j++) {
            x[j] = snap(j, x[j]);
        }
        return x;
    }

    /** The parameter values (external form) of a point. */
    Map<String, Object> decode(double[] x) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int j = 0; j < x.length; j++) {
            Distribution d = dists.get(j);
            double internal = categorical[j] ? snap(j, x[j]) : d.fromUnit(x[j]);
            values.put(names.get(j), d.toExternal(internal));
        }
        return values;
    }
}
