package org.dl4jtuner.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dl4jtuner.models.updater.AdamHd;
import org.dl4jtuner.tuner.util.Requires;

/**
 * The resolved hyperparameters of one network: what a {@link NetworkSpace} gives for a trial.
 *
 * @param learningRate learning rate of the updater
 * @param batchSize    examples per mini-batch
 * @param units        units of each dense (MLP) or recurrent (LSTM) layer, or of the CNN's dense layer
 * @param filters      filters of each convolution block (CNN only, else empty)
 * @param kernel       convolution kernel size (CNN only)
 * @param dropout      dropout rate in [0, 1) on dense and recurrent layers
 * @param updater      adam, adam-hd, nesterovs, rmsprop or sgd
 * @param l2           L2 weight penalty
 * @param activation   activation of hidden layers (relu, tanh, sigmoid, elu, leakyrelu, swish, gelu)
 * @param hypergradientLr the hypergradient learning rate (beta) of adam-hd, which adapts the
 *                     learning rate during training; unused by the other updaters
 */
public record HyperParameters(double learningRate, int batchSize, List<Integer> units, List<Integer> filters, int kernel,
        double dropout, String updater, double l2, String activation, double hypergradientLr) {

    public HyperParameters {
        Requires.argument(learningRate > 0 && Double.isFinite(learningRate),
                "learning_rate > 0 must hold, but got learning_rate=" + learningRate);
        Requires.atLeast("batch_size", batchSize, 1);
        Requires.argument(!units.isEmpty(), "a network needs at least one layer, but got units=" + units);
        units.forEach(u -> Requires.atLeast("units", u, 1));
        filters.forEach(f -> Requires.atLeast("filters", f, 1));
        Requires.argument(dropout >= 0 && dropout < 1, "0 <= dropout < 1 must hold, but got dropout=" + dropout);
        Requires.argument(l2 >= 0, "l2 >= 0 must hold, but got l2=" + l2);
        Requires.argument(hypergradientLr >= 0 && Double.isFinite(hypergradientLr),
                "hypergradient_lr >= 0 must hold, but got hypergradient_lr=" + hypergradientLr);
        units = List.copyOf(units);
        filters = List.copyOf(filters);
    }

    /** Hyperparameters with adam-hd's default hypergradient learning rate ({@link AdamHd#DEFAULT_HYPERGRADIENT_LEARNING_RATE}). */
    public HyperParameters(double learningRate, int batchSize, List<Integer> units, List<Integer> filters, int kernel,
            double dropout, String updater, double l2, String activation) {
        this(learningRate, batchSize, units, filters, kernel, dropout, updater, l2, activation,
                AdamHd.DEFAULT_HYPERGRADIENT_LEARNING_RATE);
    }

    /** The values as plain data, for a trial attribute or a summary. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("learning_rate", learningRate);
        map.put("batch_size", batchSize);
        map.put("units", units);
        if (!filters.isEmpty()) {
            map.put("filters", filters);
            map.put("kernel", kernel);
        }
        map.put("dropout", dropout);
        map.put("updater", updater);
        if (NetworkFactory.ADAM_HD.equalsIgnoreCase(updater)) {
            map.put("hypergradient_lr", hypergradientLr);
        }
        map.put("l2", l2);
        map.put("activation", activation);
        return map;
    }
}
