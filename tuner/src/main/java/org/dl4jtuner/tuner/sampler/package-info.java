/**
 * Samplers propose parameter values: {@link org.dl4jtuner.tuner.sampler.Samplers} builds them.
 * Every sampler is stateless; what it must remember lives in storage.
 */
package org.dl4jtuner.tuner.sampler;
