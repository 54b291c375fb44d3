/**
 * Synchronous Hyperband (Li et al., JMLR 2018, Algorithm 1) with promoted configurations that
 * continue from where they stopped, and its bracket table.
 */
package org.dl4jtuner.tuner.hyperband;
