/**
 * Benchmarks, run by {@code benchmarks/run} through {@link org.dl4jtuner.benchmarks.Benchmarks}:
 * our samplers, pruners, fANOVA importance and TPE against Optuna's on standard test functions
 * and a tabular learning-curve benchmark, and a trial's training throughput against bare DL4J.
 */
package org.dl4jtuner.benchmarks;
