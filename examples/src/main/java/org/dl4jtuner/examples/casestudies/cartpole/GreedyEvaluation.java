package org.dl4jtuner.examples.casestudies.cartpole;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Scores a Q-network by the mean return of greedy episodes (no exploration) from given start
 * states; all episodes run side by side, one network call per step for every episode still going.
 *
 * <pre>{@code
 * List<CartPole.State> starts = GreedyEvaluation.starts(20, 7);
 * double meanReturn = GreedyEvaluation.meanReturn(network, starts); // 500 is the best possible
 * }</pre>
 */
public final class GreedyEvaluation {
    private GreedyEvaluation() {
    }

    /** {@code n} start states drawn as {@link CartPole#reset(Random)} draws them, from {@code seed}. */
    public static List<CartPole.State> starts(int n, long seed) {
        Random random = new Random(seed);
        CartPole env = new CartPole();
        List<CartPole.State> starts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            starts.add(env.reset(random));
        }
        return starts;
    }

    /** The mean undiscounted return of one greedy episode from each start state. */
    public static double meanReturn(MultiLayerNetwork network, List<CartPole.State> starts) {
        int n = starts.size();
        if (n == 0) {
            throw new IllegalArgumentException("starts must not be empty");
        }
        CartPole[] envs = new CartPole[n];
        CartPole.State[] states = new CartPole.State[n];
        for (int i = 0; i < n; i++) {
            envs[i] = new CartPole();
            states[i] = envs[i].reset(starts.get(i));
        }
        double total = 0;
        List<Integer> running = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            running.add(i);
        }
        while (!running.isEmpty()) {
            double[][] rows = new double[running.size()][];
            for (int k = 0; k < rows.length; k++) {
                rows[k] = states[running.get(k)].toArray();
            }
            INDArray q = network.output(Nd4j.create(rows).castTo(DataType.FLOAT));
            List<Integer> still = new ArrayList<>();
            for (int k = 0; k < rows.length; k++) {
                int i = running.get(k);
                CartPole.Step step = envs[i].step(q.getDouble(k, 1) > q.getDouble(k, 0) ? 1 : 0);
                total += step.reward();
                states[i] = step.state();
                if (!step.done()) {
                    still.add(i);
                }
            }
            running = still;
        }
        return total / n;
    }
}
