package org.dl4jtuner.datasets;

import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** Mini-batches of a {@link LabeledData} in a fixed shuffled order; synchronous (no prefetch thread). */
final class ShuffledBatchIterator implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    private final transient LabeledData data;
    private final int batchSize;
    private final int[] order;
    private int cursor;
    private DataSetPreProcessor preProcessor;

    ShuffledBatchIterator(LabeledData data, int batchSize, int[] order) {
        this.data = data;
        this.batchSize = batchSize;
        this.order = order;
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new java.util.NoSuchElementException("no more batches; call reset()");
        }
        int end = Math.min(order.length, cursor + num);
        int[] rows = Arrays.copyOfRange(order, cursor, end);
        cursor = end;
        INDArray features = data.shapeBatch(data.features().getRows(rows));
        DataSet batch = new DataSet(features, data.labels().getRows(rows));
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

    @Override
    public void reset() {
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
