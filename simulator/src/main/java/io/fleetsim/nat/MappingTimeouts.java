package io.fleetsim.nat;

/**
 * How long a NAT mapping lives after a packet passes it. UDP uses {@link LinuxUdpTimeouts}; a TCP
 * variant (established / transitory timeouts) plugs in here and reuses {@link NatMapping}.
 */
public interface MappingTimeouts {

    /**
     * The timeout a packet sets, given the mapping's state before the packet.
     *
     * @param mapping the mapping the packet passes
     * @param nowMillis when the packet passes, simulated ms
     */
    long timeoutMillis(NatMapping mapping, long nowMillis);
}
