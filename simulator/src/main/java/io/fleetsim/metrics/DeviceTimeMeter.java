package io.fleetsim.metrics;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Adds up device-time: how long, summed over devices, some condition held (reachable, observed).
 * Each device opens and closes its interval; the total at any moment is the closed time plus
 * {@code open × now − sum of open starts}, so reading it costs nothing per device. Written by one
 * event loop, read by the results writer (a read between two writes may be off by one interval).
 */
public final class DeviceTimeMeter {

    private final AtomicLong closedMillis = new AtomicLong();
    private final AtomicLong open = new AtomicLong();
    private final AtomicLong openStartSum = new AtomicLong();

    /** A device's interval starts at simulated {@code atMillis}. */
    public void start(long atMillis) {
        open.incrementAndGet();
        openStartSum.addAndGet(atMillis);
    }

    /** The interval that started at {@code startedMillis} ends at {@code atMillis}. */
    public void stop(long startedMillis, long atMillis) {
        open.decrementAndGet();
        openStartSum.addAndGet(-startedMillis);
        closedMillis.addAndGet(Math.max(0, atMillis - startedMillis));
    }

    /** Device-milliseconds up to simulated {@code nowMillis}. */
    public long totalMillis(long nowMillis) {
        return closedMillis.get() + open.get() * nowMillis - openStartSum.get();
    }

    /** Device-milliseconds of the intervals already closed. */
    public long closedMillis() {
        return closedMillis.get();
    }

    /** The sum of the start times of the intervals open now, simulated ms. */
    public long openStartSum() {
        return openStartSum.get();
    }

    /** Moves the meter by what another meter (an agent's, in a clustered run) moved since the last call. */
    public void adjust(long closedDelta, long openDelta, long openStartSumDelta) {
        closedMillis.addAndGet(closedDelta);
        open.addAndGet(openDelta);
        openStartSum.addAndGet(openStartSumDelta);
    }

    /** Intervals open now (devices for which the condition holds). */
    public long openNow() {
        return open.get();
    }
}
