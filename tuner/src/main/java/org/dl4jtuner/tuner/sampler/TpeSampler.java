package org.dl4jtuner.tuner.sampler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.distribution.Distribution;
import org.dl4jtuner.tuner.pareto.Dominance;
import org.dl4jtuner.tuner.pareto.ParetoTrials;
import org.dl4jtuner.tuner.util.Requires;
import org.dl4jtuner.tuner.util.Seeds;

/**
 * Tree-structured Parzen Estimator (Bergstra et al. 2011; Optuna's defaults). Finished trials are
 * ranked (complete ones by value, then pruned ones by how far they got), the best
 * {@code gamma(n) = min(ceil(0.1 n), 25)} form the "good" group and the rest the "bad" group; each
 * group becomes a {@link ParzenEstimator}; {@code eiCandidates} points are drawn from the good
 * density and the one with the largest ratio good/bad is proposed.
 *
 * <ul>
 *   <li>Univariate (default): one estimator per parameter, over the trials that have it, so
 *       conditional parameters work as they are.</li>
 *   <li>Multivariate: one joint estimator over the parameters every complete trial has; the rest
 *       fall back to univariate.</li>
 *   <li>Constant liar: running trials count as the worst observations, so parallel workers do not
 *       all propose the same point.</li>
 *   <li>Several objectives (multi-objective TPE, Ozaki et al. 2020): the good group is filled front
 *       by front by non-dominated rank, feasible trials before infeasible ones, the last front that
 *       does not fit by the trials adding the most hypervolume, and its kernels weigh each trial's
 *       hypervolume contribution within the group ({@link MultiObjectiveSplit}); complete trials
 *       only (a pruned trial's last report does not rank against final values in several
 *       objectives).</li>
 *   <li>Transfer: a warm-started study's past studies ({@link Study#pastStudies()}) lead the search
 *       while their trials rank ahead of random probes (by CMA-ES from their best points on a
 *       numeric space, else joining every proposal, each weighted by how much its best region
 *       overlaps this study's: meta-learned TPE), and are dropped once a rank test finds them no
 *       better than the probes (see {@link Builder#transfer(boolean)}).</li>
 * </ul>
 * The first {@code startupTrials} trials are random. Every draw is seeded by (seed, trial number,
 * parameter), so a resumed or parallel study is reproducible. One-dimensional kernels are weighted
 * by their bandwidth when candidates are scored, as Optuna 3.1 to 3.4 did (see
 * {@link Builder#normalizedKernels(boolean)}).
 */
public final class TpeSampler implements Sampler {
    /** Trial system attribute: each past study's similarity to this one when the trial was proposed. */
    public static final String SIMILARITY_ATTR = "tpe_past_similarity";
    /**
     * Trial system attribute of a warm-started study's trial: {@code probe} (a random configuration
     * the past's trials are compared with), {@code past} (the past led the proposal) or {@code own} (the
     * past ranked no better than the probes, so the study runs as a cold one); see {@link Builder#transfer(boolean)}.
     */
    public static final String WARM_START_MODE_ATTR = "warm_start_mode";
    /** Complete trials this study needs before past studies are weighed by their similarity. */
    static final int SIMILARITY_MIN_TRIALS = 3;
    private final long seed;
    private final int startupTrials;
    private final int eiCandidates;
    private final double priorWeight;
    private final boolean multivariate;
    private final boolean constantLiar;
    private final boolean normalizedKernels;
    private final boolean avoidRepeats;
    private final boolean transfer;
    private final RandomSampler random;
    private final CmaEsSampler local;

    private TpeSampler(Builder b) {
        this.seed = b.seed;
        this.startupTrials = b.startupTrials;
        this.eiCandidates = b.eiCandidates;
        this.priorWeight = b.priorWeight;
        this.multivariate = b.multivariate;
        this.constantLiar = b.constantLiar;
        this.normalizedKernels = b.normalizedKernels;
        this.avoidRepeats = b.avoidRepeats;
        this.transfer = b.transfer;
        this.random = new RandomSampler(seed);
        this.local = CmaEsSampler.builder(seed).build();
    }

