package org.dl4jtuner.examples;

import org.dl4jtuner.datasets.DataPreparation;
import org.dl4jtuner.datasets.DataSource;
import org.dl4jtuner.datasets.PreparedData;
import org.dl4jtuner.models.Family;
import org.dl4jtuner.models.Metric;
import org.dl4jtuner.models.NetworkObjective;
import org.dl4jtuner.models.NetworkSpace;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.space.ParameterSpace;

/**
 * The API version of {@code examples/fashion-lstm.yaml}: an LSTM reads each image row by row
 * (28 time steps of 28 pixels); half of the bundled training images; ASHA over 6 epochs.
 * {@link DataPreparation} turns the images into row sequences and gives the pixel scaler the engine
 * applies to every batch (the rows hold raw pixels 0..255). The optional argument is the number of
 * trials (default 12).
 */
public final class FashionLstmExample {
    private FashionLstmExample() {
    }

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        PreparedData data = DataPreparation.prepare(DataSource.bundledFashionMnist().withSubset(0.5), true, 3);

        NetworkSpace space = NetworkSpace.builder(Family.LSTM)
                .set("learning_rate", ParameterSpace.logUniform(5e-4, 1e-2))
                .set("batch_size", ParameterSpace.choice(64, 128))
                .set("layers", ParameterSpace.intRange(1, 2))
                .set("units", ParameterSpace.intLogRange(16, 64))
                .set("updater", ParameterSpace.choice("adam", "rmsprop"))
                .build();
        NetworkObjective objective = NetworkObjective.builder()
                .space(space)
                .data(data)
                .metric(Metric.ACCURACY)
                .maxEpochs(6)
                .build();

        Study study = Study.builder()
                .name("fashion-lstm")
                .direction(Direction.MAXIMIZE)
                .sampler(Samplers.random(3))
                .pruner(Pruners.successiveHalving(1, 6, 3))
                .seed(3)
                .build();
        study.optimize(objective, trials, 2);
        System.out.printf("best validation accuracy %.4f with %s%n", study.bestValue(), study.bestTrial().params());
        System.out.println("test metrics: " + objective.evaluateBest(data.test()));
    }
}
