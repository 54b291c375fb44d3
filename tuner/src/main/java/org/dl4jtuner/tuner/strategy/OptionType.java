package org.dl4jtuner.tuner.strategy;

/** The type of a strategy option's value. */
public enum OptionType {
    /** A whole number (an {@code Integer}). */
    INTEGER,
    /** A finite real number (a {@code Double}). */
    NUMBER,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** A non-empty string. */
    TEXT
}
