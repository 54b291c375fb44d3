/**
 * The core of dl4j-tuner: {@link org.dl4jtuner.tuner.Study}, {@link org.dl4jtuner.tuner.Trial},
 * {@link org.dl4jtuner.tuner.Objective} and {@link org.dl4jtuner.tuner.Budget}. This module never
 * imports DL4J or ND4J; the DL4J side lives in dl4j-tuner-models.
 */
package org.dl4jtuner.tuner;
