/** Small helpers shared by the core: argument checks, seed derivation and deleting folders. */
package org.dl4jtuner.tuner.util;
