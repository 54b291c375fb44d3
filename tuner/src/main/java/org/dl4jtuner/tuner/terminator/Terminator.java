package org.dl4jtuner.tuner.terminator;

import java.util.Map;
import java.util.Optional;

import org.dl4jtuner.tuner.Study;

/**
 * Decides that a study should start no more trials, and says why. The study asks before each new
 * trial of {@code optimize} (from the trials finished so far); once one answers, no trial starts,
 * the running ones finish, and the study records the answer as its
 * {@value Study#STOP_REASON_ATTR} attribute.
 *
 * <pre>{@code
 * Study study = Study.builder().terminator(Terminators.noImprovement(30)).build();
 * study.optimize(objective, 500);
 * study.stopReason();   // Optional["no improvement in the 30 trials after trial 41 ..."]
 * }</pre>
 */
@FunctionalInterface
public interface Terminator {

    /** Why the study should start no more trials, or empty to go on. */
    Optional<String> reasonToStop(Study study);

    /** A short name recorded with the reason. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** The terminator's type and options, for provenance. */
    default Map<String, Object> settings() {
        return Map.of("type", name());
    }
}
