package org.dl4jtuner.datasets;

/**
 * A dataset published with a fixed train/test split (MNIST, Fashion-MNIST).
 *
 * @param train the training set (split further into train and validation by the caller)
 * @param test  the official test set
 */
public record TrainTest(LabeledData train, LabeledData test) {
}