    /** A builder with Optuna's defaults (10 startup trials, 24 candidates, prior weight 1, univariate). */
    public static Builder builder(long seed) {
        return new Builder(seed);
    }

    /**
     * One observation: a trial and its rank key; in a study of several objectives, its losses and
     * total constraint violation instead (the good group is then chosen by {@link MultiObjectiveSplit}).
     */
    private record Observation(FrozenTrial trial, int group, double key1, double key2, double[] losses,
            double violation) {
        Observation(FrozenTrial trial, int group, double key1, double key2) {
            this(trial, group, key1, key2, null, 0);
        }
    }

    /** The ranked observations: good first (in a study of several objectives, complete ones by trial number). */
    private List<Observation> observations(Study study, FrozenTrial current) {
        if (study.isMultiObjective()) {
            return multiObjectiveObservations(study.trials(), study.directions(), current.id(), constantLiar);
        }
        return observations(study.trials(), study.direction(), current.id(), constantLiar);
    }

    /**
     * The observations of a study of several objectives: its complete trials with every value (not
     * NaN), in trial-number order, then, with the constant liar, its running trials. Pruned trials
     * are left out: their last reports rank them by how far they got in one study but not against
     * complete trials' values in several objectives.
     */
    private static List<Observation> multiObjectiveObservations(List<FrozenTrial> trials, List<Direction> directions,
            long currentId, boolean constantLiar) {
        List<Observation> result = new ArrayList<>();
        List<Observation> running = new ArrayList<>();
        for (FrozenTrial t : trials) {
            if (t.id() == currentId) {
                continue;
            }
            if (ParetoTrials.hasAllValues(t, directions.size())) {
                result.add(new Observation(t, 0, 0, 0, Dominance.losses(t, directions),
                        Dominance.violation(t.constraints())));
            } else if (constantLiar && t.state() == TrialState.RUNNING) {
                running.add(new Observation(t, 2, 0, 0));
            }
        }
        result.sort(Comparator.comparingInt(o -> o.trial.number()));
        running.sort(Comparator.comparingInt(o -> o.trial.number()));
        result.addAll(running);
        return result;
    }

    /** The ranked observations of {@code trials} but the one of id {@code currentId}: good first. */
    private static List<Observation> observations(List<FrozenTrial> trials, Direction direction, long currentId,
            boolean constantLiar) {
        List<Observation> result = new ArrayList<>();
        for (FrozenTrial t : trials) {
            if (t.id() == currentId) {
                continue;
            }
            if (t.state() == TrialState.COMPLETE && t.value() != null) {
                result.add(new Observation(t, 0, direction.toLoss(t.value()), 0));
            } else if ((t.state() == TrialState.PRUNED || t.state() == TrialState.PAUSED) && !t.intermediateValues().isEmpty()) {
                double last = t.intermediateValues().lastEntry().getValue();
                result.add(new Observation(t, 1, -t.lastStep(), direction.toLoss(last)));
            } else if (constantLiar && t.state() == TrialState.RUNNING) {
                result.add(new Observation(t, 2, 0, 0));
            }
        }
        result.sort(Comparator.comparingInt(Observation::group).thenComparingDouble(Observation::key1)
                .thenComparingDouble(Observation::key2).thenComparingInt(o -> o.trial.number()));
        return result;
    }

    private static int completeCount(List<Observation> observations) {
        int n = 0;
        for (Observation o : observations) {
            if (o.group == 0) {
                n++;
            }
        }
        return n;
    }

    /** Optuna's default gamma: min(ceil(0.1 n), 25). */
    static int gamma(int n) {
        return Math.min((int) Math.ceil(0.1 * n), 25);
    }

