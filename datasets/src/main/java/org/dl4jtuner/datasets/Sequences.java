package org.dl4jtuner.datasets;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sequence views for recurrent networks, in DL4J's layout [examples, features, time steps].
 */
public final class Sequences {
    private Sequences() {
    }

    /**
     * Images {1, h, w} as sequences of h time steps of w features (row t of the image is step t),
     * the classic "read the image row by row" RNN case study. Labels stay one per sequence.
     */
    public static LabeledData imageRowsAsTimeSteps(LabeledData images) {
        int[] shape = images.featureShape();
        if (shape.length != 3 || shape[0] != 1) {
            throw new IllegalArgumentException("expected grey images of shape {1, h, w}, but got "
                    + java.util.Arrays.toString(shape));
        }
        int h = shape[1];
        int w = shape[2];
        long n = images.size();
        INDArray seq = images.features().reshape('c', n, h, w).permute(0, 2, 1).dup('c').reshape('c', n, (long) w * h);
        return new LabeledData(seq, images.labels(), new int[] {w, h}, images.task(), images.classNames());
    }
}
