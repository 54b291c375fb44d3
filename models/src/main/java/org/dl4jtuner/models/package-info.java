/**
 * The DL4J side of the tuner: {@link org.dl4jtuner.models.NetworkSpace} (declarative spaces),
 * {@link org.dl4jtuner.models.NetworkFactory} (networks built with DL4J's own builders),
 * {@code EpochLoop} (the epoch loop with pruning and early stopping) and
 * {@link org.dl4jtuner.models.NetworkObjective}, the objective a study optimizes.
 */
package org.dl4jtuner.models;
