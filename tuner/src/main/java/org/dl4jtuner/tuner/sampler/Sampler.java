package org.dl4jtuner.tuner.sampler;

import java.util.Map;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.distribution.Distribution;

/**
 * Proposes parameter values. A sampler keeps no state of its own: it reads the study's finished
 * trials from storage and writes anything it must remember as trial system attributes.
 *
 * <p>Two ways to propose: <em>relative</em> sampling draws several parameters jointly at the start
 * of a trial over a search space inferred from past trials (multivariate models, grids, Sobol);
 * <em>independent</em> sampling draws one parameter when the objective first asks for it.
 * Parameters the relative step did not cover fall back to independent sampling.
 */
public interface Sampler {

    /** Draws a value (external form: Double, Integer or a choice) for one parameter. */
    Object sampleIndependent(Study study, FrozenTrial trial, String name, Distribution distribution);

    /** The parameters to sample jointly for this trial; the default samples none jointly. */
    default Map<String, Distribution> inferRelativeSearchSpace(Study study, FrozenTrial trial) {
        return Map.of();
    }

    /** Draws values for the relative search space; the default draws none. */
    default Map<String, Object> sampleRelative(Study study, FrozenTrial trial, Map<String, Distribution> space) {
        return Map.of();
    }

    /** Called when a trial starts, before any parameter is drawn. */
    default void beforeTrial(Study study, FrozenTrial trial) {
    }

    /** Called when a trial finishes, before its state is stored. */
    default void afterTrial(Study study, FrozenTrial trial, TrialState state, Double value) {
    }

    /** Whether the sampler has nothing left to propose (a finished grid); the study then stops. */
    default boolean isExhausted(Study study) {
        return false;
    }

    /**
     * Whether the sampler works for a study of several objectives ({@link Study#directions()}); a
     * multi-objective study refuses, when it is built, a sampler that says no. The default says no:
     * a sampler that models one value cannot rank vectors.
     */
    default boolean supportsMultiObjective() {
        return false;
    }

    /** A short name recorded with every trial. */
    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * The sampler's settings for provenance and dashboards: {@code type}, the {@code seed} and the
     * options in effect, under the names {@link org.dl4jtuner.tuner.strategy.StrategyRegistry}
     * knows (e.g. {@code startup_trials} for TPE), so the registry can build the same sampler again.
     * The study records it as its {@link Study#SAMPLER_SETTINGS_ATTR} attribute.
     */
    default Map<String, Object> settings() {
        return Map.of("type", name());
    }
}
