package io.fleetsim.nat;

import io.fleetsim.transport.DatagramLink;

/**
 * A device's way to its server: the datagram link its CoAP/UDP channel uses (through the NAT or
 * straight), and the tracker that knows whether the server can reach it.
 *
 * @param link    the datagram link, or null for transports that bring their own
 * @param tracker reachability and reconnect bookkeeping of the device
 */
public record DevicePath(DatagramLink link, PathTracker tracker) {
}
