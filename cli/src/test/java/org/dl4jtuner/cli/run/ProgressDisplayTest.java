package org.dl4jtuner.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.Trial;
import org.dl4jtuner.tuner.TrialState;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {
    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    /** A maximized study with trials 0-3 finished (values 0.5, 0.9, 0.7, pruned) and trial 4 at epoch 2. */
    private static Study studyWithProgress() {
        Study study = Study.builder().direction(Direction.MAXIMIZE).build();
        double[] values = {0.5, 0.9, 0.7};
        for (double v : values) {
            Trial t = study.ask();
            t.report(1, v);
            study.tell(t, v);
        }
        Trial pruned = study.ask();
        pruned.report(1, 0.1);
        study.tell(pruned, TrialState.PRUNED);
        Trial running = study.ask();
        running.report(1, 0.3);
        running.report(2, 0.4);
        return study;
    }

    @Test
    void theStatusShowsTheBarTheBestTheTimesAndTheRunningEpochs() {
        Study study = studyWithProgress();
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(new StringWriter()), ProgressDisplay.Mode.LINES,
                10, 9, null, FIXED);
        display.start(study);

        String status = display.render(study.trials(), Duration.ofSeconds(125));

        assertEquals("[########............] 4/10 trials | best 0.9000 (#1) | 2m05s | ETA ? | #4 epoch 2/9", status);
    }

    @Test
    void theEtaFollowsTheTrialsFinishedInThisRunAndTheTimeLimit() {
        Study study = Study.builder().build();
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(new StringWriter()), ProgressDisplay.Mode.LINES,
                4, 3, Duration.ofSeconds(90), FIXED);
        display.start(study);
        Trial t = study.ask();
        study.tell(t, 1.0);

        // one trial in 60 s, three to go: 180 s by trials, but the 90 s limit leaves 30 s
        assertTrue(display.render(study.trials(), Duration.ofSeconds(60)).contains("| ETA 30s"));
        assertTrue(display.render(study.trials(), Duration.ofSeconds(20)).contains("| ETA 1m00s"));
        assertEquals("1h02m", ProgressDisplay.clockText(Duration.ofMinutes(62)));
    }

    @Test
    void onATerminalLinesPrintAboveTheStatusLineAndClosingClearsIt() {
        StringWriter text = new StringWriter();
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(text), ProgressDisplay.Mode.BAR, 10, 9, null, FIXED);
        display.start(studyWithProgress());
        display.refresh();
        display.writer().println("trial 5 COMPLETE");
        display.close();

        String out = text.toString();
        int status = out.indexOf("\r\u001b[K[########");
        int line = out.indexOf("\r\u001b[Ktrial 5 COMPLETE\n[########");
        assertTrue(status >= 0 && line > status, () -> out.replace("\u001b", "ESC").replace("\r", "CR"));
        assertTrue(out.endsWith("\r\u001b[K"), "closing clears the status line");
    }

    @Test
    void aLogLineOnStandardErrorClearsTheStatusLineAndItIsDrawnAgainAfter() throws Exception {
        StringWriter text = new StringWriter();
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(text), ProgressDisplay.Mode.BAR, 10, 9, null, FIXED);
        display.start(studyWithProgress());
        display.refresh();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.OutputStream stderr = display.clearingStatusBefore(new java.io.PrintStream(err, true));
        int before = text.toString().length();

        stderr.write("WARN something\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String after = text.toString().substring(before);
        display.close();

        assertEquals("WARN something\n", err.toString(java.nio.charset.StandardCharsets.UTF_8));
        // cleared before the log line went out, then drawn again (fitted to the 80 columns of no terminal)
        assertTrue(after.startsWith("\r\u001b[K[########............] 4/10 trials | best 0.9000 (#1)"),
                after.replace("\u001b", "ESC"));
        assertTrue(after.length() - 4 < 80, "the status line fits 80 columns: " + after.replace("\u001b", "ESC"));
    }

    @Test
    void aStatusTooWideIsShortenedBetweenItsPartsNeverInsideOne() {
        String head = "[########............] 4/10 trials | best 0.9000 (#1) | 2m05s | ETA 3m10s";
        java.util.List<String> running = java.util.List.of("#4 epoch 2/9", "#5 epoch 7/9", "#6 epoch 1/9", "#7 epoch 3/9");
        assertEquals(head + " | #4 epoch 2/9, #5 epoch 7/9, #6 epoch 1/9, #7 epoch 3/9",
                ProgressDisplay.fit(head, running, 160), "it fits: whole");
        assertEquals(head + " | 4 running", ProgressDisplay.fit(head, running, 90));
        assertEquals(head + " | #4 epoch 2/9, #5 epoch 7/9, +2 more", ProgressDisplay.fit(head, running, 116));
        assertEquals("[########............] 4/10 trials | best 0.9000 (#1) | 2m05s",
                ProgressDisplay.fit(head, running, 70), "the ETA and the running trials dropped whole");
        assertEquals("[########............] 4/10 trials", ProgressDisplay.fit(head, running, 40));
        for (int width = 40; width <= 200; width++) {
            String fitted = ProgressDisplay.fit(head, running, width);
            assertTrue(fitted.length() < width && !fitted.endsWith("~"), width + ": " + fitted);
        }
    }

    @Test
    void offATerminalOnlyWholeLinesArePrinted() {
        StringWriter text = new StringWriter();
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(text), ProgressDisplay.Mode.LINES, 10, 9, null, FIXED);
        display.start(studyWithProgress());
        display.refresh();
        PrintWriter lines = display.writer();
        lines.print("trial 5 ");
        lines.println("COMPLETE");
        display.close();

        assertEquals("trial 5 COMPLETE" + System.lineSeparator().replace("\r", ""), text.toString().replace("\r", ""));
        assertFalse(text.toString().contains("\u001b"));
    }
}
