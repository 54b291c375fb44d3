package org.dl4jtuner.examples.casestudies.cartpole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class CartPoleTest {
    private static final double EPS = 1e-12;

    private static CartPole.State mirror(CartPole.State s) {
        return new CartPole.State(-s.x(), -s.xDot(), -s.theta(), -s.thetaDot());
    }

    private static void assertState(CartPole.State expected, CartPole.State actual) {
        assertEquals(expected.x(), actual.x(), EPS, "x");
        assertEquals(expected.xDot(), actual.xDot(), EPS, "xDot");
        assertEquals(expected.theta(), actual.theta(), EPS, "theta");
        assertEquals(expected.thetaDot(), actual.thetaDot(), EPS, "thetaDot");
    }

    @Test
    void aPushRightFromRestMatchesTheEquationsWorkedByHand() {
        // force/total mass = 100/11; the angular denominator l (4/3 - m_p/M) = 41/66, so
        // thetaAcc = -(100/11)/(41/66) = -600/41 and xAcc = 100/11 + 0.05 (600/41) / 1.1 = 400/41
        CartPole.State next = CartPole.next(new CartPole.State(0, 0, 0, 0), 1);
        assertState(new CartPole.State(0, 0.02 * 400 / 41, 0, -0.02 * 600 / 41), next);
        // Euler: the position moves by the previous step's velocity
        CartPole.State second = CartPole.next(next, 1);
        assertEquals(0.02 * 0.02 * 400 / 41, second.x(), EPS);
        assertEquals(0.02 * -0.02 * 600 / 41, second.theta(), EPS);
    }

    @Test
    void theDynamicsAreMirrorSymmetric() {
        CartPole.State s = new CartPole.State(0.3, -0.7, 0.05, 0.4);
        for (int action = 0; action < 2; action++) {
            assertState(mirror(CartPole.next(s, action)), CartPole.next(mirror(s), 1 - action));
        }
    }

    @Test
    void gravityPullsALeaningPoleFurtherAndAPushUnderItSlowsTheFall() {
        CartPole.State leaningRight = new CartPole.State(0, 0, 0.1, 0);
        double pushLeft = CartPole.next(leaningRight, 0).thetaDot();
        double pushRight = CartPole.next(leaningRight, 1).thetaDot();
        assertTrue(pushLeft > 0, "pushing the cart away from the lean speeds up the fall: " + pushLeft);
        assertTrue(pushRight < pushLeft, "pushing under the pole must slow the fall: " + pushRight + " vs " + pushLeft);
    }

    @Test
    void anEpisodeFailsWhenTheCartLeavesTheTrackAndEarnsItsLastReward() {
        CartPole env = new CartPole();
        env.reset(new CartPole.State(2.39, 1.0, 0, 0));
        CartPole.Step step = env.step(1);
        assertTrue(step.state().x() > CartPole.X_LIMIT);
        assertTrue(step.terminated());
        assertFalse(step.truncated());
        assertEquals(1.0, step.reward());
        assertThrows(IllegalStateException.class, () -> env.step(0));
    }

    @Test
    void anEpisodeFailsBeyondTwelveDegreesAndNotWithin() {
        double limit = Math.toRadians(12);
        assertEquals(limit, CartPole.THETA_LIMIT, 1e-15);
        assertTrue(new CartPole.State(0, 0, -limit - 1e-9, 0).failed());
        assertFalse(new CartPole.State(0, 0, limit - 1e-9, 0).failed());
        assertFalse(new CartPole.State(CartPole.X_LIMIT, 0, 0, 0).failed());
        CartPole env = new CartPole();
        env.reset(new CartPole.State(0, 0, limit - 0.001, 0.5));
        assertTrue(env.step(1).terminated(), "the pole passes 12 degrees in one step at 0.5 rad/s");
    }

    @Test
    void anEpisodeIsTruncatedNotTerminatedAtItsStepLimit() {
        CartPole env = new CartPole(3);
        env.reset(new CartPole.State(0, 0, 0, 0));
        int[] actions = {1, 0, 0};
        CartPole.Step step = null;
        for (int i = 0; i < actions.length; i++) {
            step = env.step(actions[i]);
            assertEquals(i == actions.length - 1, step.done(), "step " + (i + 1));
        }
        assertTrue(step.truncated());
        assertFalse(step.terminated());
        assertEquals(500, CartPole.MAX_STEPS);
    }

    @Test
    void resetDrawsEachVariableWithinFiveHundredthsAndIsSeeded() {
        CartPole env = new CartPole();
        Random random = new Random(3);
        for (int i = 0; i < 200; i++) {
            for (double v : env.reset(random).toArray()) {
                assertTrue(Math.abs(v) <= CartPole.START_RANGE, "start value " + v);
            }
        }
        assertEquals(env.reset(new Random(7)), new CartPole().reset(new Random(7)));
        assertFalse(env.reset(new Random(7)).equals(env.reset(new Random(8))));
    }

    @Test
    void badActionsAndASteplessEnvironmentAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CartPole.next(new CartPole.State(0, 0, 0, 0), 2));
        assertEquals("action must be 0 (push left) or 1 (push right), but got 2", e.getMessage());
        assertThrows(IllegalStateException.class, () -> new CartPole().step(0));
        assertThrows(IllegalArgumentException.class, () -> new CartPole(0));
    }
}
