package org.dl4jtuner.examples.casestudies;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jtuner.examples.casestudies.cartpole.CartPole;
import org.dl4jtuner.examples.casestudies.cartpole.Dqn;
import org.dl4jtuner.examples.casestudies.cartpole.DqnSettings;
import org.dl4jtuner.examples.casestudies.cartpole.EpsilonSchedule;
import org.dl4jtuner.examples.casestudies.cartpole.GreedyEvaluation;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.Samplers;

/**
 * Case study 7.6: a deep Q-network (DL4J) learns to balance {@link CartPole}; a grid search over the
 * discount factor and the exploration schedule, each configuration trained with the same seed and
 * scored by the mean return of greedy episodes from 20 validation start states; the chosen one and
 * the baseline (gamma 0.99, a fixed epsilon of 0.1, itself a point of the grid, so its trial is the
 * baseline run) are then scored from 100 other start states. Every fifth of training the greedy
 * return is reported as a step, which gives the learning curves. {@code --quick}: a 2 x 2 grid,
 * 1,500 steps each.
 *
 * <pre>
 * examples/case-studies/7.6-dqn-cartpole-grid/run [--quick] [--seed N]
 * </pre>
 */
public final class CartPoleDqn {
    private static final List<Double> GAMMAS = List.of(0.9, 0.95, 0.99);
    private static final List<Double> QUICK_GAMMAS = List.of(0.9, 0.99);
    private static final int STEPS = 10_000;
    private static final int QUICK_STEPS = 1_500;
    private static final double BASELINE_GAMMA = 0.99;
    private static final String BASELINE_EXPLORATION = "fixed_0.1";
    private static final int CHECKPOINTS = 5;
    private static final String TEST_ATTR = "test_return";

    private CartPoleDqn() {
    }

    /** Receives the greedy return at a checkpoint ({@code trial::report} in the search). */
    @FunctionalInterface
    interface Reporter {
        void report(int step, double value);
    }

    /** A trained configuration: its mean greedy return from the validation starts and from the test starts. */
    record Run(double validation, double test) {
    }

    public static void main(String[] args) {
        CaseStudyArgs options = CaseStudyArgs.parseOrExit(args,
                "it does not apply to 7.6, where every grid point trains to the end");
        long seed = options.seed();
        Instant start = Instant.now();
        int steps = options.quick() ? QUICK_STEPS : STEPS;
        List<CartPole.State> validation = GreedyEvaluation.starts(20, seed + 1);
        List<CartPole.State> test = GreedyEvaluation.starts(100, seed + 2);
        System.out.printf("CartPole-v1 (Java): %d training steps per configuration, greedy returns from %d validation"
                + " and %d test start states (seed %d)%n", steps, validation.size(), test.size(), seed);

        List<Double> gammas = options.quick() ? QUICK_GAMMAS : GAMMAS;
        List<String> explorations = EpsilonSchedule.NAMES.subList(0, options.quick() ? 2 : EpsilonSchedule.NAMES.size());
        Map<String, List<?>> grid = new LinkedHashMap<>();
        grid.put("gamma", gammas);
        grid.put("exploration", explorations);
        int trials = gammas.size() * explorations.size();
        Study study = Study.builder().name("7.6-dqn-cartpole").direction(Direction.MAXIMIZE)
                .sampler(Samplers.grid(grid)).pruner(Pruners.none()).seed(seed).build();
        study.optimize(trial -> {
            double gamma = trial.suggestCategorical("gamma", gammas);
            String exploration = trial.suggestCategorical("exploration", explorations);
            Run run = train(gamma, exploration, steps, seed, validation, test, trial::report);
            trial.setUserAttr(TEST_ATTR, run.test());
            return run.validation();
        }, trials, 2);

        FrozenTrial base = study.trials().stream().filter(t -> t.params().equals(params(BASELINE_GAMMA,
                BASELINE_EXPLORATION))).findFirst().orElseThrow();
        Outcome baseline = new Outcome(base.params(), base.value(), testReturn(base));
        FrozenTrial best = study.bestTrial();
        Outcome tuned = new Outcome(best.params(), best.value(), testReturn(best));
        System.out.println(grid(study));
        System.out.println(curves(base.intermediateValues(), best.intermediateValues()));
        System.out.println(BeforeAfter.table("mean return", validation.size() + " episodes", baseline, tuned));
        System.out.println(BeforeAfter.line("7.6 dqn cartpole", "mean return", baseline, tuned,
                String.format(Locale.ROOT, "grid %d configurations x %d steps", trials, steps),
                Duration.between(start, Instant.now())));
    }

    /** Trains one configuration, reporting each checkpoint's mean greedy return on the validation starts. */
    static Run train(double gamma, String exploration, int steps, long seed, List<CartPole.State> validation,
            List<CartPole.State> test, Reporter report) {
        NavigableMap<Integer, Double> curve = new TreeMap<>();
        DqnSettings settings = DqnSettings.cartPole(gamma, EpsilonSchedule.named(exploration), steps);
        MultiLayerNetwork network = Dqn.train(settings, seed, steps / CHECKPOINTS, (step, net) -> {
            double value = GreedyEvaluation.meanReturn(net, validation);
            curve.put(step, value);
            report.report(step, value);
        });
        return new Run(curve.lastEntry().getValue(), GreedyEvaluation.meanReturn(network, test));
    }

    private static double testReturn(FrozenTrial trial) {
        return ((Number) trial.userAttrs().get(TEST_ATTR)).doubleValue();
    }

    private static Map<String, Object> params(double gamma, String exploration) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("gamma", gamma);
        params.put("exploration", exploration);
        return params;
    }

    private static String grid(Study study) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-6s  %-20s  %10s  %8s%n", "gamma",
                "exploration", "validation", "test"));
        for (FrozenTrial t : study.trials()) {
            out.append(String.format(Locale.ROOT, "%-6s  %-20s  %10.1f  %8.1f%n", t.param("gamma"), t.param("exploration"),
                    t.value(), testReturn(t)));
        }
        return out.toString().stripTrailing();
    }

    private static String curves(Map<Integer, Double> baseline, Map<Integer, Double> tuned) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-14s  %8s  %8s", "training steps", "baseline", "tuned"));
        baseline.forEach((step, value) -> lines.add(String.format(Locale.ROOT, "%-14d  %8.1f  %8.1f", step, value,
                tuned.getOrDefault(step, Double.NaN))));
        return "learning curves (mean greedy return, validation starts)\n" + String.join("\n", lines);
    }
}
