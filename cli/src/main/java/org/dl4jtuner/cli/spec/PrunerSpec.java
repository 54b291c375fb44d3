package org.dl4jtuner.cli.spec;

import java.util.Map;

/**
 * The {@code pruner} section.
 *
 * @param type      none, median, percentile, patience, asha or hyperband
 * @param minEpochs epochs before the first rung
 * @param maxEpochs epochs a trial trains at most
 * @param eta       reduction factor
 * @param options   warmup_trials, warmup_steps, percentile, patience, min_delta
 */
public record PrunerSpec(String type, int minEpochs, int maxEpochs, int eta, Map<String, Object> options) {
}
