package org.dl4jtuner.tuner.hyperband;

import java.util.List;

/**
 * The bracket table of one Hyperband iteration (Table 1 of Li et al., JMLR 2018 for R=81, eta=3).
 *
 * @param minResource the smallest resource a configuration is trained for
 * @param maxResource the largest resource (R)
 * @param eta         the reduction factor
 * @param brackets    brackets from s_max down to 0
 */
public record HyperbandPlan(int minResource, int maxResource, int eta, List<Bracket> brackets) {

    public HyperbandPlan {
        brackets = List.copyOf(brackets);
    }

    /** Resource of one iteration when promoted configurations continue (1,581 for R=81, eta=3). */
    public long totalResource() {
        return brackets.stream().mapToLong(Bracket::resource).sum();
    }

    /** Resource of one iteration when each rung retrains from scratch (1,902 for R=81, eta=3). */
    public long totalResourceWithoutContinuation() {
        return brackets.stream().mapToLong(Bracket::resourceWithoutContinuation).sum();
    }

    /** Configurations sampled in one iteration. */
    public int totalConfigurations() {
        return brackets.stream().mapToInt(b -> b.rungs().get(0).n()).sum();
    }
}
