package io.fleetsim.nat;

import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.LatencyMetric;
import io.fleetsim.metrics.ShardMetrics;

/**
 * Whether a server-initiated request would reach one device right now, worked out exactly from
 * what the NAT and the server hold: the device is reachable while it is registered, its mapping
 * is live, and the server's address for it (the one it last registered or updated from) is the
 * mapping's external port. Adds reachable and observed device-time to the shard's meters, and
 * when a reachable device's path breaks, records how long until it is reachable again
 * ({@code reconnect}, counted in {@link Counter#RECONNECTS}). The break is known exactly when the
 * NAT made it (a mapping expired or was flushed); then the time until the device's first step
 * back is recorded too ({@code reconnect.detect}). Otherwise the break is the moment the device
 * found its path dead ({@link #pathDead}: a TCP connection without Pong, closed or aborted; a UDP
 * ping unanswered), and there is no detection time to record. A queue-mode device that sleeps is
 * not reachable either ({@link #listening}).
 * Used on the device's event loop only.
 */
public final class PathTracker {

    private static final int NO_PORT = -1;

    private final ShardMetrics metrics;
    private boolean observed;
    private long observedSince;
    private boolean registered;
    private int serverPort = NO_PORT;
    private boolean mappingLive;
    private int currentPort = NO_PORT;
    private boolean reachable;
    private long reachableSince;
    /** Queue mode: false while the device sleeps; a sleeping device is not reachable. */
    private boolean listening = true;
    private long brokeAtMillis = -1;
    private long firstStepAtMillis = -1;
    private boolean brokeByNat;
    /** This device's own sums, for the per-group figures: closed intervals only. */
    private long observedMillis;
    private long reachableMillis;
    private int reconnects;

    public PathTracker(ShardMetrics metrics) {
        this.metrics = metrics;
    }

    /** A path with no NAT: one mapping that never expires. */
    public static PathTracker direct(ShardMetrics metrics) {
        PathTracker tracker = new PathTracker(metrics);
        tracker.mappingLive = true;
        tracker.currentPort = 0;
        return tracker;
    }

    /** The NAT made a mapping with external {@code port}. */
    public void mappingUp(int port, long nowMillis) {
        mappingLive = true;
        currentPort = port;
        refresh(nowMillis, false);
    }

    /** The NAT dropped the mapping at {@code atMillis} (expiry or flush). */
    public void mappingDown(long atMillis) {
        mappingLive = false;
        refresh(atMillis, true);
    }

    /** The device is about to send a Register or Update: its first step back, if the path broke. */
    public void restoring(long nowMillis) {
        if (brokeAtMillis >= 0 && firstStepAtMillis < 0) {
            firstStepAtMillis = nowMillis;
        }
    }

    /** The server accepted a Register or Update from the device's current address. */
    public void registered(long nowMillis) {
        if (!observed) {
            observed = true;
            observedSince = nowMillis;
            metrics.observedTime().start(nowMillis);
        }
        registered = true;
        serverPort = currentPort;
        refresh(nowMillis, false);
    }

    /** The device no longer counts itself registered (a failed update, a broken path). */
    public void registrationLost(long nowMillis) {
        registered = false;
        refresh(nowMillis, false);
    }

    /**
     * The device found its path dead and no longer counts itself registered. Unless the NAT broke
     * the path earlier (then that moment stands), the reconnect clock starts now.
     */
    public void pathDead(long nowMillis) {
        registrationLost(nowMillis);
        if (observed && brokeAtMillis < 0) {
            brokeAtMillis = nowMillis;
            firstStepAtMillis = -1;
            brokeByNat = false;
        }
    }

    /** The device stopped: its observation ends. */
    public void stopped(long nowMillis) {
        registered = false;
        refresh(nowMillis, false);
        if (observed) {
            observed = false;
            metrics.observedTime().stop(observedSince, nowMillis);
            observedMillis += nowMillis - observedSince;
        }
    }

    /** This device's observed time up to {@code nowMillis}, ms. */
    public long observedMillis(long nowMillis) {
        return observedMillis + (observed ? nowMillis - observedSince : 0);
    }

    /** This device's reachable time up to {@code nowMillis}, ms. */
    public long reachableMillis(long nowMillis) {
        return reachableMillis + (reachable ? nowMillis - reachableSince : 0);
    }

    /**
     * Queue mode: the device started listening (it sent something) or fell asleep (its awake time
     * ran out). Asleep time is unreachable time; falling asleep is not a broken path.
     */
    public void listening(boolean nowListening, long nowMillis) {
        listening = nowListening;
        refresh(nowMillis, false);
    }

    /** Times this device's path broke and it became reachable again. */
    public int reconnects() {
        return reconnects;
    }

    public boolean isReachable() {
        return reachable;
    }

    private void refresh(long nowMillis, boolean byNat) {
        boolean now = observed && registered && mappingLive && serverPort == currentPort && listening;
        if (now == reachable) {
            return;
        }
        reachable = now;
        if (now) {
            reachableSince = nowMillis;
            metrics.reachableTime().start(nowMillis);
            if (brokeAtMillis >= 0) {
                metrics.record(LatencyMetric.RECONNECT, (nowMillis - brokeAtMillis) * 1_000);
                metrics.increment(Counter.RECONNECTS);
                reconnects++;
                if (brokeByNat) {
                    long firstStep = firstStepAtMillis >= 0 ? firstStepAtMillis : nowMillis;
                    metrics.record(LatencyMetric.RECONNECT_DETECT, (firstStep - brokeAtMillis) * 1_000);
                }
                brokeAtMillis = -1;
                firstStepAtMillis = -1;
            }
        } else {
            metrics.reachableTime().stop(reachableSince, nowMillis);
            reachableMillis += nowMillis - reachableSince;
            if (byNat) {
                brokeAtMillis = nowMillis;
                firstStepAtMillis = -1;
                brokeByNat = true;
            }
        }
    }
}