    /** Optuna's default weights: older trials ramp up from 1/n when there are more than 25. */
    static double[] weights(int n) {
        double[] w = new double[n];
        int ramp = Math.max(0, n - 25);
        for (int i = 0; i < n; i++) {
            w[i] = i >= ramp ? 1.0 : (ramp == 1 ? 1.0 / n : 1.0 / n + (1.0 - 1.0 / n) * i / (ramp - 1));
        }
        return w;
    }

    /** A past study the proposal learns from: its ranked trials and its similarity to this study. */
    private record PastTask(List<Observation> ranked, double similarity) {
    }

    /**
     * Whether this sampler learns from the study's past studies (a warm start with transfer on; a
     * study of several objectives has none to learn from, as it refuses a warm start).
     */
    private boolean usesPast(Study study) {
        return transfer && !study.isMultiObjective() && !study.pastStudies().isEmpty();
    }

    /** The trial's warm-start mode as {@link #beforeTrial} recorded it; null without past studies or for an enqueued trial. */
    private WarmStartGuard.Mode mode(Study study, FrozenTrial trial) {
        return usesPast(study) ? WarmStartGuard.Mode.of(trial) : null;
    }

    /** Whether the past leads this trial by a local search (CMA-ES from its best points) over a numeric space. */
    private boolean localSearch(Study study, FrozenTrial trial) {
        return mode(study, trial) == WarmStartGuard.Mode.PAST && WarmStartGuard.numericSpace(study);
    }

    /**
     * Complete trials before the model is used: none while past studies lead, which inform the model
     * from the first trial; as many as in a cold study without them (also once the study goes its own way).
     */
    private int startup(List<PastTask> past) {
        return past.isEmpty() ? startupTrials : 0;
    }

    /**
     * With past studies, records the trial's mode ({@value #WARM_START_MODE_ATTR}, see
     * {@link WarmStartGuard}) and, unless the study went its own way, each past study's similarity to
     * this study ({@value #SIMILARITY_ATTR}), which weighs it in the TPE proposals of this trial.
     */
    @Override
    public void beforeTrial(Study study, FrozenTrial trial) {
        if (usesPast(study)) {
            WarmStartGuard.Mode mode = WarmStartGuard.decide(study, trial);
            if (mode != null) {
                study.storage().setTrialSystemAttr(trial.id(), WARM_START_MODE_ATTR, mode.recorded());
            }
            if (mode != WarmStartGuard.Mode.OWN) {
                study.storage().setTrialSystemAttr(trial.id(), SIMILARITY_ATTR, similarities(study, trial));
            }
        }
    }

    /**
     * Each past study's similarity to this one ({@link TaskSimilarity}) over the parameters every
     * complete trial of this study has; 1 (trusted) while this study has fewer than
     * {@value #SIMILARITY_MIN_TRIALS} complete trials, and 0 for a past study without a complete
     * trial in that space.
     */
    private List<Double> similarities(Study study, FrozenTrial trial) {
        List<List<FrozenTrial>> pastStudies = study.pastStudies();
        List<Double> result = new ArrayList<>();
        List<Observation> target = completeOnly(observations(study, trial));
        Map<String, Distribution> space = SearchSpaces.intersection(study);
        if (target.size() < SIMILARITY_MIN_TRIALS || space.isEmpty()) {
            pastStudies.forEach(p -> result.add(1.0));
            return result;
        }
        List<String> names = new ArrayList<>(space.keySet());
        List<Distribution> dists = new ArrayList<>(space.values());
        double[][] targetTop = promising(target, names, dists);
        for (int m = 0; m < pastStudies.size(); m++) {
            List<Observation> past = completeOnly(observations(pastStudies.get(m), study.direction(), Long.MIN_VALUE,
                    false));
            double[][] pastTop = promising(past, names, dists);
            result.add(targetTop.length == 0 || pastTop.length == 0 ? 0.0
                    : TaskSimilarity.of(targetTop, pastTop, dists, Seeds.random(seed, trial.number(), m, 0x73696dL)));
        }
        return result;
    }

