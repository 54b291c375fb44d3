/**
 * The numerical parts of the GP sampler: a Gaussian process with a Matern 5/2 kernel (optionally
 * over a fidelity coordinate with a shared trend, for multi-fidelity models), the {@code Posterior}
 * an acquisition function reads, output warping, log expected improvement and the L-BFGS optimiser
 * that fits the kernel.
 */
package org.dl4jtuner.tuner.sampler.gp;
