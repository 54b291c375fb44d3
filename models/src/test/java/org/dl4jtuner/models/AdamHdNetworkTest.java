package org.dl4jtuner.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jtuner.datasets.Splits;
import org.dl4jtuner.datasets.Task;
import org.dl4jtuner.models.updater.AdamHd;
import org.dl4jtuner.models.updater.AdaptedLearningRates;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.space.ParameterSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;

/** adam-hd through the built-in families: the space, the factory, the memory estimate and a checkpointed trial. */
class AdamHdNetworkTest {
    @TempDir
    Path work;

    @Test
    void hypergradientLrIsSuggestedOnlyByAdamHdTrials() {
        NetworkSpace space = NetworkSpace.builder(Family.MLP)
                .set("updater", ParameterSpace.choice("adam", "adam-hd"))
                .set("hypergradient_lr", ParameterSpace.logUniform(1e-9, 1e-5))
                .build();
        int hd = 0;
        for (long seed = 0; seed < 20; seed++) {
            Trial t = Study.builder().sampler(Samplers.random(seed)).build().ask();
            HyperParameters hp = space.sample(t);
            boolean isHd = hp.updater().equals("adam-hd");
            hd += isHd ? 1 : 0;
            assertEquals(isHd, t.params().containsKey("hypergradient_lr"), "seed " + seed + ": " + t.params());
            assertEquals(isHd, hp.toMap().containsKey("hypergradient_lr"));
            if (isHd) {
                assertEquals(t.params().get("hypergradient_lr"), hp.hypergradientLr());
            }
        }
        assertTrue(hd > 0 && hd < 20, "both updaters drawn in 20 trials, adam-hd " + hd + " times");
    }

    @Test
    void theFactoryGivesEveryLayerAdamHdWithTheTrialsRatesAndTheEstimateCountsItsState() {
        HyperParameters hp = new HyperParameters(2e-3, 32, List.of(16), List.of(), 0, 0.0, "adam-hd", 0.0, "relu", 4e-6);
        MultiLayerConfiguration conf = NetworkFactory.configuration(Family.MLP, hp, new int[] {10}, 3,
                Task.CLASSIFICATION, 1);
        for (int i = 0; i < conf.getConfs().size(); i++) {
            assertEquals(new AdamHd(2e-3, 4e-6), ((BaseLayer) conf.getConf(i).getLayer()).getIUpdater());
        }
        MemoryEstimate e = MemoryEstimate.of(NetworkConfiguration.of(conf), new long[] {32, 10}, 1);
        // dense 10x16 + 16, output 16x3 + 3: 227 parameters in 4 arrays, each 3n + 1 state values
        assertEquals(227, e.parameters());
        assertEquals(3 * 227 + 4, e.updaterState());
        assertEquals("AdamHd", e.updater());
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        assertEquals(e.updaterState(), net.getUpdater().getStateViewArray().length(), "the estimate is DL4J's size");
        assertEquals(List.of((double) (float) 2e-3), AdaptedLearningRates.of(net), "one block, one rate");
    }

    private NetworkObjective objective(String name) {
        Splits data = TestData.small();
        NetworkSpace space = NetworkSpace.builder(Family.MLP).fix("updater", "adam-hd").fix("layers", 1)
                .fix("units", 32).fix("batch_size", 50).fix("learning_rate", 1e-3).fix("hypergradient_lr", 1e-6).build();
        return NetworkObjective.builder().space(space).data(data.train(), data.validation())
                .normalizer(new ImagePreProcessingScaler(0, 1)).maxEpochs(4).workDir(work.resolve(name)).build();
    }

    private static Trial firstTrial() {
        return Study.builder().direction(Direction.MAXIMIZE).seed(17).build().ask();
    }

    @Test
    void aTrialResumedFromItsCheckpointGoesOnWithTheAdaptedRateAsAnUninterruptedOne() throws Exception {
        Trial straight = firstTrial();
        objective("straight").evaluate(straight);
        Trial paused = firstTrial();
        NetworkObjective resumable = objective("resumable");
        resumable.evaluate(paused, 2);   // checkpoints after each epoch, as Hyperband's rungs do
        resumable.evaluate(paused, 4);   // loads the epoch-2 checkpoint and trains epochs 3 and 4

        assertEquals(4, straight.frozen().intermediateValues().size());
        assertEquals(straight.frozen().intermediateValues(), paused.frozen().intermediateValues());
        Map<?, ?> rates = (Map<?, ?>) straight.frozen().userAttrs().get(NetworkObjective.ADAPTED_LEARNING_RATES_ATTR);
        assertEquals(rates, paused.frozen().userAttrs().get(NetworkObjective.ADAPTED_LEARNING_RATES_ATTR));
        assertEquals(List.of("1", "2", "3", "4"), List.copyOf(rates.keySet().stream().map(String::valueOf).toList()));
        double first = ((Number) ((List<?>) rates.get("1")).get(0)).doubleValue();
        double last = ((Number) ((List<?>) rates.get("4")).get(0)).doubleValue();
        assertFalse(first == last, "the rate moved between epoch 1 and 4: " + rates);
    }
}
