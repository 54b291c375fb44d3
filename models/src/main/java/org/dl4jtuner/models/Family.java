package org.dl4jtuner.models;

import java.util.Arrays;
import java.util.Locale;

/** The network families the tuner builds. */
public enum Family {
    /** Dense layers over flattened features. */
    MLP,
    /** Convolution + max-pooling blocks, one dense layer, for images. */
    CNN,
    /** LSTM layers over sequences [features, time steps]; the last time step feeds the output. */
    LSTM;

    /** The family of a name such as "cnn"; IllegalArgumentException naming the valid ones otherwise. */
    public static Family of(String name) {
        for (Family f : values()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("model type must be one of " + Arrays.toString(values()).toLowerCase(Locale.ROOT)
                + ", but got '" + name + "'");
    }

    /** The lower-case name used in specs. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
