/**
 * DL4J updaters of this project, written against ND4J's updater SPI
 * ({@link org.nd4j.linalg.learning.config.IUpdater} for the configuration that travels inside a
 * network's JSON, {@link org.nd4j.linalg.learning.GradientUpdater} for the per-step rule whose
 * state lives in the network's updater state array): {@link org.dl4jtuner.models.updater.AdamHd},
 * Adam with hypergradient descent on its learning rate, and
 * {@link org.dl4jtuner.models.updater.AdaptedLearningRates}, which reads the rates it adapted back
 * out of a network.
 */
package org.dl4jtuner.models.updater;
