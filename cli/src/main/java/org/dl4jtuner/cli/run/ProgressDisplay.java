package org.dl4jtuner.cli.run;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.dl4jtuner.tuner.pareto.ParetoTrials;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.TrialState;

/**
 * The study's progress while it runs. On a terminal, a status line kept at the bottom and redrawn
 * twice a second: a bar of trials done out of the budget, the best value so far, elapsed time and
 * ETA, and each running trial's epoch. Trial lines print above it. Anywhere else (a file, a pipe,
 * {@code nohup}, CI) there is no status line and no control character: only whole lines, flushed
 * one at a time.
 *
 * <p>Everything shown is read from the study's storage, so it covers trials run by worker JVMs too.
 * While the status line shows on a terminal, log lines on standard error clear it first.
 */
public final class ProgressDisplay implements AutoCloseable {
    /** How progress is shown: a live status line, or plain lines only. */
    public enum Mode {
        /** A status line at the bottom of the terminal, redrawn in place. */
        BAR,
        /** Whole lines only: for files, pipes and CI logs. */
        LINES,
        /** As LINES, and the run prints no line per trial ({@code -q}). */
        QUIET
    }

    private static final String CLEAR_LINE = "\r\u001b[K";

    private final PrintWriter out;
    private final Mode mode;
    private Study study;
    private final int totalTrials;
    private final int maxEpochs;
    private final Duration timeLimit;
    private final Clock clock;
    private Instant start;
    private int finishedAtStart;
    private final int width;
    private ScheduledExecutorService ticker;
    private String status = "";
    private boolean closed;
    private final boolean followStderr;
    private PrintStream stderr;

    /**
     * @param out         where lines (and on a terminal the status line) go
     * @param mode        {@link Mode#BAR} only when {@code out} is a terminal
     * @param totalTrials the study's trial budget
     * @param maxEpochs   epochs a trial trains at most
     * @param timeLimit   the run's time limit, or null
     * @param clock       the clock for elapsed time and ETA
     */
    public ProgressDisplay(PrintWriter out, Mode mode, int totalTrials, int maxEpochs, Duration timeLimit, Clock clock) {
        this.out = out;
        this.mode = mode;
        this.totalTrials = totalTrials;
        this.maxEpochs = maxEpochs;
        this.timeLimit = timeLimit;
        this.clock = clock;
        this.width = mode == Mode.BAR ? terminalWidth() : 80;
        this.followStderr = mode == Mode.BAR && System.console() != null;
    }

    /** The terminal's columns that lines must fit, or 0 when output is not a terminal and lines stay whole. */
    public int lineWidth() {
        return mode == Mode.BAR ? width : 0;
    }

    /** Whether the run prints a line per finished trial. */
    public boolean trialLines() {
        return mode != Mode.QUIET;
    }

