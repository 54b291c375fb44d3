/**
 * Pruners stop hopeless trials early from their intermediate values:
 * {@link org.dl4jtuner.tuner.pruner.Pruners} builds them. Every pruner is stateless; rung values
 * and brackets live in storage as trial system attributes.
 */
package org.dl4jtuner.tuner.pruner;
