/**
 * Where studies and trials live: the {@link org.dl4jtuner.tuner.storage.Storage} interface and
 * its implementations. Storage is the single source of truth; strategies keep no state of their own.
 */
package org.dl4jtuner.tuner.storage;
