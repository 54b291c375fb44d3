package org.dl4jtuner.tuner.importance;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.dl4jtuner.tuner.Objective;

/**
 * Six hyperparameters of the kinds a network has, of which two matter: the value depends only on
 * the learning rate (log-scaled) and the optimizer (categorical), plus a little noise. Shared by
 * the importance tests and the importance benchmark.
 */
public final class TwoOfSix {
    /** The two parameters that matter. */
    public static final List<String> RELEVANT = List.of("learning_rate", "optimizer");

    private TwoOfSix() {
    }

    /** The objective; the noise of trial n is drawn from {@code noiseSeed} and n, so any order gives the same values. */
    public static Objective objective(long noiseSeed) {
        Map<String, Double> optimizerCost = Map.of("adam", 0.0, "sgd", 1.5, "rmsprop", 0.7);
        return trial -> {
            double lr = trial.suggestFloat("learning_rate", 1e-4, 1e-1, true);
            String optimizer = trial.suggestCategorical("optimizer", List.of("adam", "sgd", "rmsprop"));
            trial.suggestFloat("dropout", 0.0, 0.5);
            trial.suggestInt("units", 16, 256);
            trial.suggestInt("layers", 1, 4);
            trial.suggestCategorical("activation", List.of("relu", "tanh", "elu"));
            double distance = Math.log10(lr) + 2.5;
            double noise = new Random(noiseSeed * 1_000_003L + trial.number()).nextGaussian();
            return distance * distance + optimizerCost.get(optimizer) + 0.02 * noise;
        };
    }
}
