package io.fleetsim.nat;

/**
 * The TCP rule of a carrier NAT or load balancer: an established connection's mapping lives for
 * {@code establishedMillis} after the last segment in either direction (Linux:
 * {@code nf_conntrack_tcp_timeout_established}; Azure Load Balancer: the 4-minute idle timeout).
 * The handshake and teardown states are not modelled: the connection is made at once over loopback.
 *
 * @param establishedMillis idle timeout of an established connection
 */
public record TcpEstablishedTimeouts(long establishedMillis) implements MappingTimeouts {

    @Override
    public long timeoutMillis(NatMapping mapping, long nowMillis) {
        return establishedMillis;
    }
}
