package org.dl4jtuner.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The anatomy of a hand-made table of 6 configurations x 4 epochs, checked against values worked out here. */
class CurveAnatomyTest {
    /** Rows: configurations 100..105; columns: epochs 1..4. Configurations 102 and 103 end at 0.90. */
    private static final double[][] CURVES = {
        {0.50, 0.45, 0.55, 0.60},
        {0.40, 0.55, 0.60, 0.65},
        {0.20, 0.55, 0.80, 0.90},
        {0.30, 0.60, 0.85, 0.90},
        {0.45, 0.50, 0.52, 0.55},
        {0.60, 0.30, 0.35, 0.40},
    };

    @TempDir
    Path dir;

    private CurveAnatomy anatomy;

    @BeforeEach
    void writeTable() throws IOException {
        StringBuilder csv = new StringBuilder("config_id,a,epoch,val_acc,epoch_cpu_s\n");
        for (int c = 0; c < CURVES.length; c++) {
            for (int e = 1; e <= 4; e++) {
                csv.append(100 + c).append(',').append(c).append(',').append(e).append(',')
                        .append(CURVES[c][e - 1]).append(",1.0\n");
            }
        }
        anatomy = new CurveAnatomy(CurveTable.load(Files.writeString(dir.resolve("t.csv"), csv), null), 0.9);
    }

    @Test
    void winnersAreTheConfigurationsWhoseLastValueReachesTheTargetByConfigId() {
        assertEquals(6, anatomy.size());
        assertEquals(4, anatomy.epochs());
        assertEquals(List.of("102", "103"), anatomy.winners());
        assertEquals(0.8, anatomy.value("102", 3), 1e-12);
    }

    @Test
    void percentileRanksCountThoseBelowAndHalfOfTheTies() {
        // epoch 1: 102 (0.20) is the lowest: none below, itself counting half -> 0.5 / 6
        assertEquals(100 * 0.5 / 6, anatomy.percentile("102", 1), 1e-9);
        // epoch 1: 105 (0.60) is the highest: 5 below, itself -> 5.5 / 6
        assertEquals(100 * 5.5 / 6, anatomy.percentile("105", 1), 1e-9);
        // epoch 2: 102 ties 101 at 0.55; 0.45, 0.50, 0.30 below -> (3 + 2/2) / 6
        assertEquals(100 * 4.0 / 6, anatomy.percentile("102", 2), 1e-9);
        assertEquals(anatomy.percentile("101", 2), anatomy.percentile("102", 2), 1e-12);
    }

    @Test
    void kendallTauIsTauBOverTheWholeTableWithTheSignOfTheRanking() {
        for (int epoch = 1; epoch <= 3; epoch++) {
            assertEquals(tauB(epoch), anatomy.kendallTau(epoch), 1e-12, "epoch " + epoch);
        }
        assertTrue(anatomy.kendallTau(1) < 0, "epoch 1 ranks the winners last: " + anatomy.kendallTau(1));
        assertTrue(anatomy.kendallTau(3) > 0.9, "epoch 3 ranks as the end does: " + anatomy.kendallTau(3));
        assertEquals(1.0, anatomy.kendallTau(4), 1e-12);
    }

    @Test
    void trialsToTheFirstWinnerAreHypergeometric() {
        // every placement of the 2 winners among 6 random draws is equally likely
        int placements = 0;
        int sum = 0;
        int[] firstAt = new int[7];
        for (int i = 1; i <= 6; i++) {
            for (int j = i + 1; j <= 6; j++) {
                placements++;
                sum += i;
                firstAt[i]++;
            }
        }
        assertEquals((double) sum / placements, CurveAnatomy.expectedTrialsToFirstWinner(6, 2), 1e-12);
        assertEquals(7.0 / 3, CurveAnatomy.expectedTrialsToFirstWinner(6, 2), 1e-12);
        // quantiles from the enumeration: P(T <= 1) = 5/15, P(T <= 2) = 9/15, ..., P(T <= 4) = 14/15
        for (double q : new double[] {0.25, 0.5, 0.75, 0.9}) {
            int k = 0;
            int cumulative = 0;
            while (cumulative < q * placements) {
                cumulative += firstAt[++k];
            }
            assertEquals(k, CurveAnatomy.trialsToFirstWinnerQuantile(6, 2, q), "quantile " + q);
        }
        assertEquals(2, CurveAnatomy.trialsToFirstWinnerQuantile(6, 2, 0.5));
        assertEquals(1.0 * (6 - 2) / 6 * (5 - 2) / 5, CurveAnatomy.survival(6, 2, 2), 1e-12);
        assertEquals(129.0 / 4, CurveAnatomy.expectedTrialsToFirstWinner(128, 3), 1e-9);
        assertEquals(1345.0 / 16, CurveAnatomy.expectedTrialsToFirstWinner(1344, 15), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> CurveAnatomy.expectedTrialsToFirstWinner(6, 0));
    }

