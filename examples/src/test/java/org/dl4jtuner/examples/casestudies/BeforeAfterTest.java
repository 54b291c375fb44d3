package org.dl4jtuner.examples.casestudies;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BeforeAfterTest {
    private static Map<String, Object> params(String kernel, double c) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("kernel", kernel);
        params.put("C", c);
        return params;
    }

    private final Outcome baseline = new Outcome(params("rbf", 1.0), 0.96153, 0.9122807);
    private final Outcome tuned = new Outcome(params("linear", 0.012345678), 0.97802, 0.9649);

    @Test
    void theLineGivesBothTestScoresTheSearchAndTheWallTime() {
        assertEquals("7.1 svm breast_cancer: accuracy (test) baseline 0.912 -> tuned 0.965"
                        + " (grid 24 configurations x 5 folds, 38 s)",
                BeforeAfter.line("7.1 svm breast_cancer", "accuracy", baseline, tuned, "grid 24 configurations x 5 folds",
                        Duration.ofMillis(37_600)));
    }

    @Test
    void theTableHasAHeaderAndOneRowPerOutcomeWithParametersInOrder() {
        List<String> lines = BeforeAfter.table("accuracy", 5, baseline, tuned).lines().toList();
        assertEquals(3, lines.size());
        assertEquals(List.of("hyperparameters", "accuracy", "(5-fold", "CV)", "accuracy", "(test)"),
                List.of(lines.get(0).trim().split("\\s+")));
        assertEquals(List.of("baseline", "kernel=rbf,", "C=1", "0.962", "0.912"), List.of(lines.get(1).split("\\s+")));
        assertEquals(List.of("tuned", "kernel=linear,", "C=0.01235", "0.978", "0.965"),
                List.of(lines.get(2).split("\\s+")));
    }

    @Test
    void theValidationColumnCanBeNamedForAnotherKindOfValidation() {
        List<String> lines = BeforeAfter.table("mean return", "20 episodes", baseline, tuned).lines().toList();
        assertEquals(List.of("hyperparameters", "mean", "return", "(20", "episodes)", "mean", "return", "(test)"),
                List.of(lines.get(0).trim().split("\\s+")));
        assertEquals(List.of("tuned", "kernel=linear,", "C=0.01235", "0.978", "0.965"),
                List.of(lines.get(2).split("\\s+")));
    }

    @Test
    void aValidationSplitNamesItsColumn() {
        List<String> lines = BeforeAfter.table("accuracy", "validation", baseline, tuned).lines().toList();
        assertEquals(List.of("hyperparameters", "accuracy", "(validation)", "accuracy", "(test)"),
                List.of(lines.get(0).trim().split("\\s+")));
        assertEquals(List.of("tuned", "kernel=linear,", "C=0.01235", "0.978", "0.965"),
                List.of(lines.get(2).split("\\s+")));
    }
}
