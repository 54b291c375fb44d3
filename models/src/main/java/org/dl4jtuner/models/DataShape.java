package org.dl4jtuner.models;

import java.util.Arrays;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.dl4jtuner.datasets.Task;
import org.dl4jtuner.tuner.util.Requires;

/**
 * The shape of a study's data as a network needs it: one example's shape, the outputs and the task.
 *
 * <pre>{@code
 * builder.setInputType(shape.inputType())           // feedForward(d), convolutionalFlat(h, w, c) or recurrent(f, t)
 *        .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(shape.outputs()).build());
 * }</pre>
 *
 * @param featureShape one example: {d} (tabular), {channels, height, width} (images) or {features, time steps}
 * @param outputs      classes (classification) or targets (regression)
 * @param task         classification or regression
 */
public record DataShape(int[] featureShape, int outputs, Task task) {
    public DataShape {
        if (featureShape == null || featureShape.length < 1 || featureShape.length > 3) {
            throw new IllegalArgumentException("a feature shape has 1 to 3 dimensions, but got "
                    + Arrays.toString(featureShape));
        }
        Requires.atLeast("outputs", outputs, 1);
        featureShape = featureShape.clone();
    }

    /** One example's shape (a copy). */
    @Override
    public int[] featureShape() {
        return featureShape.clone();
    }

    /** DL4J's input type for batches of this data, as rows arrive (images flattened, sequences [batch, features, steps]). */
    public InputType inputType() {
        return switch (featureShape.length) {
            case 1 -> InputType.feedForward(featureShape[0]);
            case 2 -> InputType.recurrent(featureShape[0], featureShape[1]);
            default -> InputType.convolutionalFlat(featureShape[1], featureShape[2], featureShape[0]);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataShape d && Arrays.equals(d.featureShape, featureShape) && d.outputs == outputs
                && d.task == task;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(featureShape) * 31 + outputs * 7 + task.hashCode();
    }

    @Override
    public String toString() {
        return "DataShape[" + Arrays.toString(featureShape) + " -> " + outputs + " " + task.name().toLowerCase(java.util.Locale.ROOT) + "]";
    }
}
