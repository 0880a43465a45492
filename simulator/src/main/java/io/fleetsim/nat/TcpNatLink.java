package io.fleetsim.nat;

import java.util.SplittableRandom;

import io.fleetsim.base.SimClock;
import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.ShardMetrics;
import io.fleetsim.scenario.NatSettings;

/**
 * One device's TCP or TLS connection through the emulated carrier NAT, logical, on the device's
 * own socket: each connection gets a {@link NatMapping} whose established timeout is refreshed by
 * frames in either direction (a TCP peer acknowledges what it receives, so inbound traffic always
 * refreshes). When the mapping expires (exactly, found by a lazy timer) or is flushed, the
 * connection becomes a black hole: frames from the server are dropped, and frames from the device
 * are dropped too ({@code tcpExpiry: drop}, strict conntrack, until the device's Pong timeout gives
 * up) or draw a reset ({@code tcpExpiry: rst}, loose tracking: the device's next segment leaves on
 * a new port and the server resets it). The next connection after that counts as a rebinding.
 * Either way the dead connection's own segments never reach the server again, so when the device
 * gives it up the server keeps its end, half-open: the channel abandons such a connection instead
 * of closing it ({@link #isBlackHole()}). Frames take {@code delayMs} plus up to {@code jitterMs}
 * each way, and a frame whose segment is lost ({@code lossPercent}) waits for its retransmissions
 * ({@link PathDelay}). Everything runs on the device's event loop.
 */
public final class TcpNatLink implements ConnectionNat {

    private final SimClock clock;
    private final ShardMetrics metrics;
    private final SplittableRandom random;
    private final NatSettings settings;
    private final MappingTimeouts timeouts;
    private final PathTracker tracker;
    private NatMapping mapping;
    /** The current connection's mapping died: the connection is a black hole. */
    private boolean blackHole;
    /** A mapping died since the last connection was made: the next one is a rebinding. */
    private boolean rebindNext;
    /** The reset this black hole draws ({@code tcpExpiry: rst}) is on its way. */
    private boolean resetDrawn;
    private long timerId = -1;

    /**
     * @param clock   the run's clock: mapping timeouts, delay and jitter
     * @param metrics the shard's counters (mappings, drops, rebindings)
     * @param random  the shard's random source: loss, delay and jitter draws
     */
    public TcpNatLink(SimClock clock, ShardMetrics metrics, SplittableRandom random, NatSettings settings,
            MappingTimeouts timeouts, PathTracker tracker) {
        this.clock = clock;
        this.metrics = metrics;
        this.random = random;
        this.settings = settings;
        this.timeouts = timeouts;
        this.tracker = tracker;
    }

    @Override
    public void connected(int localPort) {
        closed();
        long now = now();
        if (rebindNext) {
            rebindNext = false;
            metrics().increment(Counter.NAT_REBINDINGS);
        }
        blackHole = false;
        mapping = new NatMapping(timeouts, true, now, localPort);
        metrics().increment(Counter.NAT_MAPPINGS_CREATED);
        metrics().mappingsAliveDelta(1);
        tracker.mappingUp(localPort, now);
        armTimer(mapping.expiresAtMillis());
    }

    @Override
    public Outbound outbound() {
        long now = now();
        checkExpiry(now);
        if (blackHole) {
            if (settings.tcpExpiry() == NatSettings.TcpExpiry.RST && !resetDrawn) {
                resetDrawn = true;
                metrics().increment(Counter.NAT_RESETS);
                return Outbound.RESET;
            }
            metrics().increment(Counter.NAT_DROPPED_DEAD_MAPPING);
            return Outbound.DROP;
        }
        if (mapping != null) {
            mapping.outbound(now);
        }
        return Outbound.PASS;
    }

    @Override
    public boolean inbound() {
        long now = now();
        checkExpiry(now);
        if (blackHole) {
            metrics().increment(Counter.NAT_DROPPED_DEAD_MAPPING);
            return false;
        }
        if (mapping != null) {
            mapping.inbound(now);
        }
        return true;
    }

    @Override
    public boolean isBlackHole() {
        checkExpiry(now());
        return blackHole;
    }

    @Override
    public long uplinkMillis() {
        return pathMillis(settings.uplinkLoss(), Counter.NAT_DROPPED_UP);
    }

    @Override
    public long downlinkMillis() {
        return pathMillis(settings.downlinkLoss(), Counter.NAT_DROPPED_DOWN);
    }

    /** Delay and jitter, plus the retransmission timeouts of the lost copies, each counted. */
    private long pathMillis(double lossShare, Counter lost) {
        long millis = PathDelay.delayMillis(settings, random);
        int lostCopies = PathDelay.lostCopies(lossShare, random);
        for (int i = 0; i < lostCopies; i++) {
            metrics().increment(lost);
        }
        return millis + PathDelay.retransmissionMillis(lostCopies);
    }

    @Override
    public void closed() {
        clock.cancel(timerId);
        timerId = -1;
        blackHole = false;
        resetDrawn = false;
        if (mapping != null) {
            mapping = null;
            metrics().mappingsAliveDelta(-1);
        }
    }

    /** Drops the mapping at once, as a NAT reboot does; counted as flushed, not expired. */
    public void flush() {
        if (mapping != null) {
            mapping.drop(now());
            expire(Counter.NAT_FLUSHED);
        }
    }

    private void checkExpiry(long now) {
        if (mapping != null && !mapping.isLiveAt(now)) {
            expire(Counter.NAT_EXPIRIES);
        }
    }

    private void armTimer(long atMillis) {
        clock.cancel(timerId);
        timerId = clock.scheduleAt(atMillis, id -> onTimer());
    }

    /** The lazy expiry check: re-arms for the new expiry when frames moved it, expires otherwise. */
    private void onTimer() {
        timerId = -1;
        if (mapping == null) {
            return;
        }
        if (mapping.isLiveAt(now())) {
            armTimer(mapping.expiresAtMillis());
        } else {
            expire(Counter.NAT_EXPIRIES);
        }
    }

    private void expire(Counter why) {
        NatMapping dead = mapping;
        mapping = null;
        clock.cancel(timerId);
        timerId = -1;
        blackHole = true;
        rebindNext = true;
        metrics().increment(why);
        metrics().mappingsAliveDelta(-1);
        tracker.mappingDown(dead.expiresAtMillis());
    }

    private long now() {
        return clock.nowMillis();
    }

    private ShardMetrics metrics() {
        return metrics;
    }
}
