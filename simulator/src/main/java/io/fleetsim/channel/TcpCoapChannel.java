package io.fleetsim.channel;

import java.util.function.Consumer;

import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;

import io.fleetsim.coap.CoapChannel;
import io.fleetsim.coap.CoapFailure;
import io.fleetsim.coap.CoapRequestHandler;
import io.fleetsim.coap.tcp.TcpExchangeLayer;
import io.fleetsim.coap.tcp.TcpFrameAssembler;
import io.fleetsim.coap.tcp.TcpFrameException;
import io.fleetsim.coap.tcp.TcpKeepalive;
import io.fleetsim.coap.tcp.TcpMessageCodec;
import io.fleetsim.coap.tcp.TcpSignal;
import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.FailureKind;
import io.fleetsim.metrics.LatencyMetric;
import io.fleetsim.metrics.RadioMeter;
import io.fleetsim.metrics.TrafficKind;
import io.fleetsim.nat.ConnectionNat;
import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.resultsformat.Cause;
import io.fleetsim.resultsformat.FailureCause;
import io.fleetsim.scenario.Keepalive;
import io.fleetsim.transport.AbandonedConnections;
import io.fleetsim.transport.InOrderDelay;
import io.fleetsim.transport.SocketBudget;
import io.fleetsim.transport.TcpConnector;
import io.fleetsim.transport.TlsContexts;
import io.fleetsim.transport.TlsFailureCause;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

/**
 * CoAP over TCP or TLS (RFC 8323) for one device: one connection, our CSM sent at connect and the
 * server's CSM awaited before the first request, Ping/Pong keepalive when idle, Release and Abort
 * honoured. When the path dies (no Pong, the server closed or aborted, a bad frame) the channel
 * closes the connection, fails what was waiting and tells the device through
 * {@link #onPathLost}; the next {@link #open()} or {@link #send} connects again. Behind an emulated
 * NAT every frame passes its {@link ConnectionNat} (a black hole drops it, a reset closes the connection),
 * and waits on the path for its delay, in order, each way ({@link InOrderDelay}). A connection lost
 * while its mapping is dead is abandoned rather than closed ({@link AbandonedConnections}): its
 * close could not reach the server, so the server keeps it open.
 */
public final class TcpCoapChannel implements CoapChannel {

    /** Largest message we accept, announced in our CSM (Max-Message-Size). */
    public static final int MAX_MESSAGE_BYTES = 16_384;
    /** Largest frame we accept: a message plus the largest header (1 + 4 + 1 + 8). */
    static final int MAX_FRAME_BYTES = MAX_MESSAGE_BYTES + 14;
    private static final long SERVER_BASE_MESSAGE_SIZE = 1152;
    /**
     * A server CSM announcing a Max-Message-Size below this (no LwM2M Register fits) or longer than
     * 4 bytes is a protocol error: we Abort with cause {@code csm-invalid}.
     */
    static final long MIN_SERVER_MESSAGE_SIZE = 128;

    private final ChannelContext shard;
    private final TcpConnector connector;
    private final String endpoint;
    private final DeviceGroup group;
    private final TcpExchangeLayer exchanges;
    private final TcpKeepalive keepalive;
    private final TcpMessageCodec codec;
    private final ConnectionNat nat;
    /** Frames on their way to the NAT, and from it to the device. */
    private final InOrderDelay uplink;
    private final InOrderDelay downlink;
    private final AbandonedConnections abandoned;
    private Consumer<Cause> pathLost = cause -> { };
    private NetSocket socket;
    private Future<Void> opening;
    private Promise<Void> serverCsm;
    private long csmTimer = -1;
    private long serverMaxMessageSize = SERVER_BASE_MESSAGE_SIZE;
    private boolean closedByDevice;
    /** The server closed the connection while its mapping was dead: the device could not see it. */
    private boolean serverCloseUnseen;
    /** Whether this channel holds a socket of the {@link SocketBudget}: from connect until teardown. */
    private boolean holdsSocket;
    private final RadioMeter radio;

