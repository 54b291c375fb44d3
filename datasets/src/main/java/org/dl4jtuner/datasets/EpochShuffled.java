package org.dl4jtuner.datasets;

/**
 * An iterator whose batch order is a function of the epoch: the engine tells it which epoch comes
 * next, so a trial continued from a checkpoint sees the same orders as one trained in one go.
 *
 * <pre>{@code
 * DataSetIterator batches = train.trainingIterator(64, seed);
 * ((EpochShuffled) batches).startEpoch(3);   // rewinds to epoch 3's order
 * }</pre>
 */
public interface EpochShuffled {
    /** Rewinds to the start of an epoch (1 for the first) in that epoch's order. */
    void startEpoch(int epoch);
}
