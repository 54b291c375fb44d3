package org.dl4jtuner.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

class SplitsTest {
    /** 1,000 images, 100 per class, and a marker: feature 0 holds the example's index. */
    private static LabeledData indexed() {
        LabeledData data = FashionMnistTest.bundled().test();
        LabeledData copy = data.subset(java.util.stream.IntStream.range(0, data.size()).toArray());
        for (int i = 0; i < copy.size(); i++) {
            copy.features().putScalar(i, 0, i);
        }
        return copy;
    }

    private static Set<Integer> ids(LabeledData d) {
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < d.size(); i++) {
            ids.add((int) d.features().getDouble(i, 0));
        }
        return ids;
    }

    @Test
    void splitsAreDisjointStratifiedAndReproducible() {
        LabeledData data = indexed();
        Splits s = DataSplitter.split(data, 0.2, 0.1, 7);
        assertEquals(700, s.train().size());
        assertEquals(200, s.validation().size());
        assertEquals(100, s.test().size());
        Set<Integer> all = new HashSet<>(ids(s.train()));
        all.addAll(ids(s.validation()));
        all.addAll(ids(s.test()));
        assertEquals(1000, all.size(), "every example in exactly one split");
        int[] perClass = new int[10];
        for (int c : s.validation().classIndices()) {
            perClass[c]++;
        }
        for (int count : perClass) {
            assertEquals(20, count, "20% of each class's 100");
        }
        assertEquals(ids(s.validation()), ids(DataSplitter.split(data, 0.2, 0.1, 7).validation()));
        assertNotEquals(ids(s.validation()), ids(DataSplitter.split(data, 0.2, 0.1, 8).validation()));
        assertNull(DataSplitter.split(data, 0.2, 0, 7).test());
    }

    @Test
    void kFoldPutsEveryExampleInExactlyOneValidationFold() {
        LabeledData data = indexed();
        List<Splits> folds = DataSplitter.kFold(data, 5, 3);
        List<Integer> seen = new ArrayList<>();
        for (Splits fold : folds) {
            assertEquals(800, fold.train().size());
            assertTrue(java.util.Collections.disjoint(ids(fold.train()), ids(fold.validation())));
            seen.addAll(ids(fold.validation()));
        }
        assertEquals(1000, seen.size());
        assertEquals(1000, new HashSet<>(seen).size());
    }

    @Test
    void subsetFractionKeepsClassProportions() {
        LabeledData tenth = indexed().subsetFraction(0.1, 2);
        assertEquals(100, tenth.size());
        int[] perClass = new int[10];
        for (int c : tenth.classIndices()) {
            perClass[c]++;
        }
        for (int count : perClass) {
            assertEquals(10, count);
        }
        assertThrows(IllegalArgumentException.class, () -> indexed().subsetFraction(0, 2));
    }

    @Test
    void anIteratorVisitsEveryExampleOncePerEpochInASeededOrder() {
        LabeledData data = indexed();
        DataSetIterator it = data.iterator(64, 11);
        List<Integer> order = new ArrayList<>();
        while (it.hasNext()) {
            DataSet batch = it.next();
            assertTrue(batch.numExamples() <= 64);
            for (int i = 0; i < batch.numExamples(); i++) {
                order.add((int) batch.getFeatures().getDouble(i, 0));
            }
        }
        assertEquals(1000, new HashSet<>(order).size());
        it.reset();
        assertEquals(order.get(0), (int) it.next().getFeatures().getDouble(0, 0), "reset replays the order");
        List<Integer> again = new ArrayList<>();
        DataSetIterator same = data.iterator(64, 11);
        while (same.hasNext()) {
            DataSet b = same.next();
            for (int i = 0; i < b.numExamples(); i++) {
                again.add((int) b.getFeatures().getDouble(i, 0));
            }
        }
        assertEquals(order, again);
        assertNotEquals(order.subList(0, 64), firstBatch(data.iterator(64, 12)));
    }

    private static List<Integer> epoch(DataSetIterator it) {
        List<Integer> order = new ArrayList<>();
        while (it.hasNext()) {
            DataSet b = it.next();
            for (int i = 0; i < b.numExamples(); i++) {
                order.add((int) b.getFeatures().getDouble(i, 0));
            }
        }
        return order;
    }

    @Test
    void theTrainingIteratorReshufflesEveryEpochReproducibly() {
        LabeledData data = indexed();
        DataSetIterator it = data.trainingIterator(64, 11);
        it.reset();
        List<Integer> first = epoch(it);
        assertEquals(epoch(data.iterator(64, 11)), first, "a reset before any batch keeps epoch 0, the fixed order");
        it.reset();
        List<Integer> second = epoch(it);
        assertEquals(1000, new HashSet<>(second).size(), "every example once per epoch");
        assertNotEquals(first, second, "a new order after a reset");
        assertTrue(it.resetSupported());
        it.reset();
        List<Integer> third = epoch(it);
        assertNotEquals(second, third);

        DataSetIterator again = data.trainingIterator(64, 11);
        assertEquals(first, epoch(again));
        again.reset();
        assertEquals(second, epoch(again));
        again.reset();
        again.reset();
        assertEquals(third, epoch(again), "epoch k's order depends on the seed and k only");
        DataSetIterator other = data.trainingIterator(64, 12);
        assertNotEquals(first, epoch(other));

        DataSetIterator fixed = data.iterator(64, 11);
        List<Integer> replay = epoch(fixed);
        fixed.reset();
        assertEquals(replay, epoch(fixed), "iterator() replays one order");
    }

    private static List<Integer> firstBatch(DataSetIterator it) {
        DataSet b = it.next();
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < b.numExamples(); i++) {
            ids.add((int) b.getFeatures().getDouble(i, 0));
        }
        return ids;
    }

    @Test
    void imageRowsBecomeTimeSteps() {
        LabeledData images = FashionMnistTest.bundled().test();
        LabeledData seq = Sequences.imageRowsAsTimeSteps(images);
        assertEquals(List.of(28, 28), List.of(seq.featureShape()[0], seq.featureShape()[1]));
        DataSet batch = seq.iterator(8, 1).next();
        assertEquals(3, batch.getFeatures().rank());
        int example = 0;
        DataSet first = seq.subset(new int[] {example}).toDataSet();
        // pixel (row 5, column 7) is feature 7 at time step 5
        assertEquals(images.features().getDouble(example, 5 * 28 + 7), first.getFeatures().getDouble(0, 7, 5), 1e-7);
    }

    @Test
    void datasetCacheLoadsOnceUnderConcurrentCallers() throws Exception {
        DatasetCache cache = new DatasetCache();
        java.util.concurrent.atomic.AtomicInteger loads = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<Object>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> cache.get("k", () -> {
                loads.incrementAndGet();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new Object();
            })));
        }
        Object first = results.get(0).get();
        for (var r : results) {
            assertTrue(r.get() == first);
        }
        pool.shutdown();
        assertEquals(1, loads.get());
    }
}
