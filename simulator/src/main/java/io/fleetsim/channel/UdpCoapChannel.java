package io.fleetsim.channel;

import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;

import io.fleetsim.coap.Block2Transfer;
import io.fleetsim.coap.CoapChannel;
import io.fleetsim.coap.CoapFailure;
import io.fleetsim.coap.CoapRequestHandler;
import io.fleetsim.coap.UdpExchangeLayer;
import io.fleetsim.transport.DatagramLink;
import io.fleetsim.resultsformat.FailureCause;
import io.vertx.core.Future;

/** CoAP over plain UDP: one datagram socket per device and the RFC 7252 exchange layer. */
public final class UdpCoapChannel implements CoapChannel {

    private final DatagramLink link;
    private final UdpExchangeLayer exchanges;

    /** CoAP over {@code link}, e.g. a path through the emulated NAT. */
    public UdpCoapChannel(ChannelContext shard, CoapRequestHandler requestHandler, DatagramLink link) {
        this.link = link;
        this.exchanges = new UdpExchangeLayer(shard.clock(), shard.codec(), shard.timeouts(), shard.random(),
                shard.metrics(), link::send, requestHandler);
    }

    @Override
    public Future<Void> open() {
        if (link.isOpen()) {
            return Future.succeededFuture();
        }
        return link.open(exchanges::receive)
                .recover(t -> Future.failedFuture(t instanceof CoapFailure ? t
                        : new CoapFailure(FailureCause.TRANSPORT, String.valueOf(t.getMessage()))));
    }

    @Override
    public Future<Response> send(Request request) {
        return Block2Transfer.send(exchanges::send, request);
    }

    @Override
    public void retarget() {
        link.retarget();
    }

    @Override
    public Future<Void> ping() {
        return exchanges.ping();
    }

    @Override
    public Future<Void> sendNotification(Response notification) {
        if (!link.isOpen()) {
            return Future.failedFuture(new CoapFailure(FailureCause.CLOSED, "the device's socket is closed"));
        }
        return exchanges.sendNotification(notification);
    }

    @Override
    public void onReset(java.util.function.IntConsumer handler) {
        exchanges.onReset(handler);
    }

    @Override
    public Future<Void> close() {
        exchanges.close();
        return link.close().otherwiseEmpty();
    }

    @Override
    public boolean isOpen() {
        return link.isOpen();
    }

    @Override
    public int localPort() {
        return link.localPort();
    }
}
