package org.dl4jtuner.tuner.terminator;

/**
 * Factories for the built-in terminators.
 *
 * <pre>{@code
 * Study.builder().terminator(Terminators.noImprovement(30)).build();
 * Study.builder().terminator(Terminators.regretBound()).build();        // noise from cross-validation or the fit
 * Study.builder().terminator(Terminators.regretBound(0.005)).build();   // stop when less than 0.005 is left to gain
 * Study.builder().terminator(Terminators.converged(0.005)).build();     // stop when no gain above the noise is expected
 * }</pre>
 */
public final class Terminators {
    private Terminators() {
    }

    /** Stops after {@code trials} finished trials without a better value than the best one ({@link NoImprovementTerminator}). */
    public static Terminator noImprovement(int trials) {
        return new NoImprovementTerminator(trials);
    }

    /**
     * Stops when the regret bound of Makarova et al. 2022 falls below the objective's noise, taken
     * from the best trial's cross-validation scores or else estimated by the Gaussian process
     * ({@link RegretBoundTerminator}).
     */
    public static Terminator regretBound() {
        return RegretBoundTerminator.builder().build();
    }

    /** Stops when any of {@code terminators} says so (asked in order), giving that one's name and reason. */
    public static Terminator anyOf(java.util.List<Terminator> terminators) {
        return terminators.size() == 1 ? terminators.get(0) : new FirstOfTerminator(terminators);
    }

    /** As {@link #regretBound()}, against a known noise standard deviation in the objective's units. */
    public static Terminator regretBound(double noiseStd) {
        return RegretBoundTerminator.builder().noise(noiseStd).build();
    }

    /**
     * Stops when the best trials lie clearly below the median trial (more than noise explains)
     * and a regret bound with a confidence scaled to the dimension falls below the objective's
     * noise, taken from the best trial's cross-validation scores or else estimated by the Gaussian
     * process ({@link ConvergedTerminator}).
     */
    public static Terminator converged() {
        return ConvergedTerminator.builder().build();
    }

    /** As {@link #converged()}, against a known noise standard deviation in the objective's units. */
    public static Terminator converged(double noiseStd) {
        return ConvergedTerminator.builder().noise(noiseStd).build();
    }
}
