package org.dl4jtuner.tuner.storage;

import org.dl4jtuner.tuner.Direction;

/**
 * A study as storage knows it.
 *
 * @param id        storage-wide identifier
 * @param name      unique name within the storage
 * @param direction optimization direction
 */
public record StudyRecord(long id, String name, Direction direction) {
}
