package io.fleetsim.nat;

import io.fleetsim.metrics.RadioMeter;
import io.fleetsim.transport.DatagramLink;

/**
 * A device's way to its server: the datagram link its CoAP/UDP channel uses (through the NAT or
 * straight), what the NAT does to its TCP or TLS connection, and the tracker that knows whether
 * the server can reach it.
 *
 * @param link       the datagram link, or null for transports that bring their own
 * @param tracker    reachability and reconnect bookkeeping of the device
 * @param connection the NAT of a tcp or tls device's connection ({@link ConnectionNat#NONE} without one)
 * @param radio      the device's radio-on time, fed by what its link or connection carries
 */
public record DevicePath(DatagramLink link, PathTracker tracker, ConnectionNat connection, RadioMeter radio) {
}
