package org.dl4jtuner.tuner.sampler;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.distribution.CategoricalDistribution;
import org.dl4jtuner.tuner.distribution.Distribution;

/**
 * Whether a warm-started study still follows its past studies: the test behind TPE's transfer
 * ({@link TpeSampler.Builder#transfer(boolean)}). A past study's best configurations should do as
 * well here as there; a configuration drawn at random should not beat them. So the first trial
 * the sampler proposes is a random <em>probe</em>; while no probe has done better than the best
 * trial that came from the past (the enqueued past best configurations and the trials the past led),
 * the past <em>leads</em>; once a probe beats them the study goes its <em>own</em> way for good,
 * as a cold study would, with its random start-up.
 *
 * <p>Each trial records its mode ({@value TpeSampler#WARM_START_MODE_ATTR}: {@code probe},
 * {@code past} or {@code own}); the mode of the next trial follows from those records and the
 * values, so a resumed study continues where it was. Trials whose parameters were given (enqueued)
 * get no mode.
 */
final class WarmStartGuard {
    /** Random probes before the past may lead. */
    static final int PROBES = 1;

    /** What the sampler does for a trial of a warm-started study. */
    enum Mode {
        /** A random configuration, to compare the past's best with. */
        PROBE,
        /** The past leads: local search from its best region, or TPE weighted towards it. */
        PAST,
        /** The past did worse than a probe: TPE as in a cold study, the past weighted by its similarity. */
        OWN;

        /** The name recorded on the trial. */
        String recorded() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The mode a trial recorded, or null. */
        static Mode of(FrozenTrial trial) {
            Object m = trial.systemAttrs().get(TpeSampler.WARM_START_MODE_ATTR);
            return m == null ? null : valueOf(m.toString().toUpperCase(Locale.ROOT));
        }
    }

    private WarmStartGuard() {
    }

    /** The mode of {@code trial}, from the modes and values of the study's other trials; null for an enqueued trial. */
    static Mode decide(Study study, FrozenTrial trial) {
        if (trial.systemAttrs().containsKey(Trial.FIXED_PARAMS_ATTR)) {
            return null;
        }
        int probes = 0;
        double bestPast = Double.POSITIVE_INFINITY;
        double bestProbe = Double.POSITIVE_INFINITY;
        for (FrozenTrial t : study.trials()) {
            if (t.id() == trial.id()) {
                continue;
            }
            Mode m = Mode.of(t);
            if (m == Mode.OWN) {
                return Mode.OWN;
            }
            boolean fromPast = m == Mode.PAST || t.systemAttrs().containsKey(Study.WARM_START_FROM_ATTR);
            if (m == Mode.PROBE) {
                probes++;
            }
            if (t.state() == TrialState.COMPLETE && t.value() != null && !Double.isNaN(t.value())) {
                double loss = study.direction().toLoss(t.value());
                if (fromPast) {
                    bestPast = Math.min(bestPast, loss);
                } else if (m == Mode.PROBE) {
                    bestProbe = Math.min(bestProbe, loss);
                }
            }
        }
        if (probes < PROBES) {
            return Mode.PROBE;
        }
        return bestProbe < bestPast && bestPast < Double.POSITIVE_INFINITY ? Mode.OWN : Mode.PAST;
    }

    /**
     * Whether every complete trial has the same numeric parameters (no categorical or conditional
     * ones), so a local search over them can lead.
     */
    static boolean numericSpace(Study study) {
        List<FrozenTrial> complete = study.trials(TrialState.COMPLETE);
        Map<String, Distribution> space = SearchSpaces.intersection(complete);
        if (space.isEmpty()) {
            return false;
        }
        for (FrozenTrial t : complete) {
            for (Map.Entry<String, Distribution> e : t.distributions().entrySet()) {
                if (e.getValue() instanceof CategoricalDistribution
                        || (!space.containsKey(e.getKey()) && !e.getValue().isSingle())) {
                    return false;
                }
            }
        }
        return true;
    }
}
