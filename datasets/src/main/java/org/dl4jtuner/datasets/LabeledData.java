package org.dl4jtuner.datasets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An immutable in-memory dataset: features as a float matrix [n, d] (one flattened example per
 * row), labels as [n, classes] one-hot (classification) or [n, targets] (regression), and the
 * shape of one example: {d} for tabular data, {channels, height, width} for images, or
 * {features, time steps} for sequences (rows store features-major: index f * steps + t). Values
 * are what the loader read (raw pixels 0..255, CSV values); a normalizer scales them batch by batch.
 *
 * <pre>{@code
 * LabeledData train = FashionMnist.bundledSubset().train();
 * DataSetIterator batches = train.trainingIterator(64, seed);
 * batches.setPreProcessor(Normalizers.pixelsToUnitRange());
 * }</pre>
 */
public final class LabeledData {
    private final INDArray features;
    private final INDArray labels;
    private final int[] featureShape;
    private final Task task;
    private final List<String> classNames;
    private volatile int[] classes;

    /**
     * @param classNames names of the classes in label order (classification); empty for regression
     */
    public LabeledData(INDArray features, INDArray labels, int[] featureShape, Task task, List<String> classNames) {
        if (features.rank() != 2 || labels.rank() != 2 || features.rows() != labels.rows()) {
            throw new IllegalArgumentException("features [n, d] and labels [n, k] must have the same n, but got "
                    + Arrays.toString(features.shape()) + " and " + Arrays.toString(labels.shape()));
        }
        long d = 1;
        for (int s : featureShape) {
            d *= s;
        }
        if (d != features.columns()) {
            throw new IllegalArgumentException("featureShape " + Arrays.toString(featureShape) + " holds " + d
                    + " values, but each row has " + features.columns());
        }
        if (task == Task.CLASSIFICATION && classNames.size() != labels.columns()) {
            throw new IllegalArgumentException(labels.columns() + " label columns need as many class names, but got "
                    + classNames);
        }
        this.features = features;
        this.labels = labels;
        this.featureShape = featureShape.clone();
        this.task = task;
        this.classNames = List.copyOf(classNames);
    }

    /** Examples in the dataset. */
    public int size() {
        return (int) features.rows();
    }

    /** Features [n, d]; do not modify. */
    public INDArray features() {
        return features;
    }

    /** Labels [n, k]; do not modify. */
    public INDArray labels() {
        return labels;
    }

    /** Shape of one example. */
    public int[] featureShape() {
        return featureShape.clone();
    }

    /** Classification or regression. */
    public Task task() {
        return task;
    }

    /** Number of classes (classification) or targets (regression). */
    public int numClasses() {
        return (int) labels.columns();
    }

    /** Class names in label order; empty for regression. */
    public List<String> classNames() {
        return classNames;
    }

    /** The class index of every example (classification only). */
    public int[] classIndices() {
        if (task != Task.CLASSIFICATION) {
            throw new IllegalStateException("a regression dataset has no classes");
        }
        int[] c = classes;
        if (c == null) {
            c = labels.argMax(1).toIntVector();
            classes = c;
        }
        return c.clone();
    }

    /** The examples at the given indices, in that order (a copy). */
    public LabeledData subset(int[] indices) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("a subset needs at least one example");
        }
        for (int i : indices) {
            if (i < 0 || i >= size()) {
                throw new IllegalArgumentException("index " + i + " is outside 0.." + (size() - 1));
            }
        }
        return new LabeledData(features.getRows(indices), labels.getRows(indices), featureShape, task, classNames);
    }

    /**
     * A random fraction of the examples (stratified by class for classification), for the
     * data-subset fidelity; fraction 1 returns this dataset.
     */
    public LabeledData subsetFraction(double fraction, long seed) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("0 < fraction <= 1 must hold, but got fraction=" + fraction);
        }
        if (fraction == 1) {
            return this;
        }
        List<int[]> groups = Stratify.groups(this, seed);
        List<Integer> chosen = new ArrayList<>();
        for (int[] group : groups) {
            int take = Math.max(1, (int) Math.round(group.length * fraction));
            for (int i = 0; i < take; i++) {
                chosen.add(group[i]);
            }
        }
        return subset(chosen.stream().mapToInt(Integer::intValue).sorted().toArray());
    }

    /** Mini-batches in an order shuffled by {@code shuffleSeed}; {@code reset()} replays that order. */
    public DataSetIterator iterator(int batchSize, long shuffleSeed) {
        checkBatchSize(batchSize);
        return new ShuffledBatchIterator(this, batchSize, shuffleSeed, false);
    }

    /**
     * Mini-batches for training, reshuffled every epoch: epoch k (k = 0, 1, ...) visits the
     * examples in a permutation derived from {@code seed} and k alone, and each {@code reset()}
     * after at least one batch starts the next epoch (a {@code reset()} before any batch keeps the
     * current order, so resetting before every epoch and DL4J's reset of an exhausted iterator agree).
     * Epoch 0 has the order of {@link #iterator(int, long)} with the same seed. Each batch is
     * valid until the next {@code next()} or {@code reset()}, which frees its memory at once (what
     * {@code fit} needs, and it keeps long studies from piling up batch copies off-heap); copy a
     * batch ({@code batch.copy()}) to keep it longer.
     */
    public DataSetIterator trainingIterator(int batchSize, long seed) {
        checkBatchSize(batchSize);
        return new ShuffledBatchIterator(this, batchSize, seed, true);
    }

    private static void checkBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch_size >= 1 must hold, but got batch_size=" + batchSize);
        }
    }

    /**
     * The whole dataset as one ND4J DataSet (features reshaped for sequences). It shares this
     * dataset's arrays: copy it before preprocessing in place, or use {@link #normalized}.
     */
    public DataSet toDataSet() {
        return new DataSet(shapeBatch(features), labels);
    }

    /**
     * A copy whose features went through {@code normalizer} (fitted already), e.g. to score a
     * model outside an iterator; this dataset is left unchanged.
     */
    public LabeledData normalized(DataNormalization normalizer) {
        DataSet copy = new DataSet(shapeBatch(features.dup('c')), labels);
        normalizer.preProcess(copy);
        INDArray flat = copy.getFeatures().dup('c').reshape('c', features.rows(), features.columns());
        return new LabeledData(flat, labels, featureShape, task, classNames);
    }

    /** Reshapes a [b, d] batch to what a network expects: [b, f, t] for sequences, else as is. */
    INDArray shapeBatch(INDArray flat) {
        if (featureShape.length == 2) {
            return flat.reshape('c', flat.rows(), featureShape[0], featureShape[1]);
        }
        return flat;
    }

    /** A seeded random permutation of 0..n-1 (Fisher-Yates over a SplittableRandom). */
    public static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** A float matrix from a row-major float array. */
    static INDArray matrix(float[] values, int rows, int cols) {
        return Nd4j.create(values, new long[] {rows, cols}, DataType.FLOAT);
    }

    @Override
    public String toString() {
        return "LabeledData[" + size() + " examples of shape " + Arrays.toString(featureShape) + ", " + task
                + (task == Task.CLASSIFICATION ? ", " + numClasses() + " classes" : "") + "]";
    }
}