    /**
     * A channel for device {@code endpoint} of {@code group} whose connection passes the emulated
     * NAT {@code nat} ({@link ConnectionNat#NONE} without one); every frame the device sends or
     * receives turns {@code radio} on.
     */
    public TcpCoapChannel(ChannelContext shard, TcpConnector connector, String endpoint, DeviceGroup group,
            CoapRequestHandler requestHandler, ConnectionNat nat, RadioMeter radio) {
        this.nat = nat;
        this.radio = radio;
        this.shard = shard;
        this.connector = connector;
        this.endpoint = endpoint;
        this.group = group;
        this.codec = new TcpMessageCodec();
        this.uplink = new InOrderDelay(shard.clock(), this::throughNat);
        this.downlink = new InOrderDelay(shard.clock(), this::onFrame);
        this.abandoned = new AbandonedConnections(shard.metrics());
        this.exchanges = new TcpExchangeLayer(shard.clock(), responseTimeoutMillis(), shard.random(), codec,
                shard.metrics(), this::write, requestHandler, this::onSignal);
        Keepalive settings = group.keepalive();
        long interval = settings.coapPingInterval() == null ? 0 : settings.coapPingInterval().toMillis();
        this.keepalive = new TcpKeepalive(shard.clock(), interval, settings.pongTimeout().toMillis(),
                this::sendPing, this::pongTimeout);
    }

    @Override
    public void onPathLost(Consumer<Cause> handler) {
        this.pathLost = handler;
    }

    @Override
    public Future<Void> open() {
        closedByDevice = false;
        if (opening == null) {
            Future<Void> connecting = connect();
            if (connecting.failed()) {
                return connecting;
            }
            opening = connecting;
        }
        return opening;
    }

    /**
     * Connects and exchanges CSMs. The connection holds one socket of the process's
     * {@link SocketBudget} from now until {@link #teardown()}; when the budget is spent, the device's
     * oldest abandoned connection is closed to make room, and failing that, as with a system out of
     * file descriptors or ports, the attempt fails with {@code socket-limit}.
     */
    private Future<Void> connect() {
        SocketBudget budget = SocketBudget.process();
        if (!budget.tryAcquire() && !(abandoned.closeOldest() && budget.tryAcquire())) {
            return Future.failedFuture(new CoapFailure(FailureCause.SOCKET_LIMIT, budget.exhaustedMessage()));
        }
        holdsSocket = true;
        long startedMillis = System.currentTimeMillis(); // wall time, as the JDK dates TLS sessions
        long startedMicros = shard.clock().nowMicros();
        return connector.connect(group, endpoint, shard.bindHost())
                .andThen(ar -> {
                    if (ar.succeeded() && ar.result().isSsl()) {
                        countHandshake(ar.result(), startedMillis);
                    }
                })
                .recover(this::connectFailed)
                .compose(this::exchangeCsm)
                .onSuccess(v -> shard.metrics().record(LatencyMetric.CONNECT, shard.clock().nowMicros() - startedMicros))
                .onFailure(t -> {
                    NetSocket half = socket;
                    teardown();
                    if (half != null) {
                        half.close();
                    }
                });
    }

    /**
     * A connect that failed, as a {@link CoapFailure}: a TLS handshake that failed is counted under
     * its cause ({@link TlsFailureCause}) and fails the request as {@code handshake}, as over DTLS.
     */
    private Future<NetSocket> connectFailed(Throwable t) {
        Cause tlsCause = TlsFailureCause.of(t);
        if (tlsCause != null) {
            shard.metrics().increment(Counter.TLS_HANDSHAKE_FAILURES);
            shard.metrics().failure(FailureKind.TLS_HANDSHAKE, tlsCause);
            if (!(t instanceof CoapFailure)) {
                return Future.failedFuture(new CoapFailure(FailureCause.HANDSHAKE, tlsCause.wireName()));
            }
        }
        return Future.failedFuture(t instanceof CoapFailure failure ? failure : new CoapFailure(
                SocketBudget.isOutOfSockets(t) ? FailureCause.SOCKET_LIMIT : FailureCause.TRANSPORT,
                String.valueOf(t.getMessage())));
    }

