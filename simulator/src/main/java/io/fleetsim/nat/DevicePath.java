package io.fleetsim.nat;

import io.fleetsim.transport.DatagramLink;

/**
 * A device's way to its server: the datagram link its CoAP/UDP channel uses (through the NAT or
 * straight), what the NAT does to its TCP or TLS connection, and the tracker that knows whether
 * the server can reach it.
 *
 * @param link       the datagram link, or null for transports that bring their own
 * @param tracker    reachability and reconnect bookkeeping of the device
 * @param connection the NAT of a tcp or tls device's connection ({@link ConnectionNat#NONE} without one)
 */
public record DevicePath(DatagramLink link, PathTracker tracker, ConnectionNat connection) {

    /** A path with a datagram link (or none) and no connection NAT. */
    public DevicePath(DatagramLink link, PathTracker tracker) {
        this(link, tracker, ConnectionNat.NONE);
    }
}
