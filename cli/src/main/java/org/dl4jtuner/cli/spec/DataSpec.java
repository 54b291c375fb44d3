package org.dl4jtuner.cli.spec;

import java.nio.file.Path;

/**
 * The {@code data} section.
 *
 * @param type       fashion-mnist, mnist, idx, csv or csv-sequences (a folder with features/ and labels/)
 * @param path       the file or folder (resolved), {@code bundled} for the subset in the jar, or null
 * @param label      the CSV label column by name, or null
 * @param labelIndex the CSV label column by 0-based index, or null
 * @param task       classification or regression
 * @param validation fraction of the training data held out for validation
 * @param test       fraction held out for test (CSV data only; published datasets use their test set)
 * @param subset     fraction of the training data used (the data-subset fidelity)
 * @param header     whether a CSV file starts with a header line
 * @param delimiter  the CSV delimiter
 */
public record DataSpec(String type, Path path, String label, Integer labelIndex, String task, double validation,
        double test, double subset, boolean header, char delimiter) {
}
