package org.dl4jtuner.tuner.hyperband;

import java.util.List;

/**
 * One bracket of Hyperband: successive halving that starts n configurations at a small resource.
 *
 * @param s     the bracket index (s_max for the most aggressive bracket, 0 for plain full training)
 * @param rungs the rungs, first to last
 */
public record Bracket(int s, List<Rung> rungs) {

    public Bracket {
        rungs = List.copyOf(rungs);
    }

    /** Resource spent when promoted configurations continue from where they stopped. */
    public long resource() {
        long total = 0;
        int previous = 0;
        for (Rung rung : rungs) {
            total += (long) rung.n() * (rung.r() - previous);
            previous = rung.r();
        }
        return total;
    }

    /** Resource spent when every rung retrains its configurations from scratch. */
    public long resourceWithoutContinuation() {
        long total = 0;
        for (Rung rung : rungs) {
            total += (long) rung.n() * rung.r();
        }
        return total;
    }
}
