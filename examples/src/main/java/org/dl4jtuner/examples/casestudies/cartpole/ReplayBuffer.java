package org.dl4jtuner.examples.casestudies.cartpole;

import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The last {@code capacity} transitions (state, action, reward, next state, whether the episode
 * failed there), overwritten oldest first, from which training draws uniform mini-batches.
 */
public final class ReplayBuffer {
    /**
     * A mini-batch: {@code states} and {@code nextStates} are [n, width] matrices for the network.
     *
     * @param states     the states, one row each
     * @param actions    the actions taken
     * @param rewards    the rewards received
     * @param nextStates the states reached
     * @param terminal   whether each next state ended the episode by failure (no value follows it)
     */
    public record Batch(INDArray states, int[] actions, double[] rewards, INDArray nextStates, boolean[] terminal) {
    }

    private final int width;
    private final double[][] states;
    private final int[] actions;
    private final double[] rewards;
    private final double[][] nextStates;
    private final boolean[] terminal;
    private int next;
    private int size;

    /** An empty buffer for states of {@code width} variables. */
    public ReplayBuffer(int capacity, int width) {
        if (capacity < 1 || width < 1) {
            throw new IllegalArgumentException("capacity >= 1 and width >= 1 must hold, but got capacity=" + capacity
                    + ", width=" + width);
        }
        this.width = width;
        states = new double[capacity][];
        actions = new int[capacity];
        rewards = new double[capacity];
        nextStates = new double[capacity][];
        terminal = new boolean[capacity];
    }

    /** Stores one transition, replacing the oldest once the buffer is full. */
    public void add(double[] state, int action, double reward, double[] nextState, boolean failed) {
        if (state.length != width || nextState.length != width) {
            throw new IllegalArgumentException("states must have " + width + " variables, but got " + state.length
                    + " and " + nextState.length);
        }
        states[next] = state.clone();
        actions[next] = action;
        rewards[next] = reward;
        nextStates[next] = nextState.clone();
        terminal[next] = failed;
        next = (next + 1) % states.length;
        size = Math.min(size + 1, states.length);
    }

    /** Transitions held. */
    public int size() {
        return size;
    }

    /** {@code n} transitions drawn uniformly with replacement. */
    public Batch sample(int n, Random random) {
        if (size == 0) {
            throw new IllegalStateException("the buffer is empty");
        }
        double[][] s = new double[n][];
        double[][] s2 = new double[n][];
        int[] a = new int[n];
        double[] r = new double[n];
        boolean[] t = new boolean[n];
        for (int i = 0; i < n; i++) {
            int j = random.nextInt(size);
            s[i] = states[j];
            s2[i] = nextStates[j];
            a[i] = actions[j];
            r[i] = rewards[j];
            t[i] = terminal[j];
        }
        return new Batch(Nd4j.create(s).castTo(DataType.FLOAT), a, r, Nd4j.create(s2).castTo(DataType.FLOAT), t);
    }
}
