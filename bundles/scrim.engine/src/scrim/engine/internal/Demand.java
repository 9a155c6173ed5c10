package scrim.engine.internal;

import java.util.List;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

import scrim.api.FrameSink;

/**
 * Decides whether the pipeline is live or idle (setting {@code ondemand}). In use means: a
 * selected output has a consumer (or always wants frames, like a file) or a preview tap is
 * registered. In use goes live at once; nobody in use for the grace period goes idle. The
 * grace period is also the debounce: a browser that opens and closes the device while
 * listing cameras keeps Scrim live instead of restarting the camera each time.
 * <p>
 * Event driven: every change (a sink's count, a tap, the selection, the settings) schedules
 * one evaluation, and the grace expiry is a timer; there is no polling. Evaluations run one
 * at a time on the scheduler's thread, in order, so a late one never undoes a newer one, and
 * sinks are asked for their count outside any lock of the engine (a sink may call back while
 * holding its own).
 */
final class Demand {

    /** Runs a task after a delay; the engine's single scheduler thread, or a test's clock. */
    interface Scheduler {
        Future<?> schedule(Runnable task, long delayMillis);
    }

    private final Scheduler scheduler;
    private final LongSupplier clockMillis;
    /** Told, on the scheduler's thread, when live changed. */
    private final Runnable changed;

    private volatile boolean ondemand = true;
    private volatile long graceMillis = 3000;
    private volatile List<FrameSink> sinks = List.of();
    private volatile int taps;

    // written on the scheduler's thread only; volatile for the status
    private volatile boolean live = true;
    private volatile long since;
    private volatile int consumers;
    private volatile long wakeMillis = -1;
    private volatile long wokeAt = -1; // when the consumer of a wake in progress was seen, -1 when none is
    private Future<?> expiry;

    Demand(Scheduler scheduler, LongSupplier clockMillis, Runnable changed) {
        this.scheduler = scheduler;
        this.clockMillis = clockMillis;
        this.changed = changed;
        this.since = clockMillis.getAsLong();
    }

    /** The settings; false keeps the pipeline live whoever watches. */
    void configure(boolean onDemand, double graceSeconds) {
        ondemand = onDemand;
        graceMillis = Math.round(graceSeconds * 1000);
        check();
    }

    /** The outputs that count: those selected now. */
    void select(List<FrameSink> selected) {
        sinks = selected;
        check();
    }

    /** The number of registered preview taps. */
    void taps(int count) {
        taps = count;
        check();
    }

    /** Something that may change the demand happened (a sink's consumers, for one): evaluate soon, on the scheduler's thread. */
    void check() {
        scheduler.schedule(this::evaluate, 0);
    }

    boolean live() {
        return live;
    }

    /** When live or idle began, in milliseconds of the clock (the epoch in the engine). */
    long since() {
        return since;
    }

    /** Programs reading the selected outputs plus registered taps, as last counted (files are not counted). */
    int consumers() {
        return consumers;
    }

    /** How long the last wake took, first consumer seen to first processed frame written; -1 before any. */
    long wakeMillis() {
        return wakeMillis;
    }

    /** The run started by a wake wrote its first processed frame: the wake is complete. */
    void firstProcessedFrame() {
        long t = wokeAt;
        if (t >= 0) {
            wokeAt = -1;
            wakeMillis = clockMillis.getAsLong() - t;
        }
    }

    private void evaluate() {
        if (inUse()) {
            cancelExpiry();
            if (!live) {
                wokeAt = clockMillis.getAsLong();
                become(true);
            }
        } else if (live && expiry == null) {
            expiry = scheduler.schedule(this::graceOver, graceMillis);
        }
    }

    private void graceOver() {
        expiry = null;
        if (live && !inUse()) { // counted afresh, not trusted from the last event
            wokeAt = -1;
            become(false);
        }
    }

    /** Counts the consumers now; true when anyone (or, with on demand off, everyone) wants frames. */
    private boolean inUse() {
        int count = taps;
        boolean used = !ondemand || count > 0;
        for (FrameSink s : sinks) {
            int n = countOf(s);
            used |= n != 0;
            count += Math.max(0, n);
        }
        consumers = count;
        return used;
    }

    private void cancelExpiry() {
        if (expiry != null) {
            expiry.cancel(false);
            expiry = null;
        }
    }

    private void become(boolean nowLive) {
        live = nowLive;
        since = clockMillis.getAsLong();
        changed.run();
    }

    /** A sink whose count cannot be read counts as in use: better a live camera than a consumer left without a picture. */
    private static int countOf(FrameSink s) {
        try {
            return s.consumers();
        } catch (RuntimeException | LinkageError e) {
            return FrameSink.ALWAYS;
        }
    }
}
