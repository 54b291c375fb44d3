package org.dl4jtuner.examples;

import org.dl4jtuner.datasets.DataPreparation;
import org.dl4jtuner.datasets.DataSource;
import org.dl4jtuner.datasets.PreparedData;
import org.dl4jtuner.models.Family;
import org.dl4jtuner.models.Metric;
import org.dl4jtuner.models.NetworkObjective;
import org.dl4jtuner.models.NetworkSpace;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.space.ParameterSpace;

/**
 * The API version of {@code examples/fashion-cnn.yaml}: a CNN on the bundled Fashion-MNIST
 * subset, random search, asynchronous Hyperband over 9 epochs, two trials at a time. The images
 * hold raw pixels 0..255; {@link DataPreparation} gives the 4,000/1,000 split with the
 * {@code ImagePreProcessingScaler} that the engine applies to every batch.
 *
 * <pre>
 * mvn -B -q -DskipTests -pl examples -am package
 * OMP_NUM_THREADS=1 java -cp 'examples/target/dl4j-tuner-examples.jar:examples/target/lib/*' \
 *     org.dl4jtuner.examples.FashionCnnExample [TRIALS]
 * </pre>
 */
public final class FashionCnnExample {
    private FashionCnnExample() {
    }

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 24;
        PreparedData data = DataPreparation.prepare(DataSource.bundledFashionMnist(), false, 42);

        NetworkSpace space = NetworkSpace.builder(Family.CNN)
                .set("learning_rate", ParameterSpace.logUniform(1e-4, 1e-2))
                .set("batch_size", ParameterSpace.choice(32, 64, 128))
                .set("layers", ParameterSpace.intRange(1, 2))
                .set("filters", ParameterSpace.choice(8, 16, 32))
                .set("units", ParameterSpace.intLogRange(32, 128))
                .set("dropout", ParameterSpace.uniform(0.0, 0.5))
                .set("updater", ParameterSpace.choice("adam", "nesterovs", "rmsprop"))
                .build();
        NetworkObjective objective = NetworkObjective.builder()
                .space(space)
                .data(data)                       // the split and its pixel scaler
                .metric(Metric.ACCURACY)
                .maxEpochs(9)
                .build();

        Study study = Study.builder()
                .name("fashion-cnn")
                .direction(Direction.MAXIMIZE)
                .sampler(Samplers.random(42))
                .pruner(Pruners.hyperband(1, 9, 3))
                .seed(42)
                .build();
        study.optimize(objective, trials, 2);

        FrozenTrial best = study.bestTrial();
        System.out.printf("best trial %d: validation accuracy %.4f with %s%n", best.number(), best.value(), best.params());
        System.out.println("test metrics of the best network: " + objective.evaluateBest(data.test()));
    }
}
