package io.fleetsim.server.tcp;

import java.net.InetSocketAddress;
import java.time.Instant;

import io.fleetsim.scenario.Transport;

/**
 * A device registered over CoAP over TCP or TLS with the embedded server.
 *
 * @param id          the registration id, the last segment of its location {@code /rd/<id>}
 * @param peer        the device's address: requests to the device go over this connection
 * @param objectLinks the CoRE link-format payload of the last Register
 */
public record TcpRegistration(String id, String endpoint, long lifetimeSeconds, String objectLinks,
        Transport transport, InetSocketAddress peer, Instant registeredAt, Instant updatedAt) {

    /** The location the device updates and de-registers at, e.g. {@code /rd/7}. */
    public String location() {
        return "/rd/" + id;
    }

    TcpRegistration updated(Long newLifetime, InetSocketAddress newPeer) {
        return new TcpRegistration(id, endpoint, newLifetime == null ? lifetimeSeconds : newLifetime, objectLinks,
                transport, newPeer, registeredAt, Instant.now());
    }
}
