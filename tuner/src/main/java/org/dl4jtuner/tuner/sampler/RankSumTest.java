package org.dl4jtuner.tuner.sampler;

import org.dl4jtuner.tuner.util.Requires;

/**
 * The one-sided Mann-Whitney rank-sum test with its exact null distribution, for the small samples
 * of a warm start's probes ({@link WarmStartGuard}): one or two random probes against a few dozen
 * trials, where the normal approximation (the only one commons-math3's {@code MannWhitneyUTest}
 * offers, and two-sided) is far off.
 */
final class RankSumTest {
    private RankSumTest() {
    }

    /**
     * U: the number of pairs (a from {@code first}, b from {@code second}) with a below b, ties
     * counting one half. It is {@code first.length * second.length} when every value of the first
     * sample lies below every value of the second.
     */
    static double u(double[] first, double[] second) {
        double u = 0;
        for (double a : first) {
            for (double b : second) {
                u += a < b ? 1 : a == b ? 0.5 : 0;
            }
        }
        return u;
    }

    /**
     * P(U >= u) when the n + m values are exchangeable (no sample tends lower than the other), U
     * counting the pairs of a first-sample value (n of them) below a second-sample one (m): the share
     * of the C(n + m, n) orderings with at least {@code ceil(u)} such pairs.
     */
    static double upperTail(int n, int m, double u) {
        Requires.atLeast("n", n, 0);
        Requires.atLeast("m", m, 0);
        int max = n * m;
        int threshold = (int) Math.ceil(u - 1e-9);
        if (threshold <= 0) {
            return 1;
        }
        if (threshold > max) {
            return 0;
        }
        // count[j][k]: orderings of i first-sample and j second-sample values with k pairs, built up
        // over i by placing the largest value: a first-sample one adds no pair, a second-sample one
        // lies above all i first-sample values and adds i
        double[][] count = new double[m + 1][max + 1];
        for (int j = 0; j <= m; j++) {
            count[j][0] = 1;
        }
        for (int i = 1; i <= n; i++) {
            double[][] next = new double[m + 1][max + 1];
            for (int j = 0; j <= m; j++) {
                for (int k = 0; k <= i * j; k++) {
                    double largestFirst = count[j][k];
                    double largestSecond = j > 0 && k >= i ? next[j - 1][k - i] : 0;
                    next[j][k] = largestFirst + largestSecond;
                }
            }
            count = next;
        }
        double total = 0;
        double tail = 0;
        for (int k = 0; k <= max; k++) {
            total += count[m][k];
            if (k >= threshold) {
                tail += count[m][k];
            }
        }
        return tail / total;
    }
}
