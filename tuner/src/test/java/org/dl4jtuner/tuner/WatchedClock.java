package org.dl4jtuner.tuner;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A clock moved by hand that can be shared between threads, and that lets a test wait until the
 * code under test has read it (so time-dependent tests need no wall-clock sleeps).
 */
public final class WatchedClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Semaphore reads = new Semaphore(0);

    /** Moves the clock; every read counted from now on sees the new time. */
    public synchronized void advance(Duration d) {
        now = now.plus(d);
        reads.drainPermits();
    }

    /** Forgets the reads so far. */
    public synchronized void forgetReads() {
        reads.drainPermits();
    }

    /** Waits until the clock has been read {@code n} times since the last advance or forget (at most 10 s). */
    public void awaitReads(int n) throws InterruptedException {
        assertTrue(reads.tryAcquire(n, 10, TimeUnit.SECONDS), "the clock was not read " + n + " times");
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public synchronized Instant instant() {
        reads.release();
        return now;
    }
}
