package org.dl4jtuner.tuner.pruner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.util.Requires;
import org.dl4jtuner.tuner.util.Seeds;

/**
 * Asynchronous Hyperband: several brackets of {@link SuccessiveHalvingPruner}, bracket b starting
 * its first rung at {@code minResource * eta^b}, so that some trials are judged early and others
 * only late. A trial's bracket follows from the study seed and its number, weighted by each
 * bracket's budget as in Li et al. (2018), and is recorded as a system attribute; trials compete
 * only within their bracket. Rungs at {@code maxResource} are not judged, so the last bracket
 * trains every trial fully, as Hyperband's s = 0 bracket does.
 */
public final class HyperbandPruner implements Pruner {
    /** System attribute holding a trial's bracket index. */
    public static final String BRACKET_ATTR = "hyperband_bracket";

    private final int minResource;
    private final int maxResource;
    private final int eta;
    private final List<SuccessiveHalvingPruner> brackets = new ArrayList<>();
    private final long[] cumulativeBudget;

    /**
     * @param minResource steps before the earliest rung, at least 1
     * @param maxResource steps a trial trains at most, at least minResource
     * @param eta         reduction factor, at least 2
     */
    public HyperbandPruner(int minResource, int maxResource, int eta) {
        this.minResource = Requires.atLeast("minResource", minResource, 1);
        Requires.argument(maxResource >= minResource, () -> "maxResource >= minResource must hold, but got maxResource="
                + maxResource + ", minResource=" + minResource);
        this.maxResource = maxResource;
        this.eta = Requires.atLeast("eta", eta, 2);
        int n = bracketCount(minResource, maxResource, eta);
        cumulativeBudget = new long[n];
        long total = 0;
        for (int b = 0; b < n; b++) {
            brackets.add(new SuccessiveHalvingPruner(minResource, maxResource, eta, b, 0));
            int s = n - 1 - b;
            total += (long) Math.ceil(n * Math.pow(eta, s) / (s + 1));
            cumulativeBudget[b] = total;
        }
    }

    /** floor(log_eta(max/min)) + 1, computed without floating-point error. */
    static int bracketCount(int minResource, int maxResource, int eta) {
        int count = 1;
        for (long r = (long) minResource * eta; r <= maxResource; r *= eta) {
            count++;
        }
        return count;
    }

    /** The number of brackets. */
    public int brackets() {
        return brackets.size();
    }

    /** The bracket of trial {@code number} in a study seeded with {@code studySeed}. */
    public int bracketOf(long studySeed, int number) {
        long draw = Math.floorMod(Seeds.derive(studySeed, number, 0x4879706572L), cumulativeBudget[cumulativeBudget.length - 1]);
        for (int b = 0; b < cumulativeBudget.length; b++) {
            if (draw < cumulativeBudget[b]) {
                return b;
            }
        }
        throw new IllegalStateException("unreachable: draw " + draw + " beyond the last bracket");
    }

    @Override
    public boolean prune(Study study, FrozenTrial trial) {
        int bracket;
        if (trial.systemAttrs().get(BRACKET_ATTR) instanceof Number n) {
            bracket = n.intValue();
        } else {
            bracket = bracketOf(study.seed(), trial.number());
            study.storage().setTrialSystemAttr(trial.id(), BRACKET_ATTR, bracket);
        }
        Integer mine = bracket;
        return brackets.get(bracket).prune(study, trial,
                t -> t.systemAttrs().get(BRACKET_ATTR) instanceof Number n && n.intValue() == mine);
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("type", "hyperband");
        settings.put("min_resource", minResource);
        settings.put("max_resource", maxResource);
        settings.put("eta", eta);
        settings.put("brackets", brackets.size());
        return settings;
    }

    @Override
    public String name() {
        return "hyperband(minResource=" + minResource + ", maxResource=" + maxResource + ", eta=" + eta + ")";
    }

    /** Each bracket's successive-halving expectation, weighted by the share of trials it gets. */
    @Override
    public EpochPlan plan(int trials, int maxEpochs) {
        long end = Math.min(maxResource, maxEpochs);
        double expected = 0;
        long total = cumulativeBudget[cumulativeBudget.length - 1];
        for (int b = 0; b < brackets.size(); b++) {
            double share = (cumulativeBudget[b] - (b == 0 ? 0 : cumulativeBudget[b - 1])) / (double) total;
            expected += share * brackets.get(b).expectedEpochs(end);
        }
        return new EpochPlan((long) trials * Math.min(minResource, end), Math.round(trials * expected), (long) trials * end);
    }
}
