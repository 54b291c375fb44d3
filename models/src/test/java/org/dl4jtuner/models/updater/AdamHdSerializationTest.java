package org.dl4jtuner.models.updater;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

/** Adam-HD inside DL4J's JSON and model files: the configuration and the adapted rate survive both. */
class AdamHdSerializationTest {
    @TempDir
    Path dir;

    @Test
    void aConfigurationWithAdamHdGoesThroughDl4jsJsonUnchanged() {
        MultiLayerConfiguration conf = AdamHdTest.network(new AdamHd(2e-3, 3e-6, 0.8, 0.99, 1e-7))
                .getLayerWiseConfigurations();
        String json = conf.toJson();
        assertTrue(json.contains(AdamHd.class.getName()), "the updater is written with its class name");
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertEquals(conf, back);
        for (int i = 0; i < back.getConfs().size(); i++) {
            AdamHd u = assertInstanceOf(AdamHd.class, ((BaseLayer) back.getConf(i).getLayer()).getIUpdater());
            assertEquals(new AdamHd(2e-3, 3e-6, 0.8, 0.99, 1e-7), u);
            assertEquals(3e-6, u.getHypergradientLearningRate());
        }
    }

    @Test
    void aModelFileKeepsTheAdaptedRateAndTrainingOnFromItEqualsTrainingWithoutAStop() throws Exception {
        List<DataSet> batches = AdamHdTest.batches();
        MultiLayerNetwork uninterrupted = AdamHdTest.network(new AdamHd(3e-3, 1e-3));
        AdamHdTest.fit(uninterrupted, batches, 2);
        MultiLayerNetwork stopped = AdamHdTest.network(new AdamHd(3e-3, 1e-3));
        AdamHdTest.fit(stopped, batches, 2);
        List<Double> adapted = AdaptedLearningRates.of(stopped);
        assertNotEquals(List.of((double) (float) 3e-3), adapted, "the rate moved in 20 steps");

        Path file = dir.resolve("net.zip");
        ModelSerializer.writeModel(stopped, file.toFile(), true);
        MultiLayerNetwork resumed = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        assertEquals(adapted, AdaptedLearningRates.of(resumed), "the adapted rate is restored with the updater state");
        assertArrayEquals(stopped.getUpdater().getStateViewArray().toFloatVector(),
                resumed.getUpdater().getStateViewArray().toFloatVector());

        AdamHdTest.fit(uninterrupted, batches, 3);
        AdamHdTest.fit(resumed, batches, 3);
        assertArrayEquals(uninterrupted.params().toFloatVector(), resumed.params().toFloatVector());
        assertEquals(AdaptedLearningRates.of(uninterrupted), AdaptedLearningRates.of(resumed));
        assertNotEquals(adapted, AdaptedLearningRates.of(resumed), "the resumed network went on adapting");
    }

    @Test
    void aModelFileWithoutUpdaterStateStartsAgainFromTheConfiguredRate() throws Exception {
        MultiLayerNetwork net = AdamHdTest.network(new AdamHd(3e-3, 1e-3));
        AdamHdTest.fit(net, AdamHdTest.batches(), 2);
        Path file = dir.resolve("weights-only.zip");
        ModelSerializer.writeModel(net, file.toFile(), false);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        assertArrayEquals(net.params().toFloatVector(), restored.params().toFloatVector());
        assertEquals(List.of(), AdaptedLearningRates.of(restored), "no updater until one is needed");
        restored.getUpdater();
        assertEquals(List.of((double) (float) 3e-3), AdaptedLearningRates.of(restored));
    }
}
