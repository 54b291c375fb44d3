package org.dl4jtuner.cli.spec;

import java.util.Map;

import org.dl4jtuner.tuner.space.ParameterSpace;

/**
 * The {@code model} section.
 *
 * @param type      mlp, cnn, lstm or custom
 * @param className the custom network's class (implementing {@code org.dl4jtuner.models.CustomNetwork}); null otherwise
 * @param space     each hyperparameter's fixed value or range (for a family, omitted ones take its defaults)
 */
public record ModelSpec(String type, String className, Map<String, ParameterSpace> space) {
    /** Whether the network comes from a class of the user's. */
    public boolean isCustom() {
        return "custom".equals(type);
    }
}