    private void countHandshake(NetSocket connected, long startedMillis) {
        shard.metrics().increment(Counter.TLS_HANDSHAKES);
        if (TlsContexts.resumed(connected.sslSession(), startedMillis)) {
            shard.metrics().increment(Counter.TLS_RESUMED_HANDSHAKES);
        }
    }

    private Future<Void> exchangeCsm(NetSocket connected) {
        if (closedByDevice) {
            connected.close();
            return Future.failedFuture(new CoapFailure(FailureCause.CLOSED, "closed while connecting"));
        }
        socket = connected;
        serverCloseUnseen = false;
        nat.connected(connected.localAddress().port());
        TcpFrameAssembler assembler = new TcpFrameAssembler(MAX_FRAME_BYTES,
                frame -> downlink.offer(frame, nat.downlinkMillis()), this::onOversize);
        connected.handler(bytes -> {
            if (socket == connected && nat.inbound()) {
                assembler.feed(bytes);
            }
        });
        connected.closeHandler(v -> {
            if (socket != connected) {
                return;
            }
            if (nat.isBlackHole()) {
                serverCloseUnseen = true; // its FIN dies in the NAT: the device finds out by its keepalive
            } else {
                lose(FailureCause.CLOSED_BY_SERVER);
            }
        });
        connected.exceptionHandler(t -> { });
        serverCsm = Promise.promise();
        Promise<Void> csm = serverCsm;
        csmTimer = shard.clock().schedule(responseTimeoutMillis(), id -> csm.tryFail(
                new CoapFailure(FailureCause.CSM_TIMEOUT, "no CSM from the server within " + responseTimeoutMillis() + " ms")));
        signal(TcpSignal.csm(MAX_MESSAGE_BYTES, true));
        return csm.future();
    }

    @Override
    public Future<Response> send(Request request) {
        if (closedByDevice) {
            return Future.failedFuture(new CoapFailure(FailureCause.CLOSED, "channel closed"));
        }
        return open().compose(v -> {
            if (codec.encode(request).length() > serverMaxMessageSize + 14) {
                return Future.failedFuture(new CoapFailure(FailureCause.TRANSPORT,
                        "request larger than the server's Max-Message-Size " + serverMaxMessageSize));
            }
            shard.metrics().exchangeDelta(1);
            return exchanges.send(request).andThen(ar -> shard.metrics().exchangeDelta(-1));
        });
    }

