package org.dl4jtuner.datasets;

/** What the labels are: classes or real-valued targets. */
public enum Task {
    /** One class per example, one-hot labels. */
    CLASSIFICATION,
    /** Real-valued targets. */
    REGRESSION
}
