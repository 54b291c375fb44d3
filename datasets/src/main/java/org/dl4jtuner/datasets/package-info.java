/**
 * Data for trials, shared by the command line, the examples and Java users.
 *
 * <p>{@link org.dl4jtuner.datasets.DataSource} says what the data is (IDX files such as MNIST and
 * Fashion-MNIST with a bundled real subset, CSV through DataVec, CSV sequences for RNNs, folders of
 * PNG/JPEG images with one subfolder per class) and how it is split (validation and test fractions,
 * a subset for the data-subset fidelity, or k folds). {@link org.dl4jtuner.datasets.SklearnCsv} reads the
 * small datasets scikit-learn bundles (Debian's {@code python3-sklearn}: breast cancer, iris, wine, Boston).
 * {@link org.dl4jtuner.datasets.DataPreparation#prepare DataPreparation.prepare} loads it once per
 * process ({@link org.dl4jtuner.datasets.DatasetCache}) and returns
 * {@link org.dl4jtuner.datasets.PreparedData}: one or k {@link org.dl4jtuner.datasets.Fold}s and an
 * optional test set.
 *
 * <p>Loaders keep values RAW: pixels 0..255, CSV values as read. Each fold carries ND4J's own
 * normalizer fitted on its training split only ({@code NormalizerStandardize} for CSV data,
 * {@code ImagePreProcessingScaler(0, 1)} for images); the engine applies it to every batch and saves
 * it with the exported model, so plain DL4J code restores both and scores raw data.
 *
 * <pre>{@code
 * PreparedData data = DataPreparation.prepare(DataSource.bundledFashionMnist(), false, 42);
 * Fold fold = data.firstFold();
 * DataSetIterator batches = fold.train().trainingIterator(64, 42);   // reshuffled every epoch
 * batches.setPreProcessor(fold.normalizer());
 * }</pre>
 */
package org.dl4jtuner.datasets;
