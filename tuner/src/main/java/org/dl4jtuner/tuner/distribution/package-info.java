/**
 * Parameter distributions: a sealed set of records (float, int, categorical), each with a map to
 * the unit interval so that samplers can work on [0, 1]^d.
 */
package org.dl4jtuner.tuner.distribution;
