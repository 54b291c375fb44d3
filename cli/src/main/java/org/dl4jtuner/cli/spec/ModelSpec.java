package org.dl4jtuner.cli.spec;

import java.util.Map;

import org.dl4jtuner.tuner.space.ParameterSpace;

/**
 * The {@code model} section.
 *
 * @param type  mlp, cnn or lstm
 * @param space each hyperparameter's fixed value or range (omitted ones take the family defaults)
 */
public record ModelSpec(String type, Map<String, ParameterSpace> space) {
}
