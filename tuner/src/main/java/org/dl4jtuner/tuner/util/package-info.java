/** Small helpers shared by the core: argument checks and seed derivation. */
package org.dl4jtuner.tuner.util;
