package org.dl4jtuner.cli.spec;

import java.util.List;
import java.util.Map;

/**
 * The {@code sampler} section.
 *
 * @param type    random, grid, sobol, tpe, gp, cmaes, evolution or bohb
 * @param seed    the sampler's seed, or null for the study seed
 * @param options the type's options (see {@link SpecKeys#SAMPLER_OPTIONS}), defaults filled in where they
 *                do not depend on the study
 * @param grid    for grid, the points to visit in order (each maps the parameters its trial suggests
 *                to values); empty for the other types
 */
public record SamplerSpec(String type, Long seed, Map<String, Object> options, List<Map<String, Object>> grid) {
    /** Copies the options and grid. */
    public SamplerSpec {
        options = Map.copyOf(options);
        grid = List.copyOf(grid);
    }

    /** A sampler without grid points. */
    public SamplerSpec(String type, Long seed, Map<String, Object> options) {
        this(type, seed, options, List.of());
    }
}
