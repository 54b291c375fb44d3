package org.dl4jtuner.cli.spec;

import java.time.Duration;

import org.dl4jtuner.tuner.Direction;

/**
 * The {@code study} section.
 *
 * @param name      study name
 * @param direction minimize or maximize
 * @param metric    accuracy, f1, loss, rmse, mae or r2
 * @param seed      study seed
 * @param trials    trials to run
 * @param timeLimit stop starting trials after this long, or null
 * @param parallel  trials at a time
 * @param storage   storage URL, or null for memory
 */
public record StudySection(String name, Direction direction, String metric, long seed, int trials, Duration timeLimit,
        int parallel, String storage) {
}
