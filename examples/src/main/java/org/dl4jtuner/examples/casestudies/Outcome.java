package org.dl4jtuner.examples.casestudies;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a case study's before/after table: a configuration, its cross-validated score on the
 * training part, and the score of the model refitted on the whole training part on the held-out
 * test part.
 *
 * @param params     the hyperparameters, by name (the library's defaults for the baseline)
 * @param validation the mean score over the cross-validation folds
 * @param test       the score on the held-out test part
 */
public record Outcome(Map<String, ?> params, double validation, double test) {
    /** Copies the parameters, keeping their order. */
    public Outcome {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
