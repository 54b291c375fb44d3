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

    /**
     * The name of a folder that holds one study's files (checkpoints, networks): the study's name
     * with every character other than {@code [A-Za-z0-9_.-]} as {@code _}, a dash and its id, so
     * that {@code "fashion cnn"} with id 3 gives {@code fashion_cnn-3}.
     */
    public static String folderName(String name, long id) {
        return name.replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + id;
    }

    /** {@link #folderName(String, long)} of this study. */
    public String folderName() {
        return folderName(name, id);
    }
}
