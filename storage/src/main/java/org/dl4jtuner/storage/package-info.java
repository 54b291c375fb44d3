/**
 * Persistent storage for studies: {@link org.dl4jtuner.storage.SqliteStorage} (one file) and
 * {@link org.dl4jtuner.storage.PostgresStorage} (many workers), one versioned schema of plain
 * data, opened from a URL by {@link org.dl4jtuner.storage.Storages}. Both pass the storage
 * contract the in-memory storage of the core passes.
 */
package org.dl4jtuner.storage;
