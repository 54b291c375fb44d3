package org.dl4jtuner.tuner;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.dl4jtuner.tuner.storage.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a study's running trials visibly alive and finds those whose process died. Every trial
 * this process runs records its worker ({@code pid@host}) and a heartbeat time, renewed on a
 * daemon thread. A RUNNING trial of another worker is dead when that worker ran on this host and
 * its process is gone, or when its heartbeat is older than the grace period; a dead trial is
 * finished as FAIL with the reason, and optionally enqueued again with the same parameters.
 */
final class TrialLiveness {
    static final String WORKER = ProcessHandle.current().pid() + "@" + hostName();
    private static final Logger LOG = LoggerFactory.getLogger(TrialLiveness.class);
    private final Storage storage;
    private final Clock clock;
    private final Duration interval;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    /** Who claims dead trials in storage for this liveness (unique per study object). */
    private final long claimant = new java.security.SecureRandom().nextLong();
    private ScheduledExecutorService timer;

    TrialLiveness(Storage storage, Clock clock, Duration interval) {
        this.storage = storage;
        this.clock = clock;
        this.interval = interval;
    }

    /** Marks a trial as run by this process and starts its heartbeat. */
    void started(long trialId) {
        // the heartbeat first: a trial taken over from a dead worker must never show its new worker
        // with the dead one's old heartbeat, or another host judges the new worker dead and takes it again
        storage.setTrialSystemAttr(trialId, Study.HEARTBEAT_ATTR, clock.millis());
        storage.setTrialSystemAttr(trialId, Study.WORKER_ATTR, WORKER);
        running.add(trialId);
        synchronized (this) {
            if (timer == null) {
                timer = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "dl4j-tuner-heartbeat");
                    t.setDaemon(true);
                    return t;
                });
                long ms = interval.toMillis();
                timer.scheduleWithFixedDelay(this::beat, ms, ms, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Stops a trial's heartbeat. */
    void finished(long trialId) {
        running.remove(trialId);
    }

    private void beat() {
        for (long id : running) {
            try {
                storage.setTrialSystemAttr(id, Study.HEARTBEAT_ATTR, clock.millis());
            } catch (RuntimeException e) {
                LOG.warn("Could not record the heartbeat of trial id {}: {}", id, e.getMessage());
            }
        }
    }

    /**
     * Finishes the study's dead trials as FAIL and returns them; each is enqueued again (WAITING,
     * same parameters) while it has been retried fewer than {@code retries} times. Each is logged
     * at WARN, or at DEBUG when {@code callerReports}: then the caller tells its user, and the
     * trial is reported once, not twice.
     */
    List<FrozenTrial> failDead(Study study, Duration grace, int retries, boolean callerReports,
            java.util.function.Predicate<FrozenTrial> which) {
        List<FrozenTrial> dead = new ArrayList<>();
        Instant now = clock.instant();
        for (FrozenTrial t : study.trials(TrialState.RUNNING)) {
            if (!which.test(t)) {
                continue;
            }
            Optional<String> why = deathOf(t, now, grace);
            if (why.isEmpty() || !storage.claim(study.id(), deathToken(t), claimant)) {
                continue;   // alive, or another process took it over or failed it first
            }
            if (takeovers(t) >= Study.MAX_TAKEOVERS) {
                why = Optional.of(why.get() + "; it was taken over and continued " + takeovers(t) + " times already,"
                        + " and its processes died each time");
            }
            try {
                storage.setTrialSystemAttr(t.id(), Study.FAIL_REASON_ATTR, why.get());
                storage.setTrialSystemAttr(t.id(), Storage.DIED_ATTR, true);
                storage.finishTrial(t.id(), TrialState.FAIL, null);
            } catch (IllegalStateException finishedMeanwhile) {
                continue;
            }
            log(callerReports, "Trial {} marked FAIL: {}", t.number(), why.get());
            dead.add(storage.getTrial(t.id()));
            int tries = t.systemAttrs().get(Study.RETRIES_ATTR) instanceof Number n ? n.intValue() : 0;
            if (tries < retries) {
                Map<String, Object> attrs = new LinkedHashMap<>();
                attrs.put(Trial.FIXED_PARAMS_ATTR, new LinkedHashMap<>(t.params()));
                attrs.put(Study.RETRY_OF_ATTR, t.number());
                attrs.put(Study.RETRIES_ATTR, tries + 1);
                FrozenTrial again = storage.createTrial(study.id(), TrialState.WAITING, attrs);
                log(callerReports, "Trial {} enqueued again as trial {} (retry {} of {})", t.number(), again.number(),
                        tries + 1, retries);
            }
        }
        return dead;
    }

    /**
     * The study's RUNNING trials whose process died, as {@link #failDead} decides, left as they are,
     * that may still be taken over ({@link Study#MAX_TAKEOVERS}).
     */
    List<FrozenTrial> continuableDead(Study study, Duration grace) {
        Instant now = clock.instant();
        return study.trials(TrialState.RUNNING).stream()
                .filter(t -> deathOf(t, now, grace).isPresent() && takeovers(t) < Study.MAX_TAKEOVERS)
                .toList();
    }

    /**
     * Claims one dead RUNNING trial of the study (dead as {@link #failDead} decides) for this process
     * and returns it, or empty when there is none left. The claim is atomic in storage, and
     * {@link #failDead} takes the same claim, so of all the processes that look at once exactly one
     * either takes a dead trial over or fails it. The caller starts its heartbeat ({@link #started}).
     */
    Optional<FrozenTrial> takeOverDead(Study study, Duration grace) {
        Instant now = clock.instant();
        for (FrozenTrial t : study.trials(TrialState.RUNNING)) {
            Optional<String> why = deathOf(t, now, grace);
            int takeovers = takeovers(t);
            if (why.isEmpty() || takeovers >= Study.MAX_TAKEOVERS
                    || !storage.claim(study.id(), deathToken(t), claimant)) {
                continue;   // alive, continued too often already (failDead fails it), or claimed by another
            }
            FrozenTrial current = storage.getTrial(t.id());
            if (current.state() != TrialState.RUNNING) {
                continue;
            }
            storage.setTrialSystemAttr(t.id(), Study.TAKEN_OVER_ATTR, takeovers + 1);
            LOG.info("Trial {} taken over by this process ({}) to continue it from epoch {}: {}", t.number(), WORKER,
                    current.intermediateValues().size() + 1, why.get());
            return Optional.of(current);
        }
        return Optional.empty();
    }

    /** How many times a trial was taken over from a dead process ({@link Study#TAKEN_OVER_ATTR}). */
    private static int takeovers(FrozenTrial t) {
        return t.systemAttrs().get(Study.TAKEN_OVER_ATTR) instanceof Number n ? n.intValue() : 0;
    }

    /**
     * The claim a dead trial's fate is decided by: the trial and the worker it died with, so that a
     * trial taken over, whose new worker dies too, can be claimed again.
     */
    private static String deathToken(FrozenTrial t) {
        return "dead trial " + t.id() + " of worker " + t.systemAttrs().get(Study.WORKER_ATTR);
    }

    private static void log(boolean quiet, String format, Object... args) {
        if (quiet) {
            LOG.debug(format, args);
        } else {
            LOG.warn(format, args);
        }
    }

    /**
     * Why a RUNNING trial has nobody training it, or empty if someone does: this liveness's own
     * trials are alive; a trial of this same process that this liveness does not hold was left by an
     * earlier study object (whose run ended without finishing it); others are orphans when dead.
     */
    Optional<String> orphanOf(FrozenTrial t, Duration grace) {
        if (running.contains(t.id())) {
            return Optional.empty();
        }
        if (WORKER.equals(t.systemAttrs().get(Study.WORKER_ATTR))) {
            return Optional.of("an earlier run of the study in this process (" + WORKER + ") stopped while it ran");
        }
        return deathOf(t, clock.instant(), grace);
    }

    private Optional<String> deathOf(FrozenTrial t, Instant now, Duration grace) {
        if (running.contains(t.id())) {
            return Optional.empty();
        }
        Object worker = t.systemAttrs().get(Study.WORKER_ATTR);
        if (WORKER.equals(worker)) {
            return Optional.empty();
        }
        if (worker instanceof String w && w.endsWith("@" + hostName()) && !alive(w)) {
            return Optional.of("its process (" + w + ") is gone: it died or was killed while the trial ran");
        }
        long last = t.systemAttrs().get(Study.HEARTBEAT_ATTR) instanceof Number n ? n.longValue()
                : t.start() != null ? t.start().toEpochMilli() : now.toEpochMilli();
        Duration silent = Duration.ofMillis(now.toEpochMilli() - last);
        if (silent.compareTo(grace) > 0) {
            return Optional.of("no heartbeat from its worker (" + worker + ") for " + silent.toSeconds()
                    + " s (grace " + grace.toSeconds() + " s): its process died or lost the storage");
        }
        return Optional.empty();
    }

    private static boolean alive(String worker) {
        try {
            long pid = Long.parseLong(worker.substring(0, worker.indexOf('@')));
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return true;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
