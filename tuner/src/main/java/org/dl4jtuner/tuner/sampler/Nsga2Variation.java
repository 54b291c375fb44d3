package org.dl4jtuner.tuner.sampler;

import java.util.SplittableRandom;

/**
 * NSGA-II's variation on the unit cube (Deb et al. 2002, after Deb's reference code): one child of
 * two parents, each numeric coordinate either blended by simulated binary crossover (SBX, bounded;
 * a share of them, {@code sbxShare}, one of SBX's two children at random) or taken from either
 * parent (uniform crossover, which mixes the parents' good coordinates faster in the few
 * generations a study runs), then polynomial mutation or, for a share of the mutations
 * ({@code uniformMutation}), a redraw anywhere in the parameter's range (Optuna's mutation, which
 * reaches the ends of a front that polynomial mutation's small steps approach slowly). A
 * categorical coordinate takes either parent's choice with equal chance and mutates to a random
 * choice; a discrete one (integers, stepped floats) is crossed and mutated as a number, then
 * snapped to its grid, and a mutation that leaves it in its cell moves it to a random one.
 */
final class Nsga2Variation {
    private final double crossoverProbability;
    private final double crossoverEta;
    private final Double mutationProbability;
    private final double mutationEta;
    private final double uniformMutation;
    private final double sbxShare;

    /**
     * @param uniformMutation share of a numeric coordinate's mutations that redraw it uniformly in
     *     [0, 1] instead of taking a polynomial step; at 0 no extra random number is drawn, so the
     *     children are exactly those of polynomial mutation alone
     * @param sbxShare share of a crossover's numeric coordinates blended by SBX; the others are
     *     taken from either parent (0: uniform crossover alone, as Optuna's default)
     */
    Nsga2Variation(double crossoverProbability, double crossoverEta, Double mutationProbability, double mutationEta,
            double uniformMutation, double sbxShare) {
        this.crossoverProbability = crossoverProbability;
        this.crossoverEta = crossoverEta;
        this.mutationProbability = mutationProbability;
        this.mutationEta = mutationEta;
        this.uniformMutation = uniformMutation;
        this.sbxShare = sbxShare;
    }

    /** One child of {@code a} and {@code b}: crossed with the crossover probability, then mutated. */
    double[] child(UnitCube cube, double[] a, double[] b, SplittableRandom rng) {
        int d = a.length;
        boolean[] categorical = cube.categorical();
        double[] child = a.clone();
        if (rng.nextDouble() < crossoverProbability) {
            for (int j = 0; j < d; j++) {
                if (categorical[j] || chance(1 - sbxShare, rng)) {
                    child[j] = rng.nextBoolean() ? a[j] : b[j];
                } else {
                    child[j] = sbx(a[j], b[j], rng);
                }
            }
        }
        double rate = mutationProbability != null ? mutationProbability : 1.0 / d;
        boolean[] discrete = cube.discrete();
        for (int j = 0; j < d; j++) {
            if (rng.nextDouble() >= rate) {
                continue;
            }
            if (categorical[j]) {
                child[j] = rng.nextInt(cube.choices(j));
                continue;
            }
            double before = cube.snap(j, child[j]);
            if (chance(uniformMutation, rng)) {
                child[j] = rng.nextDouble();
            } else {
                child[j] = polynomialMutation(child[j], rng);
            }
            if (discrete[j] && cube.snap(j, child[j]) == before) {
                child[j] = rng.nextDouble();
            }
        }
        return cube.snap(child);
    }

    /**
     * True with probability {@code p}, drawing nothing at 0 or 1; a half is one {@code nextBoolean},
     * so the default share draws exactly what earlier versions drew.
     */
    private static boolean chance(double p, SplittableRandom rng) {
        if (p <= 0 || p >= 1) {
            return p >= 1;
        }
        return p == 0.5 ? rng.nextBoolean() : rng.nextDouble() < p;
    }

    /** One of SBX's two children of {@code x1} and {@code x2} in [0, 1], chosen at random. */
    private double sbx(double x1, double x2, SplittableRandom rng) {
        if (Math.abs(x1 - x2) < 1e-14) {
            return x1;
        }
        double y1 = Math.min(x1, x2);
        double y2 = Math.max(x1, x2);
        double u = rng.nextDouble();
        double spread = y2 - y1;
        double c1 = 0.5 * (y1 + y2 - spreadFactor(1 + 2 * y1 / spread, u) * spread);
        double c2 = 0.5 * (y1 + y2 + spreadFactor(1 + 2 * (1 - y2) / spread, u) * spread);
        double c = rng.nextBoolean() ? c1 : c2;
        return Math.max(0, Math.min(1, c));
    }

    /** SBX's spread factor for a draw {@code u}, with the distribution cut at the bound {@code beta} stands for. */
    private double spreadFactor(double beta, double u) {
        double alpha = 2 - Math.pow(beta, -(crossoverEta + 1));
        double exponent = 1 / (crossoverEta + 1);
        return u <= 1 / alpha ? Math.pow(u * alpha, exponent) : Math.pow(1 / (2 - u * alpha), exponent);
    }

    /** Deb's bounded polynomial mutation of {@code x} in [0, 1]. */
    private double polynomialMutation(double x, SplittableRandom rng) {
        double u = rng.nextDouble();
        double power = 1 / (mutationEta + 1);
        double delta;
        if (u < 0.5) {
            double value = 2 * u + (1 - 2 * u) * Math.pow(1 - x, mutationEta + 1);
            delta = Math.pow(value, power) - 1;
        } else {
            double value = 2 * (1 - u) + 2 * (u - 0.5) * Math.pow(x, mutationEta + 1);
            delta = 1 - Math.pow(value, power);
        }
        return Math.max(0, Math.min(1, x + delta));
    }
}
