package org.dl4jtuner.examples.casestudies.cartpole;

import java.util.Random;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Deep Q-learning (Mnih et al. 2015) on {@link CartPole} with a DL4J network: epsilon-greedy
 * actions, a replay buffer, one mini-batch gradient step per environment step on the squared error
 * to {@code r + gamma * max_a' Q_target(s', a')} (just {@code r} where the pole fell; a truncated
 * episode still bootstraps), and a target network copied from the online one at fixed intervals.
 * Every random draw (initial weights, exploration, episode starts, mini-batches) comes from the seed.
 *
 * <pre>{@code
 * List<CartPole.State> starts = GreedyEvaluation.starts(20, 7);
 * MultiLayerNetwork q = Dqn.train(DqnSettings.cartPole(0.99, EpsilonSchedule.fixed(0.1), 10_000), 42, 2_000,
 *         (step, network) -> System.out.println(step + ": " + GreedyEvaluation.meanReturn(network, starts)));
 * }</pre>
 */
public final class Dqn {
    /** Called during training with the steps done so far and the online network. */
    @FunctionalInterface
    public interface Checkpoint {
        /** Looks at the network after {@code step} training steps; must not train it. */
        void reached(int step, MultiLayerNetwork network);
    }

    private Dqn() {
    }

    /**
     * Trains a Q-network for {@code settings.trainingSteps()} steps, calling {@code checkpoint}
     * every {@code checkpointInterval} steps (and after the last), and returns it.
     */
    public static MultiLayerNetwork train(DqnSettings settings, long seed, int checkpointInterval, Checkpoint checkpoint) {
        if (checkpointInterval < 1) {
            throw new IllegalArgumentException("checkpointInterval must be >= 1, but got " + checkpointInterval);
        }
        Random random = new Random(seed);
        MultiLayerNetwork online = network(settings, seed);
        MultiLayerNetwork target = online.clone();
        ReplayBuffer replay = new ReplayBuffer(settings.replayCapacity(), 4);
        CartPole env = new CartPole();
        CartPole.State state = env.reset(random);
        for (int step = 0; step < settings.trainingSteps(); step++) {
            boolean explore = step < settings.warmupSteps()
                    || random.nextDouble() < settings.exploration().epsilon(step, settings.trainingSteps());
            int action = explore ? random.nextInt(2) : greedyAction(online, state);
            CartPole.Step outcome = env.step(action);
            replay.add(state.toArray(), action, outcome.reward(), outcome.state().toArray(), outcome.terminated());
            state = outcome.done() ? env.reset(random) : outcome.state();
            if (step >= settings.warmupSteps()) {
                learn(online, target, replay.sample(settings.batchSize(), random), settings.gamma());
            }
            if ((step + 1) % settings.targetUpdateInterval() == 0) {
                target.setParams(online.params().dup());
            }
            if ((step + 1) % checkpointInterval == 0 || step + 1 == settings.trainingSteps()) {
                checkpoint.reached(step + 1, online);
            }
        }
        return online;
    }

    /** The Q-network: 4 inputs, two hidden ReLU layers, one linear output per action, squared error, Adam. */
    public static MultiLayerNetwork network(DqnSettings settings, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(settings.learningRate()))
                .weightInit(WeightInit.RELU)
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(settings.hiddenUnits()).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(settings.hiddenUnits()).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2)
                        .activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER).build())
                .setInputType(InputType.feedForward(4))
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }

    /**
     * The regression targets of one mini-batch: the online network's own outputs, except for the
     * action taken, whose target is {@code r + gamma * max_a' Q_target(s', a')}, or {@code r} where
     * the pole fell.
     */
    static INDArray targets(INDArray online, INDArray nextTarget, ReplayBuffer.Batch batch, double gamma) {
        INDArray labels = online.dup();
        INDArray bestNext = nextTarget.max(1);
        for (int i = 0; i < batch.actions().length; i++) {
            double future = batch.terminal()[i] ? 0 : gamma * bestNext.getDouble(i);
            labels.putScalar(i, batch.actions()[i], batch.rewards()[i] + future);
        }
        return labels;
    }

    /** The action with the larger Q-value (0 on a tie). */
    static int greedyAction(MultiLayerNetwork network, CartPole.State state) {
        INDArray q = network.output(Nd4j.create(new double[][] {state.toArray()}).castTo(DataType.FLOAT));
        return q.getDouble(0, 1) > q.getDouble(0, 0) ? 1 : 0;
    }

    private static void learn(MultiLayerNetwork online, MultiLayerNetwork target, ReplayBuffer.Batch batch, double gamma) {
        INDArray labels = targets(online.output(batch.states()), target.output(batch.nextStates()), batch, gamma);
        online.fit(batch.states(), labels);
    }
}
