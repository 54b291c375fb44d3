package org.dl4jtuner.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dl4jtuner.datasets.Task;
import org.dl4jtuner.tuner.Direction;
import org.junit.jupiter.api.Test;

/** Names, parsing and validation of {@link Metric}; the values are checked in {@link MetricEvaluatorTest}. */
class MetricTest {
    private static final MetricFunction CONSTANT = (model, validation) -> 0.5;

    @Test
    void namesListTheBuiltInMetricsWithTopKStandingForEveryK() {
        assertEquals(List.of("accuracy", "f1", "precision", "recall", "auc", "topK_accuracy", "loss", "rmse", "mae",
                "r2"), Metric.names());
    }

    @Test
    void ofAcceptsEveryListedName() {
        for (String name : Metric.names()) {
            String spec = name.replace("topK", "top5");
            Metric m = Metric.of(spec);
            assertEquals(spec, m.id());
            assertFalse(m.isCustom());
        }
        assertEquals(5, Metric.of("top5_accuracy").topK());
        assertEquals(Metric.topK(5), Metric.of("top5_accuracy"));
        assertEquals(Metric.topK(5).hashCode(), Metric.of("top5_accuracy").hashCode());
        assertSame(Metric.AUC, Metric.of("auc"));
        assertSame(Metric.R2, Metric.of("r2"));
    }

    @Test
    void ofIgnoresCaseAndSurroundingSpaces() {
        assertSame(Metric.AUC, Metric.of("AUC"));
        assertSame(Metric.ACCURACY, Metric.of(" Accuracy "));
        assertSame(Metric.RMSE, Metric.of("Rmse"));
        assertEquals(Metric.topK(3), Metric.of("TOP3_ACCURACY"));
    }

    @Test
    void ofRejectsAMisspellingListingTheNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metric.of("acurracy"));
        assertTrue(e.getMessage().contains("'acurracy'"), e.getMessage());
        for (String name : Metric.names()) {
            assertTrue(e.getMessage().contains(name), e.getMessage() + " must list " + name);
        }
        assertThrows(IllegalArgumentException.class, () -> Metric.of(null));
        assertThrows(IllegalArgumentException.class, () -> Metric.of("top_accuracy"));
        assertThrows(IllegalArgumentException.class, () -> Metric.of("top1000_accuracy"));
    }

    @Test
    void topKRejectsKOutsideOneTo999GivingTheRule() {
        for (int k : new int[] {0, -1, 1000}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metric.topK(k));
            assertTrue(e.getMessage().contains("1 <= k <= 999") && e.getMessage().contains("k=" + k), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metric.of("top0_accuracy"));
        assertTrue(e.getMessage().contains("k=0"), e.getMessage());
        assertEquals("top999_accuracy", Metric.topK(999).id());
        assertEquals("top2_accuracy", Metric.topK(2).id());
    }

    @Test
    void topOneIsAccuracy() {
        assertSame(Metric.ACCURACY, Metric.topK(1));
        assertSame(Metric.ACCURACY, Metric.of("top1_accuracy"));
        assertEquals(0, Metric.ACCURACY.topK());
    }

    @Test
    void customRejectsBuiltInNamesWhateverTheirCase() {
        for (String name : List.of("accuracy", "auc", "loss", "top5_accuracy", "AUC", "Top5_Accuracy")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Metric.custom(name, Direction.MAXIMIZE, CONSTANT), name);
            assertTrue(e.getMessage().contains("built-in"), e.getMessage());
        }
        IllegalArgumentException top = assertThrows(IllegalArgumentException.class,
                () -> Metric.custom("top5_accuracy", Direction.MAXIMIZE, CONSTANT));
        assertTrue(top.getMessage().contains("Metric.topK(5)"), top.getMessage());
        IllegalArgumentException auc = assertThrows(IllegalArgumentException.class,
                () -> Metric.custom("auc", Direction.MAXIMIZE, CONSTANT));
        assertTrue(auc.getMessage().contains("Metric.AUC"), auc.getMessage());
    }

    @Test
    void customRejectsABadNameGivingTheRule() {
        for (String name : new String[] {"", "two words", "slash/name", "x".repeat(65), null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Metric.custom(name, Direction.MAXIMIZE, CONSTANT), String.valueOf(name));
            assertTrue(e.getMessage().contains("1 to 64 letters, digits") && e.getMessage().contains("'" + name + "'"),
                    e.getMessage());
        }
        assertThrows(NullPointerException.class, () -> Metric.custom("ok", null, CONSTANT));
        assertThrows(NullPointerException.class, () -> Metric.custom("ok", Direction.MAXIMIZE, null));
    }

    @Test
    void customKeepsItsNameDirectionAndFunctionAndAppliesToEveryTask() {
        Metric m = Metric.custom("balanced_accuracy", Direction.MINIMIZE, CONSTANT);
        assertEquals("balanced_accuracy", m.id());
        assertEquals("balanced_accuracy", m.toString());
        assertEquals(Direction.MINIMIZE, m.direction());
        assertTrue(m.isCustom());
        assertSame(CONSTANT, m.function());
        assertNull(m.task());
        assertTrue(m.appliesTo(Task.CLASSIFICATION) && m.appliesTo(Task.REGRESSION));
        assertEquals(m, Metric.custom("balanced_accuracy", Direction.MINIMIZE, CONSTANT));
        assertNotEquals(m, Metric.custom("balanced_accuracy", Direction.MAXIMIZE, CONSTANT));
        assertNotEquals(m, Metric.custom("balanced_accuracy", Direction.MINIMIZE, (model, v) -> 0.5));
    }

    @Test
    void forTaskSplitsClassificationFromRegressionWithTheLossInBoth() {
        assertEquals(List.of(Metric.ACCURACY, Metric.F1, Metric.PRECISION, Metric.RECALL, Metric.AUC, Metric.LOSS),
                Metric.forTask(Task.CLASSIFICATION));
        assertEquals(List.of(Metric.LOSS, Metric.RMSE, Metric.MAE, Metric.R2), Metric.forTask(Task.REGRESSION));
        assertTrue(Metric.AUC.appliesTo(Task.CLASSIFICATION));
        assertFalse(Metric.AUC.appliesTo(Task.REGRESSION));
        assertFalse(Metric.R2.appliesTo(Task.CLASSIFICATION));
        assertEquals(Task.CLASSIFICATION, Metric.topK(3).task());
        assertNull(Metric.LOSS.task());
    }

    @Test
    void directionsSayWhetherLargerOrSmallerIsBetter() {
        for (Metric m : List.of(Metric.ACCURACY, Metric.F1, Metric.PRECISION, Metric.RECALL, Metric.AUC, Metric.R2,
                Metric.topK(5))) {
            assertEquals(Direction.MAXIMIZE, m.direction(), m.id());
        }
        for (Metric m : List.of(Metric.LOSS, Metric.RMSE, Metric.MAE)) {
            assertEquals(Direction.MINIMIZE, m.direction(), m.id());
        }
    }
}
