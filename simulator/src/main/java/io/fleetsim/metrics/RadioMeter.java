package io.fleetsim.metrics;

import io.fleetsim.base.SimClock;


/**
 * One device's radio-on time: every datagram or frame the device sends or receives keeps its
 * radio on for the tail (the RRC inactivity timer) from that moment, and tails that overlap merge,
 * exactly, on the simulated clock. Adds to the shard's {@link Counter#RADIO_ACTIVE_MILLIS} as it
 * goes: two fields per device, no timer. Used on the device's event loop only.
 */
public final class RadioMeter {

    private final SimClock clock;
    private final ShardMetrics metrics;
    private final long tailMillis;
    private long onUntilMillis = Long.MIN_VALUE;

    public RadioMeter(SimClock clock, ShardMetrics metrics, long tailMillis) {
        this.clock = clock;
        this.metrics = metrics;
        this.tailMillis = tailMillis;
    }

    /** The device sent or received something now. */
    public void transmission() {
        long now = clock.nowMillis();
        long added = now >= onUntilMillis ? tailMillis : now + tailMillis - onUntilMillis;
        onUntilMillis = now + tailMillis;
        metrics.add(Counter.RADIO_ACTIVE_MILLIS, added);
        metrics.increment(Counter.RADIO_TRANSMISSIONS);
    }
}
