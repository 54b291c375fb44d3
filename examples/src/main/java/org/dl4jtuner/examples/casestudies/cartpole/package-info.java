/**
 * Case study 7.6's parts: {@link org.dl4jtuner.examples.casestudies.cartpole.CartPole} (the
 * cart-pole task with Gym's CartPole-v1 constants), a deep Q-network trained with DL4J
 * ({@link org.dl4jtuner.examples.casestudies.cartpole.Dqn}, with its
 * {@link org.dl4jtuner.examples.casestudies.cartpole.DqnSettings},
 * {@link org.dl4jtuner.examples.casestudies.cartpole.EpsilonSchedule} and
 * {@link org.dl4jtuner.examples.casestudies.cartpole.ReplayBuffer}), and
 * {@link org.dl4jtuner.examples.casestudies.cartpole.GreedyEvaluation}, the metric: the mean return
 * of greedy episodes. The search itself is in
 * {@link org.dl4jtuner.examples.casestudies.CartPoleDqn}.
 */
package org.dl4jtuner.examples.casestudies.cartpole;
