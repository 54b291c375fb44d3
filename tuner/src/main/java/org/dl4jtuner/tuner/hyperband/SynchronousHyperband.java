package org.dl4jtuner.tuner.hyperband;

import java.util.LinkedHashMap;
import java.util.Map;

import org.dl4jtuner.tuner.Budget;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.pruner.EpochPlan;
import org.dl4jtuner.tuner.schedule.Scheduler;
import org.dl4jtuner.tuner.util.Requires;

/**
 * {@link Hyperband} as the study's pruner, so that the YAML spec's {@code pruner: {type: hyperband,
 * synchronous: true}} and {@link Study#optimizeResumable} run it: whole brackets, iteration after
 * iteration, as long as the next bracket fits in the budget, on as many threads as the run has, and
 * continued from storage after a crash.
 *
 * <pre>{@code
 * Study study = Study.builder().storage(sqlite).pruner(Pruners.synchronousHyperband(1, 27, 3, 1)).build();
 * study.optimizeResumable(objective, Budget.trials(49), 2);   // one iteration: 49 configurations, 350 epochs
 * }</pre>
 */
public final class SynchronousHyperband implements Scheduler {
    private final int minResource;
    private final int maxResource;
    private final int eta;
    private final int iterations;
    private final HyperbandPlan plan;

    /**
     * @param minResource the smallest resource (epochs), at least 1
     * @param maxResource the largest resource R, at least minResource
     * @param eta         the reduction factor, at least 2
     * @param iterations  how many times to run all brackets, at least 1
     */
    public SynchronousHyperband(int minResource, int maxResource, int eta, int iterations) {
        this.plan = Hyperband.plan(minResource, maxResource, eta);
        this.minResource = minResource;
        this.maxResource = maxResource;
        this.eta = eta;
        this.iterations = Requires.atLeast("iterations", iterations, 1);
    }

    /** The bracket table of one iteration. */
    public HyperbandPlan plan() {
        return plan;
    }

    /** How many times all brackets run. */
    public int iterations() {
        return iterations;
    }

    @Override
    public void run(Study study, ResumableObjective objective, Budget budget, int parallelTrials) {
        Hyperband.builder().minResource(minResource).maxResource(maxResource).eta(eta).iterations(iterations)
                .parallelTrials(parallelTrials).build().run(study, objective, budget);
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("type", "hyperband");
        settings.put("min_resource", minResource);
        settings.put("max_resource", maxResource);
        settings.put("eta", eta);
        settings.put("synchronous", true);
        settings.put("iterations", iterations);
        return settings;
    }

    @Override
    public String name() {
        return "synchronousHyperband(minResource=" + minResource + ", maxResource=" + maxResource + ", eta=" + eta
                + ", iterations=" + iterations + ")";
    }

    /**
     * The brackets that fit in {@code trials} configurations, in order, each costing its continued
     * resource; the schedule is fixed, so fewest, expected and most are the same number. Brackets
     * are capped at {@code maxEpochs} only through the plan itself (its R is max_epochs).
     */
    @Override
    public EpochPlan plan(int trials, int maxEpochs) {
        long epochs = 0;
        int left = trials;
        for (int i = 0; i < iterations; i++) {
            for (Bracket bracket : plan.brackets()) {
                int n = bracket.rungs().get(0).n();
                if (n > left) {
                    return new EpochPlan(epochs, epochs, epochs);
                }
                left -= n;
                epochs += bracket.resource();
            }
        }
        return new EpochPlan(epochs, epochs, epochs);
    }

    /** Configurations all iterations sample: the trials the study needs to run the whole schedule. */
    public int configurations() {
        return plan.totalConfigurations() * iterations;
    }
}
