package io.fleetsim.transport;

import io.fleetsim.coap.CoapChannel;
import io.fleetsim.coap.CoapRequestHandler;
import io.fleetsim.device.DeviceIdentity;
import io.fleetsim.device.ShardContext;
import io.fleetsim.nat.DevicePath;
import io.fleetsim.transport.dtls.DtlsCoapChannel;
import io.fleetsim.transport.dtls.DtlsTarget;

/** Makes the CoAP channel of a device for the transport of its group. */
public final class CoapChannelFactory {

    private final ShardContext shard;

    public CoapChannelFactory(ShardContext shard) {
        this.shard = shard;
    }

    /**
     * The channel of a device whose path is {@code path}: over udp and dtls its datagram link
     * (through the NAT or straight), over tcp and tls what the NAT does to its connection.
     */
    public CoapChannel create(DeviceIdentity device, CoapRequestHandler requestHandler, DevicePath path) {
        return switch (device.group().transport()) {
            case UDP -> new UdpCoapChannel(shard, requestHandler, path.link());
            case DTLS -> new DtlsCoapChannel(shard, device, dtlsTarget(), requestHandler, path.link());
            case TCP, TLS -> new TcpCoapChannel(shard, shard.tcp(), device, requestHandler, path.connection(),
                    path.radio());
        };
    }

    private DtlsTarget dtlsTarget() {
        if (shard.dtls() == null) {
            throw new IllegalStateException("a DTLS device needs a coaps target; the run has none");
        }
        return shard.dtls();
    }
}
