package org.dl4jtuner.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dl4jtuner.tuner.distribution.CategoricalDistribution;
import org.dl4jtuner.tuner.distribution.FloatDistribution;
import org.dl4jtuner.tuner.distribution.IntDistribution;
import org.junit.jupiter.api.Test;

/** The text databases hold for a distribution: it must not change, or existing databases read differently. */
class JsonTest {

    @Test
    void distributionsAreWrittenExactlyAsDatabasesHoldThem() {
        assertEquals("{\"type\":\"float\",\"low\":0.0,\"high\":1.0,\"log\":false,\"step\":null}",
                Json.writeDistribution(FloatDistribution.of(0, 1)));
        assertEquals("{\"type\":\"float\",\"low\":0.0,\"high\":1.0,\"log\":false,\"step\":0.25}",
                Json.writeDistribution(new FloatDistribution(0, 1, false, 0.25)));
        assertEquals("{\"type\":\"float\",\"low\":1.0E-5,\"high\":0.1,\"log\":true,\"step\":null}",
                Json.writeDistribution(new FloatDistribution(1e-5, 0.1, true, null)));
        assertEquals("{\"type\":\"int\",\"low\":8,\"high\":64,\"log\":false,\"step\":8}",
                Json.writeDistribution(new IntDistribution(8, 64, false, 8)));
        assertEquals("{\"type\":\"categorical\",\"choices\":[\"relu\",2,true,null]}",
                Json.writeDistribution(CategoricalDistribution.of(java.util.Arrays.asList("relu", 2, true, null))));
    }

    @Test
    void whatDatabasesHoldReadsBack() {
        assertEquals(new FloatDistribution(0, 1, false, 0.25), Json.readDistribution(
                "{\"type\":\"float\",\"low\":0.0,\"high\":1.0,\"log\":false,\"step\":0.25}"));
        assertEquals(new IntDistribution(16, 256, true, 1), Json.readDistribution(
                "{\"type\":\"int\",\"low\":16,\"high\":256,\"log\":true,\"step\":1}"));
        assertEquals(CategoricalDistribution.of(List.of("a", "b")), Json.readDistribution(
                "{\"type\":\"categorical\",\"choices\":[\"a\",\"b\"]}"));
    }

    @Test
    void aDistributionStorageCannotReadNamesTheText() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Json.readDistribution("{\"type\":\"beta\"}"));
        assertTrue(e.getMessage().contains("{\"type\":\"beta\"}"), e.getMessage());
    }
}
