package org.dl4jtuner.examples.casestudies.cartpole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DqnTest {
    private static DqnSettings small(long steps) {
        return new DqnSettings(0.95, new EpsilonSchedule(1.0, 0.1, 0.5), (int) steps, 1e-3, 16, 16, 1_000, 50, 100);
    }

    @Test
    void theTargetOfTheActionTakenBootstrapsUnlessThePoleFell() {
        ReplayBuffer.Batch batch = new ReplayBuffer.Batch(Nd4j.zeros(2, 4), new int[] {0, 1}, new double[] {1, 1},
                Nd4j.zeros(2, 4), new boolean[] {false, true});
        INDArray online = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}});
        INDArray nextTarget = Nd4j.createFromArray(new double[][] {{5, 6}, {8, 7}});
        INDArray labels = Dqn.targets(online, nextTarget, batch, 0.9);
        assertEquals(1 + 0.9 * 6, labels.getDouble(0, 0), 1e-12);
        assertEquals(2, labels.getDouble(0, 1), 1e-12);
        assertEquals(3, labels.getDouble(1, 0), 1e-12);
        assertEquals(1, labels.getDouble(1, 1), 1e-12);
        assertEquals(1, online.getDouble(0, 0), 0, "the online outputs are not changed");
    }

    @Test
    void trainingIsReproducibleFromItsSeedAndCheckpointsAtItsInterval() {
        List<Integer> checkpoints = new ArrayList<>();
        MultiLayerNetwork a = Dqn.train(small(300), 11, 100, (step, network) -> checkpoints.add(step));
        MultiLayerNetwork b = Dqn.train(small(300), 11, 1_000, (step, network) -> { });
        MultiLayerNetwork c = Dqn.train(small(300), 12, 1_000, (step, network) -> { });
        assertEquals(List.of(100, 200, 300), checkpoints);
        assertEquals(a.params(), b.params());
        assertNotEquals(a.params(), c.params());
        assertNotEquals(Dqn.network(small(300), 11).params(), a.params(), "training changed the weights");
    }

    @Test
    void theBatchedGreedyEvaluationEqualsEpisodesPlayedOneByOne() {
        MultiLayerNetwork network = Dqn.train(small(200), 3, 1_000, (step, n) -> { });
        List<CartPole.State> starts = GreedyEvaluation.starts(6, 9);
        double total = 0;
        for (CartPole.State start : starts) {
            CartPole env = new CartPole();
            CartPole.State s = env.reset(start);
            CartPole.Step step;
            do {
                step = env.step(Dqn.greedyAction(network, s));
                total += step.reward();
                s = step.state();
            } while (!step.done());
        }
        assertEquals(total / starts.size(), GreedyEvaluation.meanReturn(network, starts), 1e-9);
    }

    @Test
    void settingsOutOfRangeAreRefusedWithTheRule() {
        IllegalArgumentException gamma = assertThrows(IllegalArgumentException.class,
                () -> DqnSettings.cartPole(1.0, EpsilonSchedule.fixed(0.1), 1_000));
        assertEquals("gamma must be in (0, 1), but got 1.0", gamma.getMessage());
        IllegalArgumentException warmup = assertThrows(IllegalArgumentException.class,
                () -> new DqnSettings(0.9, EpsilonSchedule.fixed(0.1), 100, 1e-3, 8, 8, 100, 100, 10));
        assertEquals("0 <= warmupSteps < trainingSteps must hold, but got warmupSteps=100, trainingSteps=100",
                warmup.getMessage());
    }
}
