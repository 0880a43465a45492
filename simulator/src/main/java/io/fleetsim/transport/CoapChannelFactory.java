package io.fleetsim.transport;

import io.fleetsim.coap.CoapChannel;
import io.fleetsim.coap.CoapRequestHandler;
import io.fleetsim.device.DeviceIdentity;
import io.fleetsim.device.ShardContext;

/** Makes the CoAP channel of a device for the transport of its group. */
public final class CoapChannelFactory {

    private final ShardContext shard;

    public CoapChannelFactory(ShardContext shard) {
        this.shard = shard;
    }

    public CoapChannel create(DeviceIdentity device, CoapRequestHandler requestHandler) {
        return switch (device.group().transport()) {
            case UDP -> new UdpCoapChannel(shard, requestHandler);
            case TCP, TLS -> new TcpCoapChannel(shard, shard.tcp(), device, requestHandler);
            case DTLS -> throw new UnsupportedOperationException(
                    "transport " + device.group().transport().key() + " is not supported yet");
        };
    }
}
