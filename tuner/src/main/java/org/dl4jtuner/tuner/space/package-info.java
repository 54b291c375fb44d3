/**
 * Declarative parameter spaces (fixed, uniform, log-uniform, int range, choice) that compile to
 * {@code trial.suggest*} calls; the building block of YAML specs and network spaces.
 */
package org.dl4jtuner.tuner.space;
