package org.dl4jtuner.cli.spec;

import java.util.Map;

/**
 * The {@code sampler} section.
 *
 * @param type    random, grid, sobol, tpe, gp, cmaes, evolution or bohb
 * @param seed    the sampler's seed, or null for the study seed
 * @param options further options, as written
 */
public record SamplerSpec(String type, Long seed, Map<String, Object> options) {
}
