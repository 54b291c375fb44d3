package org.dl4jtuner.models.updater;

import java.util.LinkedHashMap;
import java.util.Map;

import org.dl4jtuner.tuner.util.Requires;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * The per-step rule of {@link AdamHd}: the hypergradient step on the learning rate, then ND4J's
 * own Adam step (the same native {@code adam_updater} op Adam uses, so with beta = 0 the updates
 * are Adam's bit for bit), then the step's direction kept for the next hypergradient. Everything
 * it remembers is in the state view array, so a network restored from a checkpoint continues
 * exactly where it stopped.
 */
public final class AdamHdUpdater implements GradientUpdater<AdamHd> {
    /** State map key (SameDiff): Adam's first moment. */
    public static final String M_STATE = "M";
    /** State map key (SameDiff): Adam's second moment. */
    public static final String V_STATE = "V";
    /** State map key (SameDiff): the previous step's direction. */
    public static final String DIRECTION_STATE = "U";
    /** State map key (SameDiff): the adapted learning rate, a one-element array. */
    public static final String LEARNING_RATE_STATE = "LR";
    /**
     * The adapted rate is kept at least this large: a hypergradient that would drive it to zero or
     * below (a step uphill) stops here, so the step direction can still be recovered from the update.
     */
    public static final double MIN_LEARNING_RATE = 1e-10;

    private final AdamHd config;
    private INDArray rate;
    private INDArray state;
    private INDArray m;
    private INDArray v;
    private INDArray direction;

    AdamHdUpdater(AdamHd config) {
        this.config = config;
    }

    @Override
    public AdamHd getConfig() {
        return config;
    }

    /** The adapted learning rate now (the starting rate before the first step). */
    public double learningRate() {
        if (rate == null) {
            throw new IllegalStateException("the updater has no state yet");
        }
        return rate.getDouble(0);
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        Requires.argument(viewArray.length() >= 4, "an Adam-HD state holds 3 values per parameter and the learning"
                + " rate, so at least 4, but got " + viewArray.length());
        state = viewArray.reshape(viewArray.length());
        if (initialize) {
            state.assign(0);
            state.putScalar(0, config.getLearningRate());
        }
        rate = state.get(NDArrayIndex.interval(0, 1));
        m = null;   // the tail's split needs the gradient's length: made at the first step
        v = null;
        direction = null;
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        for (String key : new String[] {M_STATE, V_STATE, DIRECTION_STATE, LEARNING_RATE_STATE}) {
            Requires.argument(stateMap.containsKey(key) && stateMap.get(key) != null,
                    "an Adam-HD state needs " + key + ", but got keys " + stateMap.keySet());
        }
        m = stateMap.get(M_STATE);
        v = stateMap.get(V_STATE);
        direction = stateMap.get(DIRECTION_STATE);
        rate = stateMap.get(LEARNING_RATE_STATE);
        state = null;
        if (initialize) {
            m.assign(0);
            v.assign(0);
            direction.assign(0);
            rate.assign(config.getLearningRate());
        }
    }

    @Override
    public Map<String, INDArray> getState() {
        Map<String, INDArray> map = new LinkedHashMap<>();
        map.put(M_STATE, m);
        map.put(V_STATE, v);
        map.put(DIRECTION_STATE, direction);
        map.put(LEARNING_RATE_STATE, rate);
        return map;
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        if (m == null) {
            split(gradient);
        }
        double alpha = rate.getDouble(0);
        double beta = config.getHypergradientLearningRate();
        if (beta != 0) {
            // d loss / d alpha = -g_t . u_{t-1}: descend it (u is zero before the first step)
            double hypergradient = Nd4j.getExecutioner().exec(new Dot(gradient, direction)).getDouble(0);
            rate.putScalar(0, Math.max(MIN_LEARNING_RATE, alpha + beta * hypergradient));
            alpha = rate.getDouble(0);   // the stored (single-precision) value, the one a resumed run reads
        }
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater(gradient, v, m, alpha, config.getBeta1(),
                config.getBeta2(), config.getEpsilon(), iteration));
        if (beta != 0) {
            direction.assign(gradient).divi(alpha);
        }
    }

    /** Lays Adam's moments and the direction, {@code gradient.length()} values each, at the state's end. */
    private void split(INDArray gradient) {
        if (state == null) {
            throw new IllegalStateException("the updater has no state view array");
        }
        long n = gradient.length();
        long length = state.length();
        if (length < 3 * n + 1) {
            throw new IllegalStateException("an Adam-HD state for " + n + " parameters needs at least " + (3 * n + 1)
                    + " values, but has " + length);
        }
        long start = length - 3 * n;
        m = shaped(state.get(NDArrayIndex.interval(start, start + n)), gradient);
        v = shaped(state.get(NDArrayIndex.interval(start + n, start + 2 * n)), gradient);
        direction = shaped(state.get(NDArrayIndex.interval(start + 2 * n, length)), gradient);
    }

    private static INDArray shaped(INDArray flat, INDArray like) {
        if (like.rank() == 1) {
            return flat;
        }
        INDArray view = Shape.newShapeNoCopy(flat, like.shape(), like.ordering() == 'f');
        if (view == null) {
            throw new IllegalStateException("cannot view the Adam-HD state in the gradient's shape");
        }
        return view;
    }
}
