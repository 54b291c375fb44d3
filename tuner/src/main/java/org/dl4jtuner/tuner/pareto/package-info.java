/**
 * Pareto arithmetic for multi-objective studies, on loss vectors (every objective minimized):
 * dominance with Deb's constraint rule, non-dominated sorting, crowding distance and the exact
 * hypervolume.
 */
package org.dl4jtuner.tuner.pareto;
