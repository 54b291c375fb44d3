package org.dl4jtuner.examples.casestudies.cartpole;

import java.util.List;

/**
 * The exploration of epsilon-greedy action choice: the chance of a random action falls linearly
 * from {@code start} to {@code end} over the first {@code decayFraction} of the training steps,
 * then stays at {@code end}. A fixed epsilon has {@code start == end}.
 *
 * <pre>{@code
 * EpsilonSchedule.named("decay_0.05_over_20%").epsilon(1_000, 10_000); // 0.525
 * }</pre>
 *
 * @param start         epsilon at the first step, in [0, 1]
 * @param end           epsilon after the decay, in [0, 1]
 * @param decayFraction the share of training steps the decay takes, in [0, 1]
 */
public record EpsilonSchedule(double start, double end, double decayFraction) {
    /** The schedules the case study searches, by name (the first is the baseline's). */
    public static final List<String> NAMES = List.of("fixed_0.1", "decay_0.05_over_20%", "decay_0.01_over_50%");

    /** Checks that every value is in [0, 1]. */
    public EpsilonSchedule {
        check("start", start);
        check("end", end);
        check("decayFraction", decayFraction);
    }

    /** A schedule that never changes. */
    public static EpsilonSchedule fixed(double epsilon) {
        return new EpsilonSchedule(epsilon, epsilon, 0);
    }

    /** A schedule by one of the {@link #NAMES}: fixed 0.1, or a decay from 1 to 0.05 or 0.01. */
    public static EpsilonSchedule named(String name) {
        return switch (name) {
            case "fixed_0.1" -> fixed(0.1);
            case "decay_0.05_over_20%" -> new EpsilonSchedule(1.0, 0.05, 0.2);
            case "decay_0.01_over_50%" -> new EpsilonSchedule(1.0, 0.01, 0.5);
            default -> throw new IllegalArgumentException("exploration must be one of " + NAMES + ", but got '" + name + "'");
        };
    }

    /** Epsilon at {@code step} (0-based) of {@code totalSteps}. */
    public double epsilon(long step, long totalSteps) {
        double decaySteps = decayFraction * totalSteps;
        if (decaySteps <= 0 || step >= decaySteps) {
            return end;
        }
        return start + (end - start) * step / decaySteps;
    }

    private static void check(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], but got " + value);
        }
    }
}
