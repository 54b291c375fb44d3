package org.dl4jtuner.models.updater;

import java.util.Map;
import java.util.Objects;

import org.dl4jtuner.tuner.util.Requires;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Adam with hypergradient descent on its learning rate (Adam-HD; Baydin et al., "Online Learning
 * Rate Adaptation with Hypergradient Descent", ICLR 2018): before every step the learning rate
 * moves by {@code alpha_t = alpha_{t-1} + beta * (g_t . u_{t-1})}, where {@code g_t} is the new
 * gradient and {@code u_{t-1} = mhat / (sqrt(vhat) + eps)} the direction of the previous Adam step
 * (DL4J subtracts updates, so a gradient still pointing along the last step says the step was too
 * short and the rate grows; one pointing back says it overshot and the rate shrinks). Then the step
 * is Adam's own, with the adapted rate.
 *
 * <p>The adapted rate is part of the updater state, not of this configuration: it lives in the
 * network's updater state array next to Adam's moments and the last direction, so checkpoints
 * and model files saved with their updater keep it and a resumed network goes on from it. This
 * object's {@link #getLearningRate()} is the starting rate only; read the current one with
 * {@link AdaptedLearningRates#of}. DL4J runs one updater per block of consecutive parameters that
 * share an equal updater configuration; the networks this project builds use one configuration
 * for every layer, so they have one block and one global rate, as in the paper. A network whose
 * layers have different updaters has one adapted rate per Adam-HD block.
 *
 * <pre>{@code
 * MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
 *         .updater(new AdamHd(1e-3, AdamHd.DEFAULT_HYPERGRADIENT_LEARNING_RATE))
 *         .list() ... .build();
 * }</pre>
 *
 * <p>State layout (length {@code stateSize(n) = 3n + 1} per parameter array; a block holds the
 * sum): index 0 the adapted learning rate, then unused slots (one per further parameter array in
 * the block), then Adam's first moment, its second moment and the last step's direction, n values
 * each, at the end.
 */
public final class AdamHd implements IUpdater {
    /** The paper's hypergradient learning rate for Adam-HD (beta = 1e-7, used for all its Adam-HD runs). */
    public static final double DEFAULT_HYPERGRADIENT_LEARNING_RATE = 1e-7;

    @JsonProperty
    private double learningRate;
    @JsonProperty
    private double hypergradientLearningRate;
    @JsonProperty
    private double beta1;
    @JsonProperty
    private double beta2;
    @JsonProperty
    private double epsilon;

    /** Adam's defaults (learning rate 1e-3) and the paper's hypergradient learning rate. */
    public AdamHd() {
        this(Adam.DEFAULT_ADAM_LEARNING_RATE, DEFAULT_HYPERGRADIENT_LEARNING_RATE);
    }

    /** A starting learning rate and a hypergradient learning rate, with Adam's default betas and epsilon. */
    public AdamHd(double learningRate, double hypergradientLearningRate) {
        this(learningRate, hypergradientLearningRate, Adam.DEFAULT_ADAM_BETA1_MEAN_DECAY,
                Adam.DEFAULT_ADAM_BETA2_VAR_DECAY, Adam.DEFAULT_ADAM_EPSILON);
    }

    /**
     * Every setting.
     *
     * @param learningRate              the starting learning rate, > 0
     * @param hypergradientLearningRate beta, the step size of the learning rate's own descent, >= 0 (0 is plain Adam)
     * @param beta1                     Adam's first-moment decay, in [0, 1)
     * @param beta2                     Adam's second-moment decay, in [0, 1)
     * @param epsilon                   Adam's epsilon, > 0
     */
    @JsonCreator
    public AdamHd(@JsonProperty("learningRate") double learningRate,
            @JsonProperty("hypergradientLearningRate") double hypergradientLearningRate,
            @JsonProperty("beta1") double beta1, @JsonProperty("beta2") double beta2,
            @JsonProperty("epsilon") double epsilon) {
        Requires.argument(learningRate > 0 && Double.isFinite(learningRate),
                "learning_rate > 0 must hold, but got learning_rate=" + learningRate);
        Requires.argument(hypergradientLearningRate >= 0 && Double.isFinite(hypergradientLearningRate),
                "hypergradient_lr >= 0 must hold, but got hypergradient_lr=" + hypergradientLearningRate);
        Requires.argument(beta1 >= 0 && beta1 < 1, "0 <= beta1 < 1 must hold, but got beta1=" + beta1);
        Requires.argument(beta2 >= 0 && beta2 < 1, "0 <= beta2 < 1 must hold, but got beta2=" + beta2);
        Requires.argument(epsilon > 0, "epsilon > 0 must hold, but got epsilon=" + epsilon);
        this.learningRate = learningRate;
        this.hypergradientLearningRate = hypergradientLearningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    /** The starting learning rate (the adapted one is in the updater state: see {@link AdaptedLearningRates}). */
    public double getLearningRate() {
        return learningRate;
    }

    /** Beta, the hypergradient learning rate. */
    public double getHypergradientLearningRate() {
        return hypergradientLearningRate;
    }

    /** Adam's first-moment decay. */
    public double getBeta1() {
        return beta1;
    }

    /** Adam's second-moment decay. */
    public double getBeta2() {
        return beta2;
    }

    /** Adam's epsilon. */
    public double getEpsilon() {
        return epsilon;
    }

    @Override
    public long stateSize(long numParams) {
        return 3 * numParams + 1;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        AdamHdUpdater updater = new AdamHdUpdater(this);
        updater.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> state, boolean initialize) {
        AdamHdUpdater updater = new AdamHdUpdater(this);
        updater.setState(state, initialize);
        return updater;
    }

    @Override
    public AdamHd clone() {
        return new AdamHd(learningRate, hypergradientLearningRate, beta1, beta2, epsilon);
    }

    /** The starting rate: DL4J asks for it to scale weight decay; the step itself uses the adapted rate. */
    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    /**
     * Sets the starting rate (networks built afterwards start from it; a running network's adapted
     * rate is state and stays). Schedules are refused: the hypergradient is the schedule.
     */
    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        Requires.argument(lrSchedule == null, "Adam-HD adapts its own learning rate and takes no schedule, but got "
                + lrSchedule);
        Requires.argument(lr > 0 && Double.isFinite(lr), "learning_rate > 0 must hold, but got learning_rate=" + lr);
        this.learningRate = lr;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AdamHd a && Double.compare(learningRate, a.learningRate) == 0
                && Double.compare(hypergradientLearningRate, a.hypergradientLearningRate) == 0
                && Double.compare(beta1, a.beta1) == 0 && Double.compare(beta2, a.beta2) == 0
                && Double.compare(epsilon, a.epsilon) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, hypergradientLearningRate, beta1, beta2, epsilon);
    }

    @Override
    public String toString() {
        return "AdamHd(learningRate=" + learningRate + ", hypergradientLearningRate=" + hypergradientLearningRate
                + ", beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon + ")";
    }
}
