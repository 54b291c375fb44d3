package org.dl4jtuner.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.memory.MemoryUseMode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * What a network needs in memory to train, estimated from its configuration before anything is
 * allocated: parameters, their gradients and the updater's state (all counted exactly from the
 * layers' configurations) plus one mini-batch's activations (from DL4J's memory report when the
 * input shape is known, else from the layers' widths).
 *
 * <pre>{@code
 * MemoryEstimate need = MemoryEstimate.of(conf, new long[] {64, 784}, 1);
 * need.bytes();   // about (parameters x (2 + Adam's 2) + activations) x 4 bytes
 * }</pre>
 *
 * @param parameters      parameters of one network
 * @param updaterState    updater state values of one network (twice the parameters for Adam)
 * @param activationBytes one mini-batch's activations, gradients of activations and working memory, in bytes
 * @param batchSize       the mini-batch size the activations are for
 * @param networks        networks trained side by side (cross-validation folds)
 * @param updater         the updater's name, for messages ({@code "Adam"}, or {@code "mixed"})
 */
public record MemoryEstimate(long parameters, long updaterState, long activationBytes, long batchSize, int networks,
        String updater) {
    /** Bytes of one float value: DL4J networks train in single precision by default. */
    private static final long FLOAT = 4;

    /** Bytes needed in all: every network's parameters, gradients, updater state and batch activations. */
    public long bytes() {
        return networks * ((2 * parameters + updaterState) * FLOAT + activationBytes);
    }

    /**
     * The estimate of a configuration trained on mini-batches whose features have the given shape
     * ({@code [batch, ...]}, null when unknown: activations are then estimated from the layers'
     * widths), {@code networks} at a time.
     */
    public static MemoryEstimate of(NetworkConfiguration conf, long[] featureShape, int networks) {
        List<NeuralNetConfiguration> layers = layers(conf);
        long params = 0;
        long state = 0;
        String updater = null;
        long widths = 0;
        for (NeuralNetConfiguration layerConf : layers) {
            Layer layer = layerConf.getLayer();
            long n = layer.initializer().numParams(layerConf);
            params += n;
            if (layer instanceof BaseLayer base && base.getIUpdater() != null) {
                IUpdater u = base.getIUpdater();
                // DL4J sizes the state per parameter array: for an updater with a fixed part (Adam-HD's
                // learning rate) each further array of the layer adds stateSize(0)
                int arrays = layer.initializer().paramKeys(layer).size();
                state += u.stateSize(n) + Math.max(0, arrays - 1) * u.stateSize(0);
                String name = u.getClass().getSimpleName();
                updater = updater == null || updater.equals(name) ? name : "mixed";
            }
            if (layer instanceof org.deeplearning4j.nn.conf.layers.FeedForwardLayer ff) {
                widths += ff.getNOut();
            }
        }
        long batch = featureShape != null && featureShape.length > 0 ? featureShape[0] : NetworkObjective.DEFAULT_BATCH_SIZE;
        long activations = reported(conf, featureShape, batch, params, state);
        if (activations < 0) {
            // activations and their gradients, per example, for every layer's output
            activations = 2 * batch * widths * FLOAT;
        }
        return new MemoryEstimate(params, state, activations, batch, networks, updater == null ? "no" : updater);
    }

    /**
     * Activation and working memory from DL4J's memory report (its total less the parameters and
     * updater state counted here), or -1 when the input shape is unknown or the report fails.
     */
    private static long reported(NetworkConfiguration conf, long[] shape, long batch, long params, long state) {
        InputType input = inputType(shape);
        if (input == null || batch > Integer.MAX_VALUE) {
            return -1;
        }
        try {
            long total;
            if (conf instanceof NetworkConfiguration.MultiLayer m) {
                total = m.configuration().clone().getMemoryReport(input)
                        .getTotalMemoryBytes((int) batch, MemoryUseMode.TRAINING, CacheMode.NONE, DataType.FLOAT);
            } else {
                ComputationGraphConfiguration c = ((NetworkConfiguration.Graph) conf).configuration().clone();
                if (c.getNetworkInputs().size() != 1) {
                    return -1;
                }
                total = c.getMemoryReport(input).getTotalMemoryBytes((int) batch, MemoryUseMode.TRAINING,
                        CacheMode.NONE, DataType.FLOAT);
            }
            return total < 0 ? -1 : Math.max(0, total - (params + state) * FLOAT);
        } catch (RuntimeException unsupported) {
            return -1;   // a layer without a memory report: fall back to the layers' widths
        }
    }

    /** The input type of features of this shape: [batch, n], [batch, n, time] or [batch, channels, height, width]. */
    private static InputType inputType(long[] shape) {
        if (shape == null) {
            return null;
        }
        return switch (shape.length) {
            case 2 -> InputType.feedForward(shape[1]);
            case 3 -> InputType.recurrent(shape[1], shape[2]);
            case 4 -> InputType.convolutional(shape[2], shape[3], shape[1]);
            default -> null;
        };
    }

    private static List<NeuralNetConfiguration> layers(NetworkConfiguration conf) {
        if (conf instanceof NetworkConfiguration.MultiLayer m) {
            return m.configuration().getConfs();
        }
        List<NeuralNetConfiguration> list = new ArrayList<>();
        for (GraphVertex v : ((NetworkConfiguration.Graph) conf).configuration().getVertices().values()) {
            if (v instanceof LayerVertex lv && lv.getLayerConf() != null) {
                list.add(lv.getLayerConf());
            }
        }
        return list;
    }

    /** MiB, rounded up, with thousands separators: {@code "14,200"}. */
    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,d", (bytes + (1 << 20) - 1) >> 20);
    }

    /** For messages: {@code "about 14,200 MiB (3.6e+09 parameters with Adam state, batch 64)"}. */
    public String describe() {
        return String.format(Locale.ROOT, "about %s MiB (%.2g parameters with %s state, batch %d%s)", mib(bytes()),
                (double) parameters, updater, batchSize, networks > 1 ? ", " + networks + " networks side by side" : "");
    }
}
