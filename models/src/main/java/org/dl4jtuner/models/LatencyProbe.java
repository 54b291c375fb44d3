package org.dl4jtuner.models;

import java.util.Arrays;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Times inference: the median wall-clock time of {@value #TIMED} forward passes (inference mode)
 * over one batch, after {@value #WARM_UP} passes that are not timed (they let the JIT compile and
 * ND4J allocate its workspaces).
 */
final class LatencyProbe {
    /** Untimed passes first. */
    static final int WARM_UP = 3;
    /** Timed passes; the median is kept. */
    static final int TIMED = 11;

    private LatencyProbe() {
    }

    /** The median time of one forward pass of {@code model} over {@code features}, in milliseconds. */
    static double medianMillis(Model model, INDArray[] features) {
        double[] times = new double[TIMED];
        for (int i = 0; i < WARM_UP + TIMED; i++) {
            long start = System.nanoTime();
            forward(model, features);
            long elapsed = System.nanoTime() - start;
            if (i >= WARM_UP) {
                times[i - WARM_UP] = elapsed / 1e6;
            }
        }
        Arrays.sort(times);
        return times[TIMED / 2];
    }

    private static void forward(Model model, INDArray[] features) {
        if (model instanceof MultiLayerNetwork net) {
            NativeMemory.close(net.output(features[0], false));
        } else {
            for (INDArray out : ((ComputationGraph) model).output(false, features)) {
                NativeMemory.close(out);
            }
        }
    }
}
