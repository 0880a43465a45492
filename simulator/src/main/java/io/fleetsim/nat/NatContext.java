package io.fleetsim.nat;

import io.fleetsim.transport.dtls.DtlsTarget;

/**
 * What the {@link NatShard} of a shard needs to give each device its path.
 *
 * @param links          what the shard's NAT links share (sockets, clock, metrics, random source)
 * @param targetHost     where udp devices send (an IP literal)
 * @param targetPort     port of {@code targetHost}
 * @param dtls           the CoAPS endpoint dtls devices send to; null when the run has none
 * @param radioTailMillis how long a device's radio stays on after it last transmitted or received
 */
public record NatContext(LinkEnvironment links, String targetHost, int targetPort, DtlsTarget dtls,
        long radioTailMillis) {
}
