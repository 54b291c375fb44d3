package org.dl4jtuner.datasets;

import java.util.ArrayList;
import java.util.List;

/** Groups example indices by class (one group for regression), each group shuffled by a seed. */
final class Stratify {
    private Stratify() {
    }

    static List<int[]> groups(LabeledData data, long seed) {
        int[] order = LabeledData.permutation(data.size(), seed);
        if (data.task() != Task.CLASSIFICATION) {
            return List.of(order);
        }
        int[] classOf = data.classIndices();
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < data.numClasses(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i : order) {
            byClass.get(classOf[i]).add(i);
        }
        List<int[]> groups = new ArrayList<>();
        for (List<Integer> g : byClass) {
            if (!g.isEmpty()) {
                groups.add(g.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        return groups;
    }
}