    /** Starts following {@code study}: on a terminal, the status line is redrawn from now on. */
    public synchronized ProgressDisplay start(Study study) {
        this.study = study;
        this.start = clock.instant();
        this.finishedAtStart = (int) study.trials().stream().filter(FrozenTrial::isFinished).count();
        if (mode == Mode.BAR) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "dl4j-tuner-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleWithFixedDelay(this::refresh, 0, 500, TimeUnit.MILLISECONDS);
            if (followStderr) {
                stderr = System.err;
                System.setErr(new PrintStream(new StatusClearingStream(stderr), true));
            }
        }
        return this;
    }

    /** A stream to {@code target} that clears the status line before each line written to it. */
    OutputStream clearingStatusBefore(PrintStream target) {
        return new StatusClearingStream(target);
    }

    /**
     * Standard error, when it shares the terminal: the status line is cleared before a log line
     * is written and drawn again after it, so the two never run into each other.
     */
    private final class StatusClearingStream extends OutputStream {
        private final PrintStream target;
        private boolean midLine;

        StatusClearingStream(PrintStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            synchronized (ProgressDisplay.this) {
                if (!midLine && !status.isEmpty()) {
                    out.print(CLEAR_LINE);
                    out.flush();
                }
                target.write(bytes, offset, length);
                target.flush();
                midLine = length > 0 && bytes[offset + length - 1] != '\n';
                if (!midLine && !status.isEmpty()) {
                    out.print(status);
                    out.flush();
                }
            }
        }

        @Override
        public void flush() {
            target.flush();
        }
    }

    /** A writer whose complete lines print through {@link #line(String)}, above the status line. */
    public PrintWriter writer() {
        return new PrintWriter(new Writer() {
            private final StringBuilder pending = new StringBuilder();

            @Override
            public void write(char[] chars, int offset, int length) {
                synchronized (pending) {
                    for (int i = offset; i < offset + length; i++) {
                        if (chars[i] == '\n') {
                            line(pending.toString());
                            pending.setLength(0);
                        } else if (chars[i] != '\r') {
                            pending.append(chars[i]);
                        }
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
                synchronized (pending) {
                    if (pending.length() > 0) {
                        line(pending.toString());
                        pending.setLength(0);
                    }
                }
            }
        }, true);
    }

    /** Prints one whole line, above the status line on a terminal. */
    public synchronized void line(String text) {
        if (mode == Mode.BAR) {
            out.print(CLEAR_LINE);
            out.println(text);
            out.print(status);
        } else {
            out.println(text);
        }
        out.flush();
    }

    /** Reads the study and redraws the status line. */
    synchronized void refresh() {
        if (closed || study == null || mode != Mode.BAR) {
            return;
        }
        try {
            String next = render(study.trials(), Duration.between(start, clock.instant()), width);
            if (!next.equals(status)) {
                status = next;
                out.print(CLEAR_LINE + status);
                out.flush();
            }
        } catch (RuntimeException e) {
            // a storage hiccup must not end the display; the next tick tries again
        }
    }

    /** The status text for the given trials after {@code elapsed}: bar, counts, best, times, running epochs. */
    String render(List<FrozenTrial> trials, Duration elapsed) {
        return render(trials, elapsed, 0);
    }

    /** As {@link #render(List, Duration)}, fitted to {@code width} columns by {@link #fit}; 0 for no limit. */
    String render(List<FrozenTrial> trials, Duration elapsed, int width) {
        int finished = 0;
        FrozenTrial best = study.isMultiObjective() ? null : study.direction().best(trials);
        List<String> running = new ArrayList<>();
        for (FrozenTrial t : trials) {
            if (t.isFinished()) {
                finished++;
            }
            if (t.state() == TrialState.RUNNING) {
                running.add("#" + t.number() + " epoch " + Math.max(0, t.lastStep()) + "/" + maxEpochs);
            }
        }
        int total = Math.max(totalTrials, 1);
        int cells = 20;
        int filled = (int) Math.min(cells, Math.round((double) cells * finished / total));
        StringBuilder s = new StringBuilder();
        s.append('[').append("#".repeat(filled)).append(".".repeat(cells - filled)).append("] ");
        s.append(finished).append('/').append(totalTrials).append(" trials");
        if (study.isMultiObjective()) {
            s.append(" | front ").append(ParetoTrials.front(trials, study.directions()).size());
        } else {
            s.append(" | best ").append(best == null ? "-" : TrialLines.format(best.value()) + " (#" + best.number() + ")");
        }
        s.append(" | ").append(clockText(elapsed));
        Duration eta = eta(finished - finishedAtStart, Math.max(0, totalTrials - finished), elapsed);
        s.append(" | ETA ").append(eta == null ? "?" : clockText(eta));
        return width <= 0 ? whole(s.toString(), running) : fit(s.toString(), running, width);
    }

    private static String whole(String head, List<String> running) {
        return running.isEmpty() ? head : head + " | " + String.join(", ", running);
    }

    /**
     * The status in fewer than {@code width} columns (a full line would wrap, and {@code \r} would
     * then redraw only its end), cut only between its parts: running trials that do not fit are
     * counted ({@code +2 more}, or {@code 3 running}), then the parts after the bar are dropped
     * from the end; only a head that cannot fit even alone is cut, marked with {@code ~}.
     */
    static String fit(String head, List<String> running, int width) {
        String whole = whole(head, running);
        if (whole.length() < width) {
            return whole;
        }
        for (int kept = running.size() - 1; kept >= 0; kept--) {
            int more = running.size() - kept;
            String shown = kept == 0 ? more + " running"
                    : String.join(", ", running.subList(0, kept)) + ", +" + more + " more";
            String text = head + " | " + shown;
            if (text.length() < width) {
                return text;
            }
        }
        String text = head;
        while (text.length() >= width && text.lastIndexOf(" | ") > 0) {
            text = text.substring(0, text.lastIndexOf(" | "));
        }
        return text.length() < width ? text : text.substring(0, Math.max(0, width - 2)) + "~";
    }

    private Duration eta(int doneThisRun, int remaining, Duration elapsed) {
        if (remaining == 0) {
            return Duration.ZERO;
        }
        Duration byTrials = doneThisRun <= 0 ? null : elapsed.multipliedBy(remaining).dividedBy(doneThisRun);
        Duration byLimit = timeLimit == null ? null : timeLimit.minus(elapsed).isNegative() ? Duration.ZERO
                : timeLimit.minus(elapsed);
        if (byTrials == null) {
            return byLimit;
        }
        return byLimit == null || byTrials.compareTo(byLimit) < 0 ? byTrials : byLimit;
    }

    /** A duration as {@code 1h02m}, {@code 3m05s} or {@code 42s}. */
    static String clockText(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return s + "s";
    }

    /** The terminal's columns: {@code COLUMNS} if exported, else what {@code stty} says, else 80. */
    private static int terminalWidth() {
        try {
            String columns = System.getenv("COLUMNS");
            if (columns != null) {
                return Math.max(40, Integer.parseInt(columns.trim()));
            }
            Process stty = new ProcessBuilder("sh", "-c", "stty size < /dev/tty").redirectErrorStream(true).start();
            if (stty.waitFor(2, TimeUnit.SECONDS) && stty.exitValue() == 0) {
                String[] size = new String(stty.getInputStream().readAllBytes()).trim().split("\\s+");
                if (size.length == 2) {
                    return Math.max(40, Integer.parseInt(size[1]));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no terminal to ask: the default below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 80;
    }

    /** Stops redrawing and clears the status line. */
    @Override
    public void close() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = ticker;
            ticker = null;
            closed = true;
        }
        if (stopping == null) {
            return;
        }
        stopping.shutdownNow();
        try {
            stopping.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            status = "";
            out.print(CLEAR_LINE);
            out.flush();
            if (stderr != null) {
                System.setErr(stderr);
                stderr = null;
            }
        }
    }
}
