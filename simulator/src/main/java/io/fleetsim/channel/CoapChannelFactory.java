package io.fleetsim.channel;

import io.fleetsim.coap.CoapChannel;
import io.fleetsim.coap.CoapRequestHandler;
import io.fleetsim.nat.DevicePath;
import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.transport.GroupTargets;
import io.fleetsim.transport.ServerEndpoint;
import io.fleetsim.transport.TcpConnector;
import io.fleetsim.transport.dtls.DtlsTarget;

/** Makes the CoAP channel of a device for the transport of its group. */
public final class CoapChannelFactory {

    private final ChannelContext shard;
    private final TcpConnector tcp;
    private final DtlsTarget dtls;
    private final GroupTargets targets;

    /**
     * @param shard what the channels of the shard's devices share
     * @param tcp   the shard's one TCP/TLS client, for devices on {@code tcp} and {@code tls}
     * @param dtls  the CoAPS endpoint and credentials source of DTLS devices; null when the run has none
     */
    public CoapChannelFactory(ChannelContext shard, TcpConnector tcp, DtlsTarget dtls) {
        this(shard, tcp, dtls, null);
    }

    /** As {@link #CoapChannelFactory(ChannelContext, TcpConnector, DtlsTarget)}; DTLS devices go where {@code targets} says. */
    public CoapChannelFactory(ChannelContext shard, TcpConnector tcp, DtlsTarget dtls, GroupTargets targets) {
        this.shard = shard;
        this.tcp = tcp;
        this.dtls = dtls;
        this.targets = targets;
    }

    /**
     * The channel of device {@code endpoint} of {@code group} whose path is {@code path}: over udp
     * and dtls its datagram link (through the NAT or straight), over tcp and tls what the NAT does
     * to its connection.
     */
    public CoapChannel create(String endpoint, DeviceGroup group, CoapRequestHandler requestHandler, DevicePath path) {
        return switch (group.transport()) {
            case UDP -> new UdpCoapChannel(shard, requestHandler, path.link());
            case DTLS -> new DtlsCoapChannel(shard, endpoint, group, dtlsTarget(group), requestHandler, path.link());
            case TCP, TLS -> new TcpCoapChannel(shard, tcp, endpoint, group, requestHandler, path.connection(),
                    path.radio());
        };
    }

    /** The group's CoAPS endpoint (its address as the device is made) with the run's credentials source. */
    private DtlsTarget dtlsTarget(DeviceGroup group) {
        if (dtls == null) {
            throw new IllegalStateException("a DTLS device needs a coaps target; the run has none");
        }
        if (targets == null) {
            return dtls;
        }
        ServerEndpoint server = targets.of(group);
        return new DtlsTarget(server.address().current(), server.port(), dtls.pki());
    }
}
