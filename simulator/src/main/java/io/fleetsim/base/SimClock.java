package io.fleetsim.base;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.atomic.LongAdder;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;

/**
 * The one clock of a run. Every protocol timer (lifetimes, updates, retransmissions, back-off)
 * and every measurement reads simulated time from here, and every timer is scheduled through
 * here, so "now" and "later" cannot drift apart. Simulated time runs {@code timeScale} times
 * faster than wall time and starts at 0 when the clock is created.
 */
public final class SimClock {

    private final double timeScale;
    private final long originNanos;
    private final Vertx vertx;
    private final LongAdder liveTimers = new LongAdder();
    private final Recorder lateness = new Recorder(3);

    public SimClock(Vertx vertx, double timeScale) {
        this(vertx, timeScale, System.nanoTime());
    }

    /**
     * A clock whose simulated time is 0 at wall time {@code epochMillis} (this machine's
     * {@link System#currentTimeMillis()}), negative before: the common start of a clustered run.
     */
    public static SimClock startingAt(Vertx vertx, double timeScale, long epochMillis) {
        return new SimClock(vertx, timeScale, System.nanoTime() + (epochMillis - System.currentTimeMillis()) * 1_000_000);
    }

    SimClock(Vertx vertx, double timeScale, long originNanos) {
        if (!(timeScale > 0)) {
            throw new IllegalArgumentException("timeScale must be positive: " + timeScale);
        }
        this.vertx = vertx;
        this.timeScale = timeScale;
        this.originNanos = originNanos;
    }

    public double timeScale() {
        return timeScale;
    }

    /** Simulated microseconds since the run started. */
    public long nowMicros() {
        return (long) ((System.nanoTime() - originNanos) * timeScale / 1_000.0);
    }

    /** Simulated milliseconds since the run started. */
    public long nowMillis() {
        return nowMicros() / 1_000;
    }

    /** Wall seconds since the run started. */
    public double wallSeconds() {
        return (System.nanoTime() - originNanos) / 1e9;
    }

    /** Wall milliseconds that {@code simMillis} of simulated time take; at least 1. */
    public long wallDelayMillis(long simMillis) {
        return Math.max(1L, Math.round(simMillis / timeScale));
    }

    /**
     * Runs {@code handler} after {@code simMillis} of simulated time, on the calling context's
     * event loop (so a device's timers fire on the loop it lives on).
     *
     * @return the timer id, for {@link #cancel(long)}
     */
    public long schedule(long simMillis, Handler<Long> handler) {
        liveTimers.increment();
        long wallDelay = wallDelayMillis(simMillis);
        long dueNanos = System.nanoTime() + wallDelay * 1_000_000;
        return vertx.setTimer(wallDelay, id -> {
            liveTimers.decrement();
            lateness.recordValue(Math.max(0, (System.nanoTime() - dueNanos) / 1_000));
            handler.handle(id);
        });
    }

    /** Runs {@code handler} at simulated time {@code atMillis} (at once if that has passed). */
    public long scheduleAt(long atMillis, Handler<Long> handler) {
        return schedule(Math.max(0, atMillis - nowMillis()), handler);
    }

    public boolean cancel(long timerId) {
        boolean cancelled = vertx.cancelTimer(timerId);
        if (cancelled) {
            liveTimers.decrement();
        }
        return cancelled;
    }

    /**
     * How late the timers that fired since the last call were, in wall microseconds. A timer fires
     * late when its event loop is busy: at {@code timeScale} X, a wall delay of d is X d of
     * simulated time, so an overloaded simulator distorts everything timed near a timeout.
     */
    public Histogram takeLateness() {
        return lateness.getIntervalHistogram();
    }

    /**
     * Adds timer lateness measured by another clock (an agent's, in a clustered run), wall
     * microseconds, so that {@link #takeLateness()} covers the whole fleet.
     */
    public void addLateness(Histogram wallMicros) {
        for (org.HdrHistogram.HistogramIterationValue v : wallMicros.recordedValues()) {
            lateness.recordValueWithCount(v.getValueIteratedTo(), v.getCountAtValueIteratedTo());
        }
    }

    /** Timers scheduled through this clock that have neither fired nor been cancelled. */
    public long liveTimers() {
        return liveTimers.sum();
    }
}
