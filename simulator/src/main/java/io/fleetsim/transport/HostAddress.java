package io.fleetsim.transport;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The address of one server host name as the devices of a run see it: an IP literal, shared by
 * every device that goes to the name. A fixed one never changes (an IP literal, a name from the
 * hosts file, or a group that does not follow DNS). A followed one is looked up again once its TTL
 * has passed: the first device that asks after that starts one lookup for the whole fleet and goes
 * on with the address it had; devices that ask once the answer is in get the new one. Thread-safe;
 * {@link #current()} never blocks.
 */
public final class HostAddress {

    /** Looks a name up again for a followed address; see {@link HostAddresses}. */
    interface Refresher {
        /** Starts a lookup of {@code address}'s name; calls {@link HostAddress#answered} or {@link HostAddress#failed}. */
        void refresh(HostAddress address);
    }

    private final String host;
    private final Refresher refresher;
    private final AtomicBoolean looking = new AtomicBoolean();
    private volatile String address;
    private volatile long expiresAtNanos;

    private HostAddress(String host, String address, Refresher refresher, long validNanos) {
        this.host = host;
        this.address = address;
        this.refresher = refresher;
        this.expiresAtNanos = System.nanoTime() + validNanos;
    }

    /** An address that never changes: {@code address} is an IP literal. */
    public static HostAddress fixed(String host, String address) {
        return new HostAddress(host, address, null, 0);
    }

    /** An IP literal standing for itself. */
    public static HostAddress literal(String address) {
        return fixed(address, address);
    }

    static HostAddress followed(String host, String address, long validNanos, Refresher refresher) {
        return new HostAddress(host, address, refresher, validNanos);
    }

    /** The host name (or literal) the address is of. */
    public String host() {
        return host;
    }

    /**
     * The IP literal to send to or connect to now. When the TTL of a followed address has passed,
     * starts a lookup (one at a time for the whole fleet) and returns the address it had until the
     * answer comes. Never blocks.
     */
    public String current() {
        if (refresher != null && System.nanoTime() - expiresAtNanos >= 0 && looking.compareAndSet(false, true)) {
            refresher.refresh(this);
        }
        return address;
    }

    /** This address as it is now, never to change: for a group that does not follow DNS. */
    public HostAddress snapshot() {
        return refresher == null ? this : fixed(host, address);
    }

    /**
     * A lookup answered: keeps the current address when the answer still holds it, else takes the
     * answer's first. Returns whether the address changed.
     */
    boolean answered(java.util.List<String> addresses, long validNanos) {
        boolean changed = !addresses.contains(address);
        if (changed) {
            address = addresses.get(0);
        }
        expiresAtNanos = System.nanoTime() + validNanos;
        looking.set(false);
        return changed;
    }

    /** A lookup failed: the address stays and the next lookup waits {@code retryNanos}. */
    void failed(long retryNanos) {
        expiresAtNanos = System.nanoTime() + retryNanos;
        looking.set(false);
    }

    @Override
    public String toString() {
        return host.equals(address) ? address : host + " (" + address + ")";
    }
}
