package io.fleetsim.channel;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;

import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.DtlsEndpointContext;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.MessageCallback;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.scandium.dtls.DTLSContext;
import org.eclipse.californium.scandium.dtls.Handshaker;
import org.eclipse.californium.scandium.dtls.ResumingClientHandshaker;
import org.eclipse.californium.scandium.dtls.SessionAdapter;

import io.fleetsim.coap.CoapChannel;
import io.fleetsim.coap.CoapFailure;
import io.fleetsim.coap.CoapRequestHandler;
import io.fleetsim.coap.UdpExchangeLayer;
import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.FailureKind;
import io.fleetsim.metrics.LatencyMetric;
import io.fleetsim.metrics.ShardMetrics;
import io.fleetsim.metrics.TrafficKind;
import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.resultsformat.Cause;
import io.fleetsim.resultsformat.FailureCause;
import io.fleetsim.scenario.Security;
import io.fleetsim.transport.DatagramLink;
import io.fleetsim.transport.dtls.DetachedDtlsConnector;
import io.fleetsim.transport.dtls.DeviceDtlsConfig;
import io.fleetsim.transport.dtls.DtlsTarget;
import io.fleetsim.transport.dtls.EventLoopExecutor;
import io.fleetsim.transport.dtls.HandshakeFailureCause;
import io.fleetsim.transport.dtls.HandshakeTrigger;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * CoAP over DTLS 1.2: the device's own Vert.x datagram socket carries the DTLS records, Scandium
 * does the DTLS (a {@link DetachedDtlsConnector}: no thread, driven from the socket handler and
 * the device's event loop), and fleetsim's RFC 7252 exchange layer runs over the application data.
 *
 * <p>{@link #open()} binds the socket and handshakes. A request that times out makes the session
 * suspect: the next request first makes a new session (resumed when the group says
 * {@code sessionResumption: true}), and that counts as a reconnect. Handshakes are measured into
 * the {@code handshake} histogram; failures are counted by {@link HandshakeFailureCause}.
 */
public final class DtlsCoapChannel implements CoapChannel {


    private static final MessageCallback IGNORED = new MessageCallbackAdapter();
    /** DTLS record content types 20 (change_cipher_spec), 21 (alert) and 22 (handshake). */
    private static final int CONTENT_CHANGE_CIPHER_SPEC = 20;
    private static final int CONTENT_HANDSHAKE = 22;

    private final ChannelContext shard;
    private final String endpoint;
    private final Security security;
    private final DtlsTarget target;
    private final InetSocketAddress server;
    private final DatagramLink link;
    private final UdpExchangeLayer exchanges;
    private final ShardMetrics metrics;
    private final Context context;
    private DetachedDtlsConnector connector;
    private Promise<Void> handshake;
    private long handshakeStartMicros;
    private boolean established;
    private boolean everEstablished;
    private boolean suspect;

    /**
     * A channel whose DTLS records travel over {@code link}: the device's own socket, or its path
     * through the emulated NAT (a rebinding there changes the address the server sees, not the
     * DTLS session, as on a real carrier NAT). The channel is device {@code endpoint}'s, of {@code group}.
     */
    public DtlsCoapChannel(ChannelContext shard, String endpoint, DeviceGroup group, DtlsTarget target,
            CoapRequestHandler requestHandler, DatagramLink link) {
        this(shard, endpoint, group.security(), target, requestHandler, link);
    }

    /**
     * As {@link #DtlsCoapChannel(ChannelContext, String, DeviceGroup, DtlsTarget, CoapRequestHandler,
     * DatagramLink)}, with credentials of its own rather than its group's: an account a bootstrap
     * server handed out (a PSK identity without {@code {endpoint}} is that one identity).
     */
    public DtlsCoapChannel(ChannelContext shard, String endpoint, Security security, DtlsTarget target,
            CoapRequestHandler requestHandler, DatagramLink link) {
        this.shard = shard;
        this.endpoint = endpoint;
        this.security = security;
        this.target = target;
        this.server = new InetSocketAddress(target.host(), target.port());
        this.metrics = shard.metrics();
        this.context = shard.vertx().getOrCreateContext();
        this.link = link;
        this.exchanges = new UdpExchangeLayer(shard.clock(), shard.codec(), shard.timeouts(), shard.random(),
                metrics, this::sendApplicationData, requestHandler);
    }

    @Override
    public Future<Void> open() {
        if (link.isOpen()) {
            return established && !suspect ? Future.succeededFuture() : newSession();
        }
        return link.open(this::receiveDatagram)
                .recover(t -> Future.failedFuture(t instanceof CoapFailure ? t
                        : new CoapFailure(FailureCause.TRANSPORT, String.valueOf(t.getMessage()))))
                .compose(v -> startConnector())
                .compose(v -> newSession());
    }

    private Future<Void> startConnector() {
        try {
            if (connector == null) {
                connector = new DetachedDtlsConnector(DeviceDtlsConfig.build(security, endpoint, target.pki()),
                        (bytes, to) -> {
                            countHandshakeRecords(bytes, true);
                            link.send(bytes);
                        }, new HandshakeListener());
                connector.setExecutor(new EventLoopExecutor(context, shard.clock()));
                connector.setEndpointContextMatcher(HandshakeTrigger.MATCHER);
                connector.setRawDataReceiver(raw -> exchanges.receive(raw.getBytes()));
            }
            connector.startOn(new InetSocketAddress(shard.bindHost(), Math.max(0, link.localPort())));
            return Future.succeededFuture();
        } catch (IOException | RuntimeException e) {
            return Future.failedFuture(new CoapFailure(FailureCause.TRANSPORT, "DTLS connector: " + e.getMessage()));
        }
    }

    /** Handshakes: a full handshake the first time, a forced (resumed or full) one when the session is suspect. */
    private Future<Void> newSession() {
        if (handshake != null) {
            return handshake.future();
        }
        String mode = !everEstablished ? DtlsEndpointContext.HANDSHAKE_MODE_AUTO
                : security.sessionResumption() ? DtlsEndpointContext.HANDSHAKE_MODE_FORCE
                : DtlsEndpointContext.HANDSHAKE_MODE_FORCE_FULL;
        Promise<Void> started = Promise.promise();
        handshake = started;
        established = false;
        handshakeStartMicros = shard.clock().nowMicros();
        try {
            connector.send(RawData.outbound(new byte[0], HandshakeTrigger.context(server, mode), IGNORED, false));
        } catch (RuntimeException e) {
            handshakeFailed(FailureCause.ERROR.cause(), e.getMessage());
        }
        return started.future();
    }

    private void sendApplicationData(byte[] datagram) {
        EndpointContext destination = new AddressEndpointContext(server);
        try {
            connector.send(RawData.outbound(datagram, destination, IGNORED, false));
        } catch (RuntimeException e) {
            // the exchange layer retransmits or times out; the connector said why in its own log
        }
    }

    /**
     * Counts a datagram that starts with a DTLS handshake, change-cipher-spec or alert record as
     * handshake traffic. Application data records carry CoAP, which the exchange layer counts.
     */
    private void countHandshakeRecords(byte[] datagram, boolean sent) {
        int contentType = datagram.length == 0 ? 0 : datagram[0];
        if (contentType >= CONTENT_CHANGE_CIPHER_SPEC && contentType <= CONTENT_HANDSHAKE) {
            metrics.traffic(TrafficKind.HANDSHAKE, sent, datagram.length);
        }
    }

    private void receiveDatagram(byte[] datagram) {
        countHandshakeRecords(datagram, false);
        if (connector != null) {
            connector.processDatagram(new DatagramPacket(datagram, datagram.length, server));
        }
    }

    @Override
    public Future<Response> send(Request request) {
        if (connector == null || !link.isOpen()) {
            return Future.failedFuture(new CoapFailure(FailureCause.CLOSED, "the device's DTLS channel is closed"));
        }
        Future<Void> session = suspect || !established ? newSession() : Future.succeededFuture();
        return session.compose(v -> exchanges.send(request)).onFailure(t -> {
            if (CoapFailure.causeOf(t).kind() == FailureCause.TIMEOUT) {
                suspect = true;
            }
        });
    }

    /** A notification inside the current session; none is sent without one. */
    @Override
    public Future<Void> sendNotification(Response notification) {
        if (connector == null || !link.isOpen() || suspect || !established) {
            return Future.failedFuture(new CoapFailure(FailureCause.CLOSED, "no DTLS session to notify in"));
        }
        return exchanges.sendNotification(notification);
    }

    @Override
    public void onReset(java.util.function.IntConsumer handler) {
        exchanges.onReset(handler);
    }

    /**
     * A CoAP ping inside the session: an empty CON, answered by RST. One that goes unanswered
     * makes the session suspect, so the device's next request first makes a new one.
     */
    @Override
    public Future<Void> ping() {
        if (connector == null || !link.isOpen()) {
            return Future.failedFuture(new CoapFailure(FailureCause.CLOSED, "the device's DTLS channel is closed"));
        }
        if (suspect || !established) {
            return Future.failedFuture(new CoapFailure(FailureCause.TRANSPORT, "no DTLS session to ping in"));
        }
        return exchanges.ping().onFailure(t -> suspect = true);
    }

    @Override
    public Future<Void> close() {
        exchanges.close();
        if (connector != null) {
            if (security.sessionResumption()) {
                connector.stop(); // keeps the session, to resume it on the next socket
            } else {
                connector.destroy();
                connector = null;
                everEstablished = false;
            }
        }
        established = false;
        if (handshake != null) {
            handshakeFailed(null, "closed");
        }
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

    private void handshakeSucceeded(Handshaker handshaker, DTLSContext dtls) {
        if (handshake == null) {
            return;
        }
        metrics.record(LatencyMetric.HANDSHAKE, shard.clock().nowMicros() - handshakeStartMicros);
        metrics.increment(Counter.DTLS_HANDSHAKES);
        if (handshaker instanceof ResumingClientHandshaker) {
            metrics.increment(Counter.DTLS_RESUMED_HANDSHAKES);
        }
        if (dtls.getWriteConnectionId() != null && !dtls.getWriteConnectionId().isEmpty()) {
            metrics.increment(Counter.DTLS_CID_NEGOTIATED);
        }
        if (everEstablished) {
            metrics.increment(Counter.DTLS_RECONNECTS);
        }
        everEstablished = true;
        established = true;
        suspect = false;
        Promise<Void> done = handshake;
        handshake = null;
        done.complete();
    }

    /** A null cause is not counted (the device gave up on its own handshake). */
    private void handshakeFailed(Cause cause, String detail) {
        if (handshake == null) {
            return;
        }
        if (cause != null) {
            metrics.increment(Counter.DTLS_HANDSHAKE_FAILURES);
            metrics.failure(FailureKind.HANDSHAKE, cause);
        }
        Promise<Void> failed = handshake;
        handshake = null;
        failed.fail(new CoapFailure(FailureCause.HANDSHAKE, cause == null ? detail : cause.wireName()));
    }

    /** Scandium's handshake events, on the device's event loop. */
    private final class HandshakeListener extends SessionAdapter {
        @Override
        public void contextEstablished(Handshaker handshaker, DTLSContext dtls) {
            runHere(() -> handshakeSucceeded(handshaker, dtls));
        }

        @Override
        public void handshakeFailed(Handshaker handshaker, Throwable error) {
            runHere(() -> DtlsCoapChannel.this.handshakeFailed(HandshakeFailureCause.of(error), error.getMessage()));
        }

        private void runHere(Runnable action) {
            if (io.vertx.core.Vertx.currentContext() == context) {
                action.run();
            } else {
                context.runOnContext(v -> action.run());
            }
        }
    }

    /** A message callback with nothing to say: outcomes reach the channel through the handshake listener and CoAP. */
    private static final class MessageCallbackAdapter implements MessageCallback {
        @Override
        public void onConnecting() {
        }

        @Override
        public void onDtlsRetransmission(int flight) {
        }

        @Override
        public void onContextEstablished(EndpointContext context) {
        }

        @Override
        public void onSent() {
        }

        @Override
        public void onError(Throwable error) {
        }
    }
}
