package org.dl4jtuner.cli.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.dl4jtuner.datasets.PreparedData;
import org.dl4jtuner.models.Metric;
import org.dl4jtuner.models.ModelFiles;
import org.dl4jtuner.models.NetworkObjective;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;

/** The best trial's metrics on the test split, which no trial saw while the study chose it. */
final class BestOnTest {
    private BestOnTest() {
    }

    /**
     * From the best trial's saved network when there is one (also one a worker JVM trained), else
     * from the network {@code objective} kept in memory; empty without a test split or a complete trial.
     */
    static Map<Metric, Double> metrics(Study study, NetworkObjective objective, PreparedData data) {
        if (data.test() == null) {
            return Map.of();
        }
        FrozenTrial best;
        try {
            best = study.bestTrial();
        } catch (IllegalStateException none) {
            return Map.of();
        }
        Object file = best.systemAttrs().get(NetworkObjective.MODEL_FILE_ATTR);
        if (file instanceof String path && Files.isRegularFile(Path.of(path))) {
            return ModelFiles.evaluate(Path.of(path), data.test().iterator(512, 0), data.test().task());
        }
        return objective.evaluateBest(data.test());
    }
}
