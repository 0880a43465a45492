package io.fleetsim.transport;

import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;

import io.fleetsim.coap.Block2Transfer;
import io.fleetsim.coap.CoapChannel;
import io.fleetsim.coap.CoapFailure;
import io.fleetsim.coap.CoapRequestHandler;
import io.fleetsim.coap.UdpExchangeLayer;
import io.fleetsim.device.ShardContext;
import io.vertx.core.Future;

/** CoAP over plain UDP: one datagram socket per device and the RFC 7252 exchange layer. */
public final class UdpCoapChannel implements CoapChannel {

    private final ShardContext shard;
    private final UdpDeviceSocket socket;
    private final UdpExchangeLayer exchanges;

    public UdpCoapChannel(ShardContext shard, CoapRequestHandler requestHandler) {
        this.shard = shard;
        this.socket = new UdpDeviceSocket(shard.vertx(), shard.targetHost(), shard.targetPort());
        this.exchanges = new UdpExchangeLayer(shard.clock(), shard.codec(), shard.timeouts(), shard.random(),
                shard.metrics(), socket::send, requestHandler);
    }

    @Override
    public Future<Void> open() {
        if (socket.isOpen()) {
            return Future.succeededFuture();
        }
        return socket.open(shard.bindHost(), exchanges::receive)
                .recover(t -> Future.failedFuture(t instanceof CoapFailure ? t
                        : new CoapFailure(CoapFailure.TRANSPORT, String.valueOf(t.getMessage()))));
    }

    @Override
    public Future<Response> send(Request request) {
        return Block2Transfer.send(exchanges::send, request);
    }

    @Override
    public Future<Void> close() {
        exchanges.close();
        return socket.close().otherwiseEmpty();
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public int localPort() {
        return socket.localPort();
    }
}
