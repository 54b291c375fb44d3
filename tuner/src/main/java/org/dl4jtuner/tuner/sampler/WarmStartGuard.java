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
 * the sampler proposes is a random <em>probe</em>, and one more follows once the past has led
 * {@value #RECHECK_AFTER} trials (one probe passes an unrelated past whose best is of average quality
 * here half the time; two, a third of the time). While no probe has done better than the best trial
 * that came from the past (the enqueued past best configurations and the trials the past led; at
 * least {@value #MIN_PAST_TRIALS} of them before it is judged), the past <em>leads</em>; once a probe beats them the study goes its <em>own</em> way for good, as a
 * cold study would, with its random start-up and without the past.
 *
 * <p>Each trial records its mode ({@value TpeSampler#WARM_START_MODE_ATTR}: {@code probe},
 * {@code past} or {@code own}); the mode of the next trial follows from those records and the
 * values, so a resumed study continues where it was. Trials whose parameters were given (enqueued)
 * get no mode.
 */
final class WarmStartGuard {
    /** Random probes before the past may lead. */
    static final int PROBES = 1;
    /** Complete trials from the past (enqueued or led) a probe is compared with: their best. */
    static final int MIN_PAST_TRIALS = 3;
    /** Trials the past leads before one more probe checks it. */
    static final int RECHECK_AFTER = 8;

    /** What the sampler does for a trial of a warm-started study. */
    enum Mode {
        /** A random configuration, to compare the past's best with. */
        PROBE,
        /** The past leads: local search from its best region, or TPE weighted towards it. */
        PAST,
        /** The past did worse than a probe: TPE as in a cold study, without the past. */
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
        int led = 0;
        int pastComplete = 0;
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
            } else if (m == Mode.PAST) {
                led++;
            }
            if (t.state() == TrialState.COMPLETE && t.value() != null && !Double.isNaN(t.value())) {
                double loss = study.direction().toLoss(t.value());
                if (fromPast) {
                    bestPast = Math.min(bestPast, loss);
                    pastComplete++;
                } else if (m == Mode.PROBE) {
                    bestProbe = Math.min(bestProbe, loss);
                }
            }
        }
        if (probes < PROBES + (led >= RECHECK_AFTER ? 1 : 0)) {
            return Mode.PROBE;
        }
        return bestProbe < bestPast && pastComplete >= MIN_PAST_TRIALS ? Mode.OWN : Mode.PAST;
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
