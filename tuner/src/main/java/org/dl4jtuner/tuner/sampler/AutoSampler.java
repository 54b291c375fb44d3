package org.dl4jtuner.tuner.sampler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.distribution.CategoricalDistribution;
import org.dl4jtuner.tuner.distribution.Distribution;

/**
 * Picks one of our samplers for each trial from the search space and the study's progress, as
 * Optuna's {@code AutoSampler} (optunahub) does. Every member reads the same trials from storage,
 * so a switch loses nothing: the model-based member that takes over fits all the trials before it.
 * The rule, first match wins, over the trials finished when the trial is asked:
 *
 * <ol>
 *   <li><b>{@code nsga2}</b> for a study with several objectives ({@link Study#isMultiObjective()}),
 *       from its first trial: NSGA-II draws its own random first generation (Optuna's
 *       {@code AutoSampler} makes the same choice). TPE takes several objectives too: measured
 *       against NSGA-II it led on DTLZ2 and was level or ahead on ZDT1 and ZDT2 after 100 trials,
 *       but fell far behind on both after 300 (docs/benchmarks.md, "Multi-objective TPE"); the
 *       multivariate TPE does not stall there, but is behind NSGA-II on some seed sets; both TPEs
 *       model complete trials only, while NSGA-II's generations take pruned trials too; and a
 *       switch during a study would restart NSGA-II's generations.</li>
 *   <li><b>{@code random}</b> while fewer than {@value #STARTUP_TRIALS} trials are complete: the
 *       members' own start-up. Its draws are exactly those the GP and TPE samplers would make for
 *       the same seed, so on a numeric space {@code auto} is the GP sampler, trial for trial.</li>
 *   <li><b>{@code tpe}</b> when a finished trial has a categorical parameter, or two finished
 *       trials have different parameter names (a conditional space): TPE models each parameter
 *       over the trials that have it, and choices without any notion of distance, where a GP's
 *       kernel knows only "same or not".</li>
 *   <li><b>{@code gp}</b> on a numeric space while fewer than {@value #GP_TRIALS} trials are
 *       complete: the GP was our best sampler on every test function of the sampler benchmark at
 *       50 and 100 trials, in 2 to 6 dimensions (docs/benchmarks.md), as Optuna found for its own.</li>
 *   <li><b>{@code tpe}</b> on a numeric space from then on: the GP's fit grows with the cube of
 *       the trials (about 1 s a proposal at 300 trials in 6 dimensions), while TPE's stays
 *       linear and, unlike a CMA-ES started anew, starts from everything the GP found.</li>
 * </ol>
 *
 * <p>Each trial records the member it was asked with ({@value #CHOICE_ATTR}) and why
 * ({@value #REASON_ATTR}); a trial whose member differs from the previous trial's records the
 * previous one too ({@value #SWITCHED_FROM_ATTR}). The rule depends only on the stored trials,
 * so a resumed study, or another worker on the same storage, chooses and switches exactly as an
 * uninterrupted one.
 *
 * <pre>{@code
 * Study study = Study.builder().sampler(Samplers.auto(42)).build();
 * study.optimize(objective, 100);
 * study.trials().get(20).systemAttrs().get(AutoSampler.CHOICE_ATTR);   // "gp"
 * }</pre>
 */
public final class AutoSampler implements Sampler {
    /** Trial system attribute: the member that proposed the trial ({@code random}, {@code tpe}, {@code gp} or {@code nsga2}). */
    public static final String CHOICE_ATTR = "auto_sampler";
    /** Trial system attribute: why the member was chosen. */
    public static final String REASON_ATTR = "auto_reason";
    /** Trial system attribute of the trial where the choice changed: the previous trial's member. */
    public static final String SWITCHED_FROM_ATTR = "auto_switched_from";
    /** Complete trials before a model is used. */
    public static final int STARTUP_TRIALS = 10;
    /** Complete trials after which a numeric space goes from the GP to TPE. */
    public static final int GP_TRIALS = 200;

    private final long seed;
    private final boolean constantLiar;
    private final Map<String, Sampler> members = new LinkedHashMap<>();

    /** A choice and its reason. */
    record Choice(String member, String reason) {
    }

    /**
     * An automatic sampler; {@code constantLiar} makes its TPE count running trials as bad results
     * (use it with parallel trials).
     */
    public AutoSampler(long seed, boolean constantLiar) {
        this.seed = seed;
        this.constantLiar = constantLiar;
        members.put("random", new RandomSampler(seed));
        members.put("tpe", TpeSampler.builder(seed).constantLiar(constantLiar).build());
        members.put("gp", GpSampler.builder(seed).build());
        members.put("nsga2", Nsga2Sampler.builder(seed).build());
    }