    private static List<Observation> completeOnly(List<Observation> ranked) {
        return ranked.stream().filter(o -> o.group == 0).toList();
    }

    /** The best gamma(n) of the complete observations that have every parameter: the promising points. */
    private static double[][] promising(List<Observation> complete, List<String> names, List<Distribution> dists) {
        List<Observation> usable = complete.stream().filter(o -> hasAll(o.trial, names, dists)).toList();
        int k = gamma(usable.size());
        double[][] x = new double[k][names.size()];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < names.size(); j++) {
                x[i][j] = SearchSpaces.internalOrNaN(usable.get(i).trial, names.get(j), dists.get(j));
            }
        }
        return x;
    }

    /**
     * The past studies with their similarities as this trial recorded them (computed again if it did
     * not); none once the study goes its own way.
     */
    private List<PastTask> pastTasks(Study study, FrozenTrial trial) {
        if (!usesPast(study) || mode(study, trial) == WarmStartGuard.Mode.OWN) {
            return List.of();
        }
        List<List<FrozenTrial>> pastStudies = study.pastStudies();
        List<Double> similarity = new ArrayList<>();
        if (trial.systemAttrs().get(SIMILARITY_ATTR) instanceof List<?> stored && stored.size() == pastStudies.size()
                && stored.stream().allMatch(Number.class::isInstance)) {
            stored.forEach(v -> similarity.add(((Number) v).doubleValue()));
        } else {
            similarity.addAll(similarities(study, trial));
        }
        List<PastTask> tasks = new ArrayList<>();
        for (int m = 0; m < pastStudies.size(); m++) {
            tasks.add(new PastTask(observations(pastStudies.get(m), study.direction(), Long.MIN_VALUE, false),
                    similarity.get(m)));
        }
        return tasks;
    }

    @Override
    public Object sampleIndependent(Study study, FrozenTrial trial, String name, Distribution distribution) {
        WarmStartGuard.Mode mode = mode(study, trial);
        if (mode == WarmStartGuard.Mode.PROBE || localSearch(study, trial)) {
            return random.sampleIndependent(study, trial, name, distribution);
        }
        List<Observation> all = observations(study, trial);
        List<PastTask> past = pastTasks(study, trial);
        if (completeCount(all) < startup(past)) {
            return random.sampleIndependent(study, trial, name, distribution);
        }
        double[] best = propose(all, past, List.of(name), List.of(distribution),
                Seeds.random(seed, trial.number(), name.hashCode(), 0x747065L), Set.of());
        return distribution.toExternal(best[0]);
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(Study study, FrozenTrial trial) {
        if (localSearch(study, trial)) {
            return local.inferRelativeSearchSpace(study, trial);
        }
        if (mode(study, trial) == WarmStartGuard.Mode.PROBE) {
            return Map.of();
        }
        if (multivariate) {
            return SearchSpaces.intersection(study);
        }
        // univariate: sampled together only to replace a repeat of an evaluated configuration
        Map<String, Distribution> space = avoidRepeats ? SearchSpaces.intersection(study) : Map.of();
        return UnseenCombinations.finite(space.values()) ? space : Map.of();
    }

    @Override
    public Map<String, Object> sampleRelative(Study study, FrozenTrial trial, Map<String, Distribution> space) {
        if (space.isEmpty()) {
            return Map.of();
        }
        if (localSearch(study, trial)) {
            return local.sampleRelative(study, trial, space);
        }
        List<Observation> all = observations(study, trial);
        List<PastTask> past = pastTasks(study, trial);
        List<String> names = new ArrayList<>(space.keySet());
        List<Distribution> dists = new ArrayList<>(space.values());
        Set<List<Double>> taken = avoidRepeats && UnseenCombinations.finite(dists)
                ? UnseenCombinations.taken(study, trial, names, dists) : Set.of();
        double[] best;
        if (completeCount(all) < startup(past)) {
            if (taken.isEmpty()) {
                return Map.of();
            }
            best = UnseenCombinations.randomDrawOrFree(random, study, trial, names, dists, taken,
                    Seeds.random(seed, trial.number(), -2, 0x747065L));
        } else if (multivariate) {
            best = propose(all, past, names, dists, Seeds.random(seed, trial.number(), -1, 0x747065L), taken);
        } else {
            best = proposeEach(all, past, trial, names, dists, taken);
        }
        return UnseenCombinations.external(names, dists, best);
    }

    /**
     * Univariate proposals for every parameter, exactly as {@link #sampleIndependent} makes them; when
     * together they repeat a configuration some trial holds, the free combination with the best sum
     * of log l(x) - log g(x) over every value of every parameter instead.
     */
    private double[] proposeEach(List<Observation> all, List<PastTask> past, FrozenTrial trial, List<String> names,
            List<Distribution> dists, Set<List<Double>> taken) {
        double[] chosen = new double[names.size()];
        List<Double> key = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            chosen[j] = propose(all, past, List.of(names.get(j)), List.of(dists.get(j)),
                    Seeds.random(seed, trial.number(), names.get(j).hashCode(), 0x747065L), Set.of())[0];
            key.add(chosen[j]);
        }
        if (!taken.contains(key)) {
            return chosen;
        }
        double[][] values = new double[names.size()][];
        double[][] scores = new double[names.size()][];
        for (int j = 0; j < names.size(); j++) {
            Acquisition a = acquisition(all, past, List.of(names.get(j)), List.of(dists.get(j)));
            values[j] = UnseenCombinations.values(dists.get(j));
            scores[j] = new double[values[j].length];
            for (int k = 0; k < values[j].length; k++) {
                scores[j][k] = a.score(new double[] {values[j][k]});
            }
        }
        double[] free = UnseenCombinations.best(values, scores, taken);
        return free != null ? free : chosen;
    }

    /** The "good" and "bad" densities of one proposal, and how many observations each holds. */
    private record Estimators(ParzenEstimator good, ParzenEstimator bad, int goodCount, int badCount) {
    }

    /**
     * What a proposal maximises: log l(x) - log g(x) of this study's densities alone, or, with past
     * studies, of mixtures over the studies (meta-learned TPE, Watanabe et al. 2023): study t's
     * densities weigh {@code w_t} times the observations they hold, where a past study's {@code w} is
     * its similarity over (M + 1) and this study's is 1 minus the past ones' (M past studies), so a
     * past study as similar as can be shares the proposal equally with this one and a dissimilar one
     * drops out. Candidates are drawn from every weighted study's good density.
     */
    private final class Acquisition {
        private final List<Estimators> studies;
        private final double[] goodWeights;
        private final double[] badWeights;

        Acquisition(List<Estimators> studies, double[] weights) {
            this.studies = studies;
            this.goodWeights = new double[weights.length];
            this.badWeights = new double[weights.length];
            for (int t = 0; t < weights.length; t++) {
                goodWeights[t] = weights[t] * (studies.get(t).goodCount + priorWeight);
                badWeights[t] = weights[t] * (studies.get(t).badCount + priorWeight);
            }
        }

        double score(double[] x) {
            if (studies.size() == 1) {
                Estimators e = studies.get(0);
                return e.good.logPdf(x) - e.bad.logPdf(x);
            }
            return logMixture(x, true) - logMixture(x, false);
        }

        private double logMixture(double[] x, boolean good) {
            double[] w = good ? goodWeights : badWeights;
            double[] terms = new double[w.length];
            double max = Double.NEGATIVE_INFINITY;
            for (int t = 0; t < w.length; t++) {
                terms[t] = w[t] <= 0 ? Double.NEGATIVE_INFINITY
                        : Math.log(w[t]) + (good ? studies.get(t).good : studies.get(t).bad).logPdf(x);
                max = Math.max(max, terms[t]);
            }
            double sum = 0;
            for (double term : terms) {
                sum += Math.exp(term - max);
            }
            return max + Math.log(sum);
        }

        /** The candidates: {@code eiCandidates} draws from the good density of every study with weight. */
        List<double[]> candidates(SplittableRandom rng) {
            List<double[]> result = new ArrayList<>();
            for (int t = 0; t < studies.size(); t++) {
                if (goodWeights[t] <= 0) {
                    continue;
                }
                for (int c = 0; c < eiCandidates; c++) {
                    result.add(studies.get(t).good.sample(rng));
                }
            }
            return result;
        }
    }

    private Acquisition acquisition(List<Observation> ranked, List<PastTask> past, List<String> names,
            List<Distribution> dists) {
        Estimators own = estimators(ranked, names, dists);
        if (past.isEmpty()) {
            return new Acquisition(List.of(own), new double[] {1});
        }
        List<Estimators> studies = new ArrayList<>(List.of(own));
        List<Double> weights = new ArrayList<>();
        double share = 1.0 / (past.size() + 1);
        double ownWeight = 1;
        for (PastTask p : past) {
            Estimators e = estimators(p.ranked, names, dists);
            if (e.goodCount == 0 || p.similarity <= 0) {
                continue;
            }
            studies.add(e);
            weights.add(share * p.similarity);
            ownWeight -= share * p.similarity;
        }
        double[] w = new double[studies.size()];
        w[0] = ownWeight;
        for (int t = 1; t < w.length; t++) {
            w[t] = weights.get(t - 1);
        }
        return new Acquisition(studies, w);
    }

    private Estimators estimators(List<Observation> ranked, List<String> names, List<Distribution> dists) {
        List<Observation> usable = new ArrayList<>();
        for (Observation o : ranked) {
            if (o.group == 2 || hasAll(o.trial, names, dists)) {
                usable.add(o);
            }
        }
        int nBelow = gamma(usable.size());
        double[] belowWeights = null;
        if (usable.stream().anyMatch(o -> o.losses != null)) {
            MultiObjectiveSplit split = multiObjectiveSplit(usable, nBelow);
            List<Observation> reordered = new ArrayList<>();
            for (int i : split.good()) {
                reordered.add(usable.get(i));
            }
            for (int i : split.bad()) {
                reordered.add(usable.get(i));
            }
            reordered.addAll(usable.subList(reordered.size(), usable.size()));
            usable = reordered;
            nBelow = split.good().size();
            belowWeights = split.goodWeights();
        }
        List<Observation> below = new ArrayList<>();
        List<Observation> above = new ArrayList<>();
        for (int i = 0; i < usable.size(); i++) {
            Observation o = usable.get(i);
            if (i < nBelow && o.group != 2) {
                below.add(o);
            } else if (o.group != 2 || hasAll(o.trial, names, dists)) {
                above.add(o);
            }
        }
        return new Estimators(estimator(below, names, dists, belowWeights), estimator(above, names, dists, null),
                below.size(), above.size());
    }

    /**
     * The multi-objective split of the complete observations that lead {@code usable} (the running
     * ones of the constant liar follow them and are never good): {@code gamma(n)} of them good, at
     * most all complete ones.
     */
    private static MultiObjectiveSplit multiObjectiveSplit(List<Observation> usable, int nBelow) {
        List<double[]> losses = new ArrayList<>();
        List<Double> violations = new ArrayList<>();
        for (Observation o : usable) {
            if (o.losses == null) {
                break;
            }
            losses.add(o.losses);
            violations.add(o.violation);
        }
        return MultiObjectiveSplit.of(losses, violations.stream().mapToDouble(Double::doubleValue).toArray(),
                Math.min(nBelow, losses.size()));
    }

    /**
     * The candidate with the largest log l(x) - log g(x) among draws from l, preferring candidates
     * whose internal values are not in {@code taken}.
     */
    private double[] propose(List<Observation> ranked, List<PastTask> past, List<String> names,
            List<Distribution> dists, SplittableRandom rng, Set<List<Double>> taken) {
        Acquisition a = acquisition(ranked, past, names, dists);
        double[] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        boolean bestFree = false;
        for (double[] x : a.candidates(rng)) {
            double score = a.score(x);
            boolean free = taken.isEmpty() || !taken.contains(Arrays.stream(x).boxed().toList());
            if (best == null || (free && !bestFree) || (free == bestFree && score > bestScore)) {
                best = x;
                bestScore = score;
                bestFree = free;
            }
        }
        return best;
    }

    private static boolean hasAll(FrozenTrial t, List<String> names, List<Distribution> dists) {
        for (int j = 0; j < names.size(); j++) {
            if (Double.isNaN(SearchSpaces.internalOrNaN(t, names.get(j), dists.get(j)))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The density of {@code group}; its observations weigh {@code groupWeights} (in the order of
     * {@code group}), or, when null, Optuna's default weights by trial number.
     */
    private ParzenEstimator estimator(List<Observation> group, List<String> names, List<Distribution> dists,
            double[] groupWeights) {
        Integer[] byNumber = new Integer[group.size()];
        for (int i = 0; i < byNumber.length; i++) {
            byNumber[i] = i;
        }
        Arrays.sort(byNumber, Comparator.comparingInt(i -> group.get(i).trial.number()));
        double[][] x = new double[byNumber.length][names.size()];
        double[] w = groupWeights == null ? weights(byNumber.length) : new double[byNumber.length];
        for (int i = 0; i < byNumber.length; i++) {
            for (int j = 0; j < names.size(); j++) {
                x[i][j] = SearchSpaces.internalOrNaN(group.get(byNumber[i]).trial, names.get(j), dists.get(j));
            }
            if (groupWeights != null) {
                w[i] = groupWeights[byNumber[i]];
            }
        }
        // Bandwidth weighting only in one dimension: a joint estimator gives every observation the
        // same bandwidth, so it would only multiply the prior's weight by (range / bandwidth)^d.
        return new ParzenEstimator(dists, x, w, priorWeight, !normalizedKernels && dists.size() == 1);
    }

    /**
     * Yes: in a study of several objectives the good group is filled front by front and weighted by
     * hypervolume contribution (multi-objective TPE, see {@link MultiObjectiveSplit}).
     */
    @Override
    public boolean supportsMultiObjective() {
        return true;
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("type", "tpe");
        settings.put("seed", seed);
        settings.put("startup_trials", startupTrials);
        settings.put("ei_candidates", eiCandidates);
        settings.put("multivariate", multivariate);
        settings.put("constant_liar", constantLiar);
        settings.put("prior_weight", priorWeight);
        settings.put("normalized_kernels", normalizedKernels);
        settings.put("avoid_repeats", avoidRepeats);
        settings.put("transfer", transfer);
        return settings;
    }

    @Override
    public String name() {
        return "tpe(seed=" + seed + (multivariate ? ", multivariate" : "") + (constantLiar ? ", constant liar" : "")
                + (normalizedKernels ? ", normalized kernels" : "") + ")";
    }

    /** Builder of a {@link TpeSampler}. */
    public static final class Builder {
        private final long seed;
        private int startupTrials = 10;
        private int eiCandidates = 24;
        private double priorWeight = 1.0;
        private boolean multivariate;
        private boolean constantLiar;
        private boolean normalizedKernels;
        private boolean avoidRepeats = true;
        private boolean transfer = true;

        private Builder(long seed) {
            this.seed = seed;
        }

        /**
         * Random trials before the model is used (default 10). Only complete trials count: Optuna
         * counts pruned ones too, and doing so here cost more than it gave on the learning-curve
         * tables (docs/benchmarks.md: TPE + ASHA on fashion-cnn-lc fell from 17/20 to 9/20 seeds
         * reaching the target; TPE + Hyperband on digits-mlp-lc rose from 6/20 to 8/20).
         */
        public Builder startupTrials(int n) {
            this.startupTrials = Requires.atLeast("startupTrials", n, 0);
            return this;
        }

        /** Candidates drawn per proposal (default 24). */
        public Builder eiCandidates(int n) {
            this.eiCandidates = Requires.atLeast("eiCandidates", n, 1);
            return this;
        }

        /** Weight of the prior component (default 1.0). */
        public Builder priorWeight(double w) {
            Requires.argument(w > 0 && Double.isFinite(w), () -> "priorWeight > 0 must hold, but got priorWeight=" + w);
            this.priorWeight = w;
            return this;
        }

        /** Model the parameters jointly (default false). */
        public Builder multivariate(boolean multivariate) {
            this.multivariate = multivariate;
            return this;
        }

        /** Count running trials as the worst observations (default false; use it with parallel trials). */
        public Builder constantLiar(boolean constantLiar) {
            this.constantLiar = constantLiar;
            return this;
        }

        /**
         * Score univariate candidates with normalized kernel densities, as Optuna 3.5 and later do
         * (default false). By default each one-dimensional kernel weighs in proportion to its
         * bandwidth, as in Optuna 3.1 to 3.4, whose truncated-normal log density left out
         * {@code -log(sigma)} (Optuna issue #5109): on Branin, Hartmann6, Rosenbrock and Ackley that
         * gave 1.2x to 2.7x lower median regret after 100 trials ({@code benchmarks/run tpe}). The
         * joint (multivariate) estimator always uses normalized kernels: its observations share one
         * bandwidth, so weighting would only inflate the prior by (range / bandwidth)^d.
         */
        public Builder normalizedKernels(boolean normalizedKernels) {
            this.normalizedKernels = normalizedKernels;
            return this;
        }

        /**
         * On a finite space (every parameter an integer range or a choice), never propose a
         * configuration some trial already holds while an unseen one is left (default true): a
         * repeat would be replaced by the unseen combination with the best density ratio. On the
         * fashion-cnn-lc grid of 128 CNNs, 100 trials of TPE without it held about 30 distinct
         * configurations. Turn it off to re-evaluate configurations of a noisy objective.
         */
        public Builder avoidRepeats(boolean avoidRepeats) {
            this.avoidRepeats = avoidRepeats;
            return this;
        }

        /**
         * Learn from the past studies of a warm start ({@link Study#pastStudies()}, default true).
         * The first trial the sampler proposes is a random probe, and one more follows after the
         * past has led 8 trials, then after 24, 56, ... While the trials that came from the past
         * (the enqueued past best configurations, then the trials the past led) rank ahead of the
         * probes by more than chance (a one-sided Mann-Whitney test with a p-value of at most 1/2,
         * re-checked before every trial), the past leads: on a space of numeric parameters only, a
         * CMA-ES run started at the past studies' best points proposes (warm-started CMA-ES);
         * otherwise TPE mixes this study's densities with every past study's, each weighted by how
         * much its best region overlaps this one's ({@link TaskSimilarity}; recorded per trial as
         * {@value TpeSampler#SIMILARITY_ATTR}; 1 until this study has
         * {@value TpeSampler#SIMILARITY_MIN_TRIALS} complete trials), and skips its random start-up.
         * Once the test fails, the study goes its own way for good: TPE as in a cold study, with its
         * random start-up (counting the trials so far) and without the past. Each trial records its
         * mode as {@value TpeSampler#WARM_START_MODE_ATTR}. Measured by {@code benchmarks/run
         * warmstart} (docs/benchmarks.md). Without past studies it changes nothing.
         */
        public Builder transfer(boolean transfer) {
            this.transfer = transfer;
            return this;
        }

        /** The sampler. */
        public TpeSampler build() {
            return new TpeSampler(this);
        }
    }
}
