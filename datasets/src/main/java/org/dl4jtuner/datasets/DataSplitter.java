package org.dl4jtuner.datasets;

import java.util.ArrayList;
import java.util.List;

/** Seeded, stratified (for classification) train/validation/test splits and k-fold partitions. */
public final class DataSplitter {
    private DataSplitter() {
    }

    /**
     * Splits {@code data}; each class contributes the same fractions, so class proportions are kept.
     *
     * @param validationFraction in (0, 1)
     * @param testFraction       in [0, 1); 0 gives a null test split
     */
    public static Splits split(LabeledData data, double validationFraction, double testFraction, long seed) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("0 < validation < 1 must hold, but got validation=" + validationFraction);
        }
        if (!(testFraction >= 0 && testFraction < 1) || validationFraction + testFraction >= 1) {
            throw new IllegalArgumentException("0 <= test and validation + test < 1 must hold, but got validation="
                    + validationFraction + ", test=" + testFraction);
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int[] group : Stratify.groups(data, seed)) {
            int nTest = (int) Math.round(group.length * testFraction);
            int nValidation = (int) Math.round(group.length * validationFraction);
            for (int i = 0; i < group.length; i++) {
                (i < nTest ? test : i < nTest + nValidation ? validation : train).add(group[i]);
            }
        }
        if (train.isEmpty() || validation.isEmpty()) {
            throw new IllegalArgumentException(data.size() + " examples are too few for validation="
                    + validationFraction + ", test=" + testFraction);
        }
        return new Splits(data.subset(sorted(train)), data.subset(sorted(validation)),
                test.isEmpty() ? null : data.subset(sorted(test)));
    }

    /**
     * Holds out a stratified {@code testFraction} of {@code data} as a test set; the rest is the
     * {@code train} of the result. With the same seed, the test set is the one
     * {@link #split(LabeledData, double, double, long)} gives.
     *
     * @param testFraction in (0, 1)
     */
    public static TrainTest holdOut(LabeledData data, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("0 < test < 1 must hold, but got test=" + testFraction);
        }
        List<Integer> rest = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int[] group : Stratify.groups(data, seed)) {
            int nTest = (int) Math.round(group.length * testFraction);
            for (int i = 0; i < group.length; i++) {
                (i < nTest ? test : rest).add(group[i]);
            }
        }
        if (rest.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException(data.size() + " examples are too few for test=" + testFraction);
        }
        return new TrainTest(data.subset(sorted(rest)), data.subset(sorted(test)));
    }

    /** k (train, validation) pairs; every example is in exactly one validation fold. */
    public static List<Splits> kFold(LabeledData data, int k, long seed) {
        if (k < 2 || k > data.size()) {
            throw new IllegalArgumentException("2 <= k <= " + data.size() + " must hold, but got k=" + k);
        }
        List<List<Integer>> folds = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            folds.add(new ArrayList<>());
        }
        int next = 0;
        for (int[] group : Stratify.groups(data, seed)) {
            for (int i : group) {
                folds.get(next++ % k).add(i);
            }
        }
        List<Splits> result = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            List<Integer> train = new ArrayList<>();
            for (int g = 0; g < k; g++) {
                if (g != f) {
                    train.addAll(folds.get(g));
                }
            }
            result.add(new Splits(data.subset(sorted(train)), data.subset(sorted(folds.get(f))), null));
        }
        return result;
    }

    private static int[] sorted(List<Integer> indices) {
        return indices.stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}
