package org.dl4jtuner.tuner.sampler;

import java.util.ArrayList;
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
 * ({@link TpeSampler.Builder#transfer(boolean)}). A past study's best configurations, and the
 * search they lead, should do better here than configurations drawn at random. So the first trial
 * the sampler proposes is a random <em>probe</em>, and one more follows once the past has led
 * {@value #RECHECK_AFTER} trials, then after each doubling of that interval (24, 56, ... led
 * trials). The past <em>leads</em> while its complete trials (the enqueued past best
 * configurations and the trials it led; at least {@value #MIN_PAST_TRIALS} before it is judged)
 * rank ahead of the probes by more than chance would put them: the one-sided Mann-Whitney test of
 * "the past's trials do no better than random ones" ({@link RankSumTest}, exact) has a p-value of at
 * most {@value #ALPHA}, re-checked before every trial. Otherwise the study goes its <em>own</em>
 * way for good, as a cold study would, with its random start-up (which counts every trial so far)
 * and without the past.
 *
 * <p>A rank test over all the past's trials rather than "no probe beats the past's best": the best
 * of many trials beats the best of a few probes even when the past is no better than random (with n
 * past trials and one probe, n / (n + 1) of the time), so an unrelated past of average quality kept
 * leading; the rank test drops it about half the time at the first probe and keeps testing it.
 *
 * <p>Each trial records its mode ({@value TpeSampler#WARM_START_MODE_ATTR}: {@code probe},
 * {@code past} or {@code own}); the mode of the next trial follows from those records and the
 * values, so a resumed study continues where it was. Trials whose parameters were given (enqueued)
 * get no mode.
 */
final class WarmStartGuard {
    /** Random probes before the past may lead. */
    static final int PROBES = 1;
    /** Complete trials from the past (enqueued or led) before the past is judged. */
    static final int MIN_PAST_TRIALS = 3;
    /** Trials the past leads before the second probe checks it; each later interval doubles. */
    static final int RECHECK_AFTER = 8;
    /**
     * The largest p-value of the rank test with which the past still leads: with three past trials
     * and one probe, two of them must beat it. A bound of 1/4 dropped related pasts more often (Branin:
     * 24.5 trials to the cold study's regret instead of 22.5, docs/benchmarks.md).
     */
    static final double ALPHA = 0.5;

    /** What the sampler does for a trial of a warm-started study. */
    enum Mode {
        /** A random configuration, to compare the past's trials with. */
        PROBE,
        /** The past leads: local search from its best region, or TPE weighted towards it. */
        PAST,
        /** The past ranked no better than the probes: TPE as in a cold study, without the past. */
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
        List<Double> past = new ArrayList<>();
        List<Double> probed = new ArrayList<>();
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
                    past.add(loss);
                } else if (m == Mode.PROBE) {
                    probed.add(loss);
                }
            }
        }
        if (probes < probesDue(led)) {
            return Mode.PROBE;
        }
        return past.size() >= MIN_PAST_TRIALS && !probed.isEmpty() && !pastLeads(past, probed) ? Mode.OWN : Mode.PAST;
    }

    /**
     * The probes due once the past has led {@code led} trials: {@value #PROBES}, then one more after
     * {@value #RECHECK_AFTER} led trials and after each doubling of that interval (8, 24, 56, ...), so
     * the past is tested for the whole study at a share of its trials that shrinks.
     */
    static int probesDue(int led) {
        int due = PROBES;
        for (long interval = RECHECK_AFTER, next = RECHECK_AFTER; led >= next; interval *= 2, next += interval) {
            due++;
        }
        return due;
    }

    /**
     * Whether the past's trials rank ahead of the probes by more than chance: the one-sided
     * Mann-Whitney test of "the past's trials do no better than random ones" has a p-value of at
     * most {@value #ALPHA} ({@link RankSumTest}).
     */
    static boolean pastLeads(List<Double> pastLosses, List<Double> probeLosses) {
        double[] past = pastLosses.stream().mapToDouble(Double::doubleValue).toArray();
        double[] probes = probeLosses.stream().mapToDouble(Double::doubleValue).toArray();
        return RankSumTest.upperTail(past.length, probes.length, RankSumTest.u(past, probes)) <= ALPHA;
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