    @Test
    void rankRulesKeepTheTopFractionWithTiesAtTheCut() {
        // epoch 1, top 1/3 (2 of 6): 105 and 100, no winner; the 4 stopped train 1 epoch, 105 and 100 all 4
        assertEquals(new CurveAnatomy.Kept(2, 0, (4 * 1 + 2 * 4) / 6.0), anatomy.keepTop(1, 3));
        // epoch 3, top 1/3: 103 and 102, both winners; the other 4 stopped at epoch 3
        assertEquals(new CurveAnatomy.Kept(2, 2, 3.0), anatomy.keepTop(3, 3));
        // epoch 2, top 1/3: 103 (0.60), then 101 and 102 tie at 0.55 for the second place: both kept;
        // of the others, 101 trains 4 epochs, 100, 104 and 105 2
        assertEquals(new CurveAnatomy.Kept(3, 2, (4 + 3 * 2) / 4.0), anatomy.keepTop(2, 3));
        // epochs 2 then 3: {101, 102, 103}, then the top 1 of those three at epoch 3: 103;
        // 102 and 101 stop at epoch 3, 100, 104 and 105 at 2
        assertEquals(new CurveAnatomy.Kept(1, 1, (2 * 3 + 3 * 2) / 5.0), anatomy.halveInTurn(List.of(2, 3), 3));
    }

    @Test
    void theValueStepIsTheSmallestEvidentDenominator() {
        double[] all = Arrays.stream(CURVES).flatMapToDouble(Arrays::stream).toArray();
        // 0.55 needs a multiple of 20, 0.52 a multiple of 25
        assertEquals(0.01, CurveAnatomy.valueStep(all), 1e-12);
        assertEquals(1.0 / 3, CurveAnatomy.valueStep(new double[] {0.333333, 0.666667, 1.0}), 1e-12);
    }

    @Test
    void theReportNamesTheWinnersAndTheExpectation() {
        String report = anatomy.report(CurveAnatomy.defaultRungs(4), 10);
        assertTrue(report.contains("| winners' ids | 102, 103 |"), report);
        assertTrue(report.contains("(6 + 1)/(2 + 1) | 2.33 |"), report);
        // 2 trials at the median: one loser stopped at epoch 3, then a winner's 4 epochs = 7 <= 10;
        // 4 trials in 90% of searches (P(T <= 3) = 12/15 < 0.9, P(T <= 4) = 14/15): 3 x 3 + 4 = 13 > 10
        assertTrue(report.contains("| 3 | 7 | 8 | 13 | yes / no |"), report);
        // random sampling under "top 1/3 at epoch 3": both winners kept, the others train 3 epochs each
        assertTrue(report.contains("| top 1/3 at epoch 3 | 2 (33.3%) | 2/2 | 3.0 | 7 | 13 | yes / no |"), report);
        // "top 1/3 at epoch 1" keeps no winner
        assertTrue(report.contains("| top 1/3 at epoch 1 | 2 (33.3%) | 0/2 | 2.0 | never | never | no / no |"), report);
    }

    @Test
    void badArgumentsAreRefusedNamingTheFieldAndTheRule() {
        assertEquals(List.of(1, 3, 9, 27), CurveAnatomy.defaultRungs(81));
        assertEquals(List.of(1, 3, 9), CurveAnatomy.parseRungs("default", 27));
        assertEquals(List.of(2, 5), CurveAnatomy.parseRungs("2,5", 27));
        IllegalArgumentException last = assertThrows(IllegalArgumentException.class,
                () -> CurveAnatomy.parseRungs("1,27", 27));
        assertTrue(last.getMessage().contains("RUNGS=1,27") && last.getMessage().contains("rung < 27"), last.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CurveAnatomy.parseRungs("3,1", 27));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CurveAnatomy.parseTarget("high"))
                .getMessage().contains("TARGET=high"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CurveAnatomy.parseBudget("0"))
                .getMessage().contains("BUDGET=0"));
    }

    /** Kendall's tau-b between epoch {@code epoch} and the last, counted pair by pair. */
    private static double tauB(int epoch) {
        int concordant = 0;
        int discordant = 0;
        int tiedX = 0;
        int tiedY = 0;
        int pairs = 0;
        for (int i = 0; i < CURVES.length; i++) {
            for (int j = i + 1; j < CURVES.length; j++) {
                pairs++;
                double dx = CURVES[i][epoch - 1] - CURVES[j][epoch - 1];
                double dy = CURVES[i][3] - CURVES[j][3];
                if (dx == 0) {
                    tiedX++;
                }
                if (dy == 0) {
                    tiedY++;
                }
                if (dx * dy > 0) {
                    concordant++;
                } else if (dx * dy < 0) {
                    discordant++;
                }
            }
        }
        return (concordant - discordant) / Math.sqrt((double) (pairs - tiedX) * (pairs - tiedY));
    }
}
