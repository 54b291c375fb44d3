package org.dl4jtuner.models;

import java.util.Map;

import org.dl4jtuner.tuner.Trial;

/**
 * Your own network for a YAML study ({@code model: {type: custom, class: com.acme.MyNetworks,
 * space: {...}}}, run with {@code --classpath}): a public class with a public no-argument
 * constructor that turns a trial into a DL4J configuration. Everything the command line gives
 * (storage, resume, {@code --isolate}, progress, dashboard, export) works for it.
 *
 * <pre>{@code
 * public final class MyNetworks implements CustomNetwork {
 *     public NetworkConfiguration configure(Trial trial, Map<String, Object> values, DataShape shape) {
 *         double lr = ((Number) values.get("learning_rate")).doubleValue();   // from model.space
 *         int units = trial.suggestInt("units", 16, 256, true);               // or define-by-run
 *         return NetworkConfiguration.of(new NeuralNetConfiguration.Builder().updater(new Adam(lr)).list()
 *                 .layer(new DenseLayer.Builder().nOut(units).activation(Activation.RELU).build())
 *                 .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(shape.outputs())
 *                         .activation(Activation.SOFTMAX).build())
 *                 .setInputType(shape.inputType())
 *                 .build());
 *     }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface CustomNetwork {
    /**
     * The network of one trial.
     *
     * @param trial  the trial: its seed, and {@code suggest*} for parameters the spec does not list
     * @param values every {@code model.space} entry's value for this trial, searched and fixed ones
     * @param shape  the data's example shape, outputs and task
     */
    NetworkConfiguration configure(Trial trial, Map<String, Object> values, DataShape shape);
}
