package io.fleetsim.nat;

/**
 * One NAT mapping (a conntrack entry): when it was made, whether the far side has answered, and
 * when it expires. Pure state, no timers: the owner passes simulated time in and asks
 * {@link #isLiveAt(long)}; expiry is exact to the millisecond, whenever the owner gets to look.
 * Used on one event loop only.
 */
public final class NatMapping {

    private final MappingTimeouts timeouts;
    private final boolean inboundRefresh;
    private final long createdAtMillis;
    private final int externalPort;
    private long expiresAtMillis;
    private boolean seenReply;
    private boolean dropped;

    /**
     * Makes the mapping for an outbound packet at {@code nowMillis}.
     *
     * @param inboundRefresh whether packets from the far side alone extend the mapping
     * @param externalPort   the port the far side sees
     */
    public NatMapping(MappingTimeouts timeouts, boolean inboundRefresh, long nowMillis, int externalPort) {
        this.timeouts = timeouts;
        this.inboundRefresh = inboundRefresh;
        this.createdAtMillis = nowMillis;
        this.externalPort = externalPort;
        this.expiresAtMillis = nowMillis + timeouts.timeoutMillis(this, nowMillis);
    }

    /** An outbound packet at {@code nowMillis}; the caller has checked the mapping is live. */
    public void outbound(long nowMillis) {
        expiresAtMillis = nowMillis + timeouts.timeoutMillis(this, nowMillis);
    }

    /**
     * An inbound packet at {@code nowMillis}.
     *
     * @return whether it passes (the mapping is live); a dead mapping drops it silently
     */
    public boolean inbound(long nowMillis) {
        if (!isLiveAt(nowMillis)) {
            return false;
        }
        if (inboundRefresh) {
            expiresAtMillis = nowMillis + timeouts.timeoutMillis(this, nowMillis);
        }
        seenReply = true;
        return true;
    }

    /** Drops the mapping at once (a flush); it stays dead. */
    public void drop(long nowMillis) {
        if (isLiveAt(nowMillis)) {
            expiresAtMillis = nowMillis;
        }
        dropped = true;
    }

    public boolean isLiveAt(long nowMillis) {
        return !dropped && nowMillis < expiresAtMillis;
    }

    /** When the mapping dies (or died) unless another packet passes first. */
    public long expiresAtMillis() {
        return expiresAtMillis;
    }

    public long createdAtMillis() {
        return createdAtMillis;
    }

    public boolean seenReply() {
        return seenReply;
    }

    public int externalPort() {
        return externalPort;
    }
}
