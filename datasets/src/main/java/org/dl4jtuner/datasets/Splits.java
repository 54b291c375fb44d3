package org.dl4jtuner.datasets;

/**
 * Train, validation and (optional) test splits of one dataset.
 *
 * @param train      fits the weights
 * @param validation scores each epoch for pruning and model choice
 * @param test       scores the best trial once at the end; may be null
 */
public record Splits(LabeledData train, LabeledData validation, LabeledData test) {
}
