package org.dl4jtuner.examples.casestudies.cartpole;

/**
 * How a deep Q-network learns: the two searched hyperparameters (the discount factor and the
 * exploration schedule) and the ones the case study keeps fixed at common values for CartPole.
 *
 * <pre>{@code
 * DqnSettings settings = DqnSettings.cartPole(0.99, EpsilonSchedule.fixed(0.1), 20_000);
 * }</pre>
 *
 * @param gamma                the discount factor, in (0, 1)
 * @param exploration          epsilon over the training steps
 * @param trainingSteps        environment steps of training
 * @param learningRate         Adam's learning rate
 * @param hiddenUnits          units in each of the two hidden ReLU layers
 * @param batchSize            transitions per gradient step (one gradient step per environment step)
 * @param replayCapacity       transitions the replay buffer keeps
 * @param warmupSteps          random-policy steps that fill the buffer before learning starts
 * @param targetUpdateInterval steps between copies of the online network into the target network
 */
public record DqnSettings(double gamma, EpsilonSchedule exploration, int trainingSteps, double learningRate,
        int hiddenUnits, int batchSize, int replayCapacity, int warmupSteps, int targetUpdateInterval) {
    /** Checks every value's range. */
    public DqnSettings {
        if (!(gamma > 0 && gamma < 1)) {
            throw new IllegalArgumentException("gamma must be in (0, 1), but got " + gamma);
        }
        if (exploration == null) {
            throw new IllegalArgumentException("exploration must be given, but got null");
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate must be > 0, but got " + learningRate);
        }
        positive("trainingSteps", trainingSteps);
        positive("hiddenUnits", hiddenUnits);
        positive("batchSize", batchSize);
        positive("replayCapacity", replayCapacity);
        positive("targetUpdateInterval", targetUpdateInterval);
        if (warmupSteps < 0 || warmupSteps >= trainingSteps) {
            throw new IllegalArgumentException("0 <= warmupSteps < trainingSteps must hold, but got warmupSteps="
                    + warmupSteps + ", trainingSteps=" + trainingSteps);
        }
    }

    /**
     * The fixed part used for CartPole: Adam at 0.001, two hidden layers of 64, mini-batches of
     * 64, a replay buffer of 50,000, 1,000 warm-up steps (at most a tenth of training), the target
     * network copied every 500 steps.
     */
    public static DqnSettings cartPole(double gamma, EpsilonSchedule exploration, int trainingSteps) {
        return new DqnSettings(gamma, exploration, trainingSteps, 1e-3, 64, 64, 50_000,
                Math.min(1_000, trainingSteps / 10), 500);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, but got " + value);
        }
    }
}