    /** A notification on the current connection; none is sent while there is none (no reconnect for it). */
    @Override
    public Future<Void> sendNotification(Response notification) {
        if (closedByDevice || !isOpen()) {
            return Future.failedFuture(new CoapFailure(FailureCause.CLOSED, "no connection to notify on"));
        }
        exchanges.sendNotification(notification);
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> close() {
        closedByDevice = true;
        NetSocket closing = socket;
        if (closing != null) {
            signal(TcpSignal.release());
            uplink.flush(); // what the device wrote goes out before its FIN
        }
        teardown();
        exchanges.failAll(FailureCause.CLOSED.cause(), "channel closed");
        Future<Void> own = closing == null ? Future.succeededFuture() : closing.close().otherwiseEmpty();
        return Future.join(own, abandoned.closeAll()).mapEmpty();
    }

    @Override
    public boolean isOpen() {
        return socket != null;
    }

    @Override
    public int localPort() {
        return socket == null ? -1 : socket.localAddress().port();
    }

    private void onFrame(Buffer frame) {
        keepalive.activity();
        radio.transmission();
        try {
            exchanges.receive(frame);
        } catch (TcpFrameException e) {
            shard.metrics().increment(Counter.MALFORMED_RECEIVED);
            signal(TcpSignal.abort());
            lose(FailureCause.MALFORMED_FRAME);
        }
    }

    private void onOversize(long announcedBytes) {
        shard.metrics().increment(Counter.FRAMES_TOO_LARGE);
        signal(TcpSignal.abort());
        lose(FailureCause.FRAME_TOO_LARGE);
    }

    private void onSignal(TcpSignal signal) {
        switch (signal.code()) {
            case TcpSignal.CSM -> {
                if (!acceptableCsm(signal)) {
                    signal(TcpSignal.abort());
                    lose(FailureCause.CSM_INVALID);
                    return;
                }
                serverMaxMessageSize = signal.maxMessageSize().orElse(serverMaxMessageSize);
                shard.clock().cancel(csmTimer);
                if (serverCsm != null && serverCsm.tryComplete()) {
                    keepalive.start();
                }
            }
            case TcpSignal.PING -> signal(TcpSignal.pong(signal.token()));
            case TcpSignal.PONG -> keepalive.pong();
            case TcpSignal.RELEASE -> lose(FailureCause.RELEASE);
            case TcpSignal.ABORT -> lose(FailureCause.ABORT);
            default -> { }
        }
    }

    /**
     * RFC 8323 section 5.3: an unknown critical (odd-numbered) option in a CSM is an error; so,
     * by our choice, is a Max-Message-Size that is longer than 4 bytes or below {@link #MIN_SERVER_MESSAGE_SIZE}.
     */
    private static boolean acceptableCsm(TcpSignal csm) {
        for (TcpSignal.Option option : csm.options()) {
            if (option.number() % 2 == 1) {
                return false;
            }
            if (option.number() == TcpSignal.MAX_MESSAGE_SIZE && (option.value().length > 4
                    || TcpSignal.unsignedValue(option.value()) < MIN_SERVER_MESSAGE_SIZE)) {
                return false;
            }
        }
        return true;
    }

    private void sendPing() {
        shard.metrics().increment(Counter.PINGS);
        signal(TcpSignal.ping(new byte[0]));
    }

    private void pongTimeout() {
        shard.metrics().increment(Counter.PING_FAILURES);
        lose(FailureCause.PONG_TIMEOUT);
    }

    private void signal(TcpSignal signal) {
        write(signal.trafficKind(), codec.encode(signal));
    }

    /** Writes one frame, counted as traffic of {@code kind}; it reaches the NAT after its path delay. */
    private void write(TrafficKind kind, Buffer frame) {
        if (socket != null) {
            keepalive.activity();
            radio.transmission();
            shard.metrics().traffic(kind, true, frame.length());
            uplink.offer(frame, nat.uplinkMillis());
        }
    }

    /** A frame of the device reaches the NAT: it goes out, unless the NAT swallows it or resets. */
    private void throughNat(Buffer frame) {
        NetSocket current = socket;
        if (current == null) {
            return;
        }
        switch (nat.outbound()) {
            case PASS -> current.write(frame);
            case DROP -> { } // a black hole: the device does not know
            case RESET -> shard.clock().schedule(0, id -> {
                if (socket == current) {
                    lose(FailureCause.NAT_RESET);
                }
            });
        }
    }

    /**
     * The path is dead: close it (or, behind a dead mapping, abandon it: its close could not reach
     * the server), fail what waits, count it and tell the device.
     */
    private void lose(FailureCause lost) {
        Cause cause = lost.cause();
        if (socket == null) {
            return;
        }
        NetSocket dead = socket;
        boolean abandon = nat.isBlackHole() && !serverCloseUnseen;
        if (abandon) {
            holdsSocket = false; // the abandoned connection keeps its socket of the budget
            abandoned.abandon(dead);
        }
        teardown();
        if (!abandon) {
            dead.close();
        }
        // What waited fails under the cause the connection died of, e.g. frame-too-large or abort.
        exchanges.failAll(cause, "connection lost: " + cause.wireName());
        if (serverCsm != null) {
            serverCsm.tryFail(new CoapFailure(cause, "connection lost: " + cause.wireName()));
        }
        shard.metrics().failure(FailureKind.CONNECTION, cause);
        pathLost.accept(cause);
    }

    private void teardown() {
        if (holdsSocket) {
            holdsSocket = false;
            SocketBudget.process().release();
        }
        socket = null;
        uplink.clear();
        downlink.clear();
        nat.closed();
        opening = null;
        keepalive.stop();
        shard.clock().cancel(csmTimer);
    }

    private long responseTimeoutMillis() {
        return shard.timeouts().maxTransmitWaitMillis();
    }
}
