package org.dl4jtuner.examples.casestudies.cartpole;

import java.util.Random;

/**
 * The cart-pole balancing task of Barto, Sutton and Anderson (1983), with the constants, the Euler
 * integration, the termination bounds and the 500-step limit of Gym's {@code CartPole-v1}: a pole
 * hinged on a cart; each step pushes the cart left (action 0) or right (action 1) with 10 N for
 * 0.02 s and earns a reward of 1; an episode ends when the pole leans more than 12 degrees, the
 * cart leaves [-2.4, 2.4] m, or 500 steps have passed (truncation, not failure). The state after
 * a step comes from {@link #next}; the episode bookkeeping (steps, termination) from {@link #step}.
 *
 * <pre>{@code
 * CartPole env = new CartPole();
 * CartPole.State s = env.reset(new Random(42));
 * CartPole.Step step = env.step(1);
 * }</pre>
 */
public final class CartPole {
    /** Gravity, m/s^2. */
    public static final double GRAVITY = 9.8;
    /** Cart mass, kg. */
    public static final double CART_MASS = 1.0;
    /** Pole mass, kg. */
    public static final double POLE_MASS = 0.1;
    /** Half the pole's length, m. */
    public static final double HALF_POLE_LENGTH = 0.5;
    /** The force of a push, N. */
    public static final double FORCE = 10.0;
    /** Seconds per step. */
    public static final double TAU = 0.02;
    /** The episode fails beyond this pole angle: 12 degrees, in radians. */
    public static final double THETA_LIMIT = 12 * 2 * Math.PI / 360;
    /** The episode fails beyond this cart position, m. */
    public static final double X_LIMIT = 2.4;
    /** Steps after which an episode is truncated (CartPole-v1). */
    public static final int MAX_STEPS = 500;
    /** Each state variable starts uniformly in [-START_RANGE, START_RANGE]. */
    public static final double START_RANGE = 0.05;

    private static final double TOTAL_MASS = CART_MASS + POLE_MASS;
    private static final double POLE_MASS_LENGTH = POLE_MASS * HALF_POLE_LENGTH;

    /**
     * The state: cart position (m) and velocity (m/s), pole angle (rad, 0 upright, positive
     * clockwise) and angular velocity (rad/s).
     */
    public record State(double x, double xDot, double theta, double thetaDot) {
        /** The four variables in the order above, as a network reads them. */
        public double[] toArray() {
            return new double[] {x, xDot, theta, thetaDot};
        }

        /** Whether the pole has fallen or the cart has left the track. */
        public boolean failed() {
            return x < -X_LIMIT || x > X_LIMIT || theta < -THETA_LIMIT || theta > THETA_LIMIT;
        }
    }

    /**
     * The outcome of one step.
     *
     * @param state      the state after the step
     * @param reward     1 for every step, the failing one included
     * @param terminated the pole fell or the cart left the track
     * @param truncated  the episode reached {@link #MAX_STEPS} without failing
     */
    public record Step(State state, double reward, boolean terminated, boolean truncated) {
        /** Whether the episode is over. */
        public boolean done() {
            return terminated || truncated;
        }
    }

    private final int maxSteps;
    private State state;
    private int steps;
    private boolean over = true;

    /** CartPole-v1: episodes are truncated after {@link #MAX_STEPS} steps. */
    public CartPole() {
        this(MAX_STEPS);
    }

    /** Episodes truncated after {@code maxSteps} steps. */
    public CartPole(int maxSteps) {
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be >= 1, but got " + maxSteps);
        }
        this.maxSteps = maxSteps;
    }

    /** Starts an episode with each variable uniform in [-0.05, 0.05], drawn from {@code random}. */
    public State reset(Random random) {
        return reset(new State(uniform(random), uniform(random), uniform(random), uniform(random)));
    }

    /** Starts an episode in a given state. */
    public State reset(State start) {
        state = start;
        steps = 0;
        over = false;
        return state;
    }

    /** Pushes the cart left (0) or right (1) for one step. */
    public Step step(int action) {
        if (over) {
            throw new IllegalStateException("the episode is over (or was never started): call reset first");
        }
        state = next(state, action);
        steps++;
        boolean terminated = state.failed();
        boolean truncated = !terminated && steps >= maxSteps;
        over = terminated || truncated;
        return new Step(state, 1.0, terminated, truncated);
    }

    /** The equations of motion (frictionless), integrated by one explicit Euler step of {@link #TAU}. */
    public static State next(State s, int action) {
        if (action != 0 && action != 1) {
            throw new IllegalArgumentException("action must be 0 (push left) or 1 (push right), but got " + action);
        }
        double force = action == 1 ? FORCE : -FORCE;
        double cos = Math.cos(s.theta());
        double sin = Math.sin(s.theta());
        double temp = (force + POLE_MASS_LENGTH * s.thetaDot() * s.thetaDot() * sin) / TOTAL_MASS;
        double thetaAcc = (GRAVITY * sin - cos * temp)
                / (HALF_POLE_LENGTH * (4.0 / 3.0 - POLE_MASS * cos * cos / TOTAL_MASS));
        double xAcc = temp - POLE_MASS_LENGTH * thetaAcc * cos / TOTAL_MASS;
        return new State(s.x() + TAU * s.xDot(), s.xDot() + TAU * xAcc,
                s.theta() + TAU * s.thetaDot(), s.thetaDot() + TAU * thetaAcc);
    }

    private static double uniform(Random random) {
        return -START_RANGE + 2 * START_RANGE * random.nextDouble();
    }
}
