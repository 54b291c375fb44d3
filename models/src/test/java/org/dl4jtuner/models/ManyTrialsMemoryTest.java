package org.dl4jtuner.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.dl4jtuner.datasets.DataSplitter;
import org.dl4jtuner.datasets.LabeledData;
import org.dl4jtuner.datasets.Splits;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.space.ParameterSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs 120 tiny real trials in one JVM and checks that resident memory (Java heap plus ND4J's
 * native buffers) stays flat: whatever the first 20 trials settle at, the next 100 add at most a
 * small bound, although they build and train 100 more networks.
 */
class ManyTrialsMemoryTest {
    private static final int WARMUP = 20;
    private static final int TRIALS = 120;
    private static final long RSS_BOUND = 96L << 20;

    @TempDir
    Path work;

    @Test
    void residentMemoryStaysFlatOver120Trials() {
        LabeledData tiny = TestData.fashion().train().subsetFraction(0.06, 3);
        Splits data = DataSplitter.split(tiny, 0.5, 0, 3);
        NetworkSpace space = NetworkSpace.builder(Family.MLP)
                .set("learning_rate", ParameterSpace.logUniform(1e-4, 1e-2))
                .set("units", ParameterSpace.intLogRange(8, 64))
                .set("layers", ParameterSpace.intRange(1, 2))
                .fix("batch_size", 32)
                .build();
        NetworkObjective objective = NetworkObjective.builder().space(space).data(data.train(), data.validation())
                .maxEpochs(1).workDir(work).build();
        long[] rssAfterWarmup = new long[1];
        long[] maxRss = new long[1];
        Study study = Study.builder().direction(Direction.MAXIMIZE).sampler(Samplers.random(5)).callback(t -> {
            long rss = NativeMemory.residentBytes();
            if (t.number() == WARMUP - 1) {
                rssAfterWarmup[0] = rss;
            } else if (t.number() >= WARMUP) {
                maxRss[0] = Math.max(maxRss[0], rss);
            }
        }).build();
        study.optimize(objective, TRIALS);
        assertEquals(TRIALS, study.trials(TrialState.COMPLETE).size());
        long rssGrowth = maxRss[0] - rssAfterWarmup[0];
        System.out.printf("memory after %d trials: RSS %d MiB; over the next %d trials: RSS peak +%d MiB%n", WARMUP,
                rssAfterWarmup[0] >> 20, TRIALS - WARMUP, rssGrowth >> 20);
        assertTrue(rssGrowth < RSS_BOUND, "resident memory grew by " + (rssGrowth >> 20) + " MiB over "
                + (TRIALS - WARMUP) + " trials");
    }
}
