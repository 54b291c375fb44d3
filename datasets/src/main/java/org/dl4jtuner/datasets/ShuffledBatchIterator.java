package org.dl4jtuner.datasets;

import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Mini-batches of a {@link LabeledData} in a seeded shuffled order, either replayed by every
 * {@code reset()} or reshuffled per epoch; synchronous (no prefetch thread).
 */
final class ShuffledBatchIterator implements DataSetIterator, EpochShuffled {
    private static final long serialVersionUID = 1L;

    private final transient LabeledData data;
    private final int batchSize;
    private final long seed;
    private final boolean reshuffle;
    private int[] order;
    private int epoch;
    private int cursor;
    private DataSetPreProcessor preProcessor;
    private DataSet previous;

    ShuffledBatchIterator(LabeledData data, int batchSize, long seed, boolean reshuffle) {
        this.data = data;
        this.batchSize = batchSize;
        this.seed = seed;
        this.reshuffle = reshuffle;
        this.order = LabeledData.permutation(data.size(), seed);
    }

    @Override
    public void startEpoch(int number) {
        if (number < 1) {
            throw new IllegalArgumentException("epoch >= 1 must hold, but got epoch=" + number);
        }
        if (reshuffle && epoch != number - 1) {
            epoch = number - 1;
            order = LabeledData.permutation(data.size(), epochSeed(seed, epoch));
        }
        cursor = 0;
    }

    /** The seed of epoch k's permutation: the golden-ratio step keeps the epochs' seeds apart. */
    static long epochSeed(long seed, int epoch) {
        return seed + epoch * 0x9E3779B97F4A7C15L;
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new java.util.NoSuchElementException("no more batches; call reset()");
        }
        int end = Math.min(order.length, cursor + num);
        int[] rows = Arrays.copyOfRange(order, cursor, end);
        cursor = end;
        freePrevious();
        INDArray features = data.shapeBatch(data.features().getRows(rows));
        DataSet batch = new DataSet(features, data.labels().getRows(rows));
        if (reshuffle) {
            previous = batch;
        }
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public int inputColumns() {
        return (int) data.features().columns();
    }

    @Override
    public int totalOutcomes() {
        return data.numClasses();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    /**
     * A training iterator frees the batch it gave before, when the next batch is asked for or the
     * iterator is reset: DL4J's fit is done with a batch by then, and the copies do not pile up
     * off-heap until a garbage collection finds them.
     */
    private void freePrevious() {
        if (previous != null) {
            close(previous.getFeatures());
            close(previous.getLabels());
            previous = null;
        }
    }

    private static void close(INDArray array) {
        if (array != null && array.closeable() && !array.wasClosed()) {
            array.close();
        }
    }

    @Override
    public void reset() {
        freePrevious();
        if (reshuffle && cursor > 0) {
            epoch++;
            order = LabeledData.permutation(data.size(), epochSeed(seed, epoch));
        }
        cursor = 0;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return data.classNames();
    }
}
