/**
 * Data for trials: IDX (MNIST, Fashion-MNIST with a bundled real subset), CSV through DataVec,
 * sequences for RNNs, seeded stratified splits, k-fold, subset fidelity and a process-wide cache.
 */
package org.dl4jtuner.datasets;