    /** The member for a trial asked now, and why, from the study's finished trials. */
    static Choice choose(Study study, FrozenTrial current) {
        if (study.isMultiObjective()) {
            return new Choice("nsga2", study.directions().size() + " objectives");
        }
        List<FrozenTrial> finished = new ArrayList<>();
        int complete = 0;
        for (FrozenTrial t : study.trials(TrialState.COMPLETE, TrialState.PRUNED)) {
            if (t.id() != current.id()) {
                finished.add(t);
                complete += t.state() == TrialState.COMPLETE ? 1 : 0;
            }
        }
        if (complete < STARTUP_TRIALS) {
            return new Choice("random", "start-up: " + complete + " of " + STARTUP_TRIALS + " trials complete");
        }
        Set<String> names = null;
        for (FrozenTrial t : finished) {
            for (Map.Entry<String, Distribution> e : t.distributions().entrySet()) {
                if (e.getValue() instanceof CategoricalDistribution c && !c.isSingle()) {
                    return new Choice("tpe", "categorical parameter '" + e.getKey() + "'");
                }
            }
            if (names == null) {
                names = t.distributions().keySet();
            } else if (!names.equals(t.distributions().keySet())) {
                return new Choice("tpe", "conditional space: trial " + t.number() + " has parameters "
                        + t.distributions().keySet() + ", another has " + names);
            }
        }
        int d = SearchSpaces.intersection(finished).size();
        if (complete < GP_TRIALS) {
            return new Choice("gp", d + " numeric parameters, " + complete + " < " + GP_TRIALS + " trials complete");
        }
        return new Choice("tpe", d + " numeric parameters, " + complete + " >= " + GP_TRIALS
                + " trials complete: the GP's cost grows with the cube of the trials");
    }

    /** The member the trial was asked with, or the one the rule gives now for a trial asked without one. */
    private Sampler member(Study study, FrozenTrial trial) {
        Object recorded = trial.systemAttrs().get(CHOICE_ATTR);
        Sampler member = recorded instanceof String name ? members.get(name) : null;
        return member != null ? member : members.get(choose(study, trial).member());
    }

    @Override
    public void beforeTrial(Study study, FrozenTrial trial) {
        Choice choice = choose(study, trial);
        study.storage().setTrialSystemAttr(trial.id(), CHOICE_ATTR, choice.member());
        study.storage().setTrialSystemAttr(trial.id(), REASON_ATTR, choice.reason());
        String previous = previousChoice(study, trial);
        if (previous != null && !previous.equals(choice.member())) {
            study.storage().setTrialSystemAttr(trial.id(), SWITCHED_FROM_ATTR, previous);
        }
        members.get(choice.member()).beforeTrial(study, study.storage().getTrial(trial.id()));
    }

    /** The member recorded on the latest trial numbered below this one, or null. */
    private static String previousChoice(Study study, FrozenTrial trial) {
        String previous = null;
        for (FrozenTrial t : study.trials()) {
            if (t.number() < trial.number() && t.systemAttrs().get(CHOICE_ATTR) instanceof String name) {
                previous = name;
            }
        }
        return previous;
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(Study study, FrozenTrial trial) {
        return member(study, trial).inferRelativeSearchSpace(study, trial);
    }

    @Override
    public Map<String, Object> sampleRelative(Study study, FrozenTrial trial, Map<String, Distribution> space) {
        return member(study, trial).sampleRelative(study, trial, space);
    }

    @Override
    public Object sampleIndependent(Study study, FrozenTrial trial, String name, Distribution distribution) {
        return member(study, trial).sampleIndependent(study, trial, name, distribution);
    }

    @Override
    public void afterTrial(Study study, FrozenTrial trial, TrialState state, Double value) {
        member(study, trial).afterTrial(study, trial, state, value);
    }

    /** Yes: a study with several objectives gets NSGA-II. */
    @Override
    public boolean supportsMultiObjective() {
        return true;
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("type", "auto");
        settings.put("seed", seed);
        settings.put("constant_liar", constantLiar);
        return settings;
    }

    @Override
    public String name() {
        return "auto(seed=" + seed + (constantLiar ? ", constant liar" : "") + ")";
    }
}
