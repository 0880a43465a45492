package io.fleetsim.nat;

import io.fleetsim.transport.GroupTargets;
import io.fleetsim.transport.TransportEndpoints;
import io.fleetsim.transport.dtls.DtlsTarget;

/**
 * What the {@link NatShard} of a shard needs to give each device its path.
 *
 * @param links          what the shard's NAT links share (sockets, clock, metrics, random source)
 * @param targetHost     where udp devices send (an IP literal)
 * @param targetPort     port of {@code targetHost}
 * @param dtls           the CoAPS endpoint dtls devices send to; null when the run has none
 * @param radioTailMillis how long a device's radio stays on after it last transmitted or received
 * @param targets        where the udp and dtls devices of each group send
 */
public record NatContext(LinkEnvironment links, String targetHost, int targetPort, DtlsTarget dtls,
        long radioTailMillis, GroupTargets targets) {

    /** Every udp device sends to {@code targetHost:targetPort}, every dtls one to {@code dtls}. */
    public NatContext(LinkEnvironment links, String targetHost, int targetPort, DtlsTarget dtls,
            long radioTailMillis) {
        this(links, targetHost, targetPort, dtls, radioTailMillis,
                GroupTargets.byTransport(targetHost, targetPort, dtls, TransportEndpoints.NONE));
    }
}
