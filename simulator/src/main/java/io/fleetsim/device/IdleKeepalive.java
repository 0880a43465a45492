package io.fleetsim.device;

import io.fleetsim.base.SimClock;


/**
 * Fires a device's keepalive after {@code interval} of idle time (no request of the device's own).
 * One timer, re-armed only when it fires: touching it on each request costs a field write.
 * Used on the device's event loop only.
 */
final class IdleKeepalive {

    private final SimClock clock;
    private final long intervalMillis;
    private final Runnable keepalive;
    private long lastActivityMillis;
    private long timerId = -1;
    private boolean running;

    IdleKeepalive(SimClock clock, long intervalMillis, Runnable keepalive) {
        this.clock = clock;
        this.intervalMillis = intervalMillis;
        this.keepalive = keepalive;
    }

    /** Starts counting idle time now; does nothing when already running. */
    void start() {
        if (running) {
            return;
        }
        running = true;
        lastActivityMillis = clock.nowMillis();
        arm(lastActivityMillis + intervalMillis);
    }

    /** The device just sent something: idle time starts again. */
    void touch() {
        lastActivityMillis = clock.nowMillis();
    }

    void stop() {
        running = false;
        clock.cancel(timerId);
    }

    private void arm(long atMillis) {
        timerId = clock.scheduleAt(atMillis, id -> onTimer());
    }

    private void onTimer() {
        if (!running) {
            return;
        }
        long due = lastActivityMillis + intervalMillis;
        if (clock.nowMillis() >= due) {
            keepalive.run();
            due = Math.max(lastActivityMillis, clock.nowMillis()) + intervalMillis;
        }
        if (running) {
            arm(due);
        }
    }
}
