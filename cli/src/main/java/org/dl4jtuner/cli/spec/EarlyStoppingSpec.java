package org.dl4jtuner.cli.spec;

/**
 * The {@code early_stopping} section.
 *
 * @param patience epochs without improvement to tolerate
 * @param minDelta smallest improvement that counts
 */
public record EarlyStoppingSpec(int patience, double minDelta) {
}
