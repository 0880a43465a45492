package io.fleetsim.transport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.Security;
import io.fleetsim.scenario.Transport;
import io.netty.handler.ssl.SslHandler;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.ConnectOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;

/**
 * The Vert.x {@link NetClient} of a shard (one per local address its devices bind to), which opens
 * a TCP connection per device, and for TLS runs the handshake on it with the device's JDK SSL
 * engine ({@link TlsContexts}: a device resumes only its own session, and only with
 * {@code sessionResumption: true}). TLS trusts the run's CA (or
 * the JVM's trust store when the run has no PKI), checks the server name, and presents the device's
 * own certificate in x509 mode. Used on the shard's event loop.
 */
public final class TcpConnector {

    /** Longest wait for the TCP connection itself, and for the TLS handshake, wall time. */
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final Vertx vertx;
    private final String bindHost;
    private final TransportEndpoints endpoints;
    private final String fallbackHost;
    private final int fallbackPort;
    private final GroupTargets targets;
    private final TlsContexts tls;
    /** One client per local address the shard's devices bind to; most runs have one. */
    private final Map<String, NetClient> clients = new HashMap<>();

    public TcpConnector(Vertx vertx, String bindHost, TransportEndpoints endpoints, String fallbackHost,
            int fallbackPort) {
        this(vertx, bindHost, endpoints, fallbackHost, fallbackPort,
                GroupTargets.byTransport(fallbackHost, fallbackPort, null, endpoints));
    }

    /** A connector whose devices connect where {@code targets} says for their group. */
    public TcpConnector(Vertx vertx, String bindHost, TransportEndpoints endpoints, String fallbackHost,
            int fallbackPort, GroupTargets targets) {
        this.vertx = vertx;
        this.bindHost = bindHost;
        this.endpoints = endpoints;
        this.fallbackHost = fallbackHost;
        this.fallbackPort = fallbackPort;
        this.targets = targets;
        this.tls = new TlsContexts(endpoints.pki());
    }

    /**
     * Connects a device of {@code group} ({@code tcp} or {@code tls}) to its group's server, at the
     * address the server's host has now (a followed name may have a new one since the last
     * connection), from {@code localHost}, the device's source address ({@code 0.0.0.0}: whatever
     * address the system picks).
     */
    public Future<NetSocket> connect(DeviceGroup group, String endpoint, String localHost) {
        ServerEndpoint server = targets.of(group);
        return connect(new TransportEndpoints.HostPort(server.host(), server.port(), server.address().current()),
                group.transport(), endpoint, group.security(), localHost);
    }

    /** Connects a device of {@code transport} ({@code tcp} or {@code tls}) from the shard's bind address. */
    public Future<NetSocket> connect(Transport transport, String endpoint, Security security) {
        return connect(transport, endpoint, security, bindHost);
    }

    /**
     * Connects a device of {@code transport} ({@code tcp} or {@code tls}) from {@code localHost},
     * the device's source address ({@code 0.0.0.0}: whatever address the system picks).
     */
    public Future<NetSocket> connect(Transport transport, String endpoint, Security security, String localHost) {
        TransportEndpoints.HostPort target = endpoints.of(transport)
                .orElse(new TransportEndpoints.HostPort(fallbackHost, fallbackPort));
        return connect(target, transport, endpoint, security, localHost);
    }

    private Future<NetSocket> connect(TransportEndpoints.HostPort target, Transport transport, String endpoint,
            Security security, String localHost) {
        ConnectOptions options = new ConnectOptions().setHost(target.host()).setPort(target.port());
        if (target.address() != null) {
            // Connect to the resolved address; the host stays the name TLS checks the certificate against.
            options.setRemoteAddress(SocketAddress.inetSocketAddress(target.port(), target.address()));
        }
        Future<NetSocket> connected = client(sourceToBind(localHost, target.address())).connect(options);
        if (transport != Transport.TLS) {
            return connected;
        }
        String expectedIssuer = security.expectIssuer();
        Future<NetSocket> secured = connected.compose(socket -> handshake(socket, engine(target, endpoint, security)));
        // With expectIssuer the issuer decides, not the trust store: a certificate from an inspecting
        // firewall's CA must get through the handshake to be recognised and counted as such.
        return expectedIssuer == null ? secured : secured.compose(socket -> TlsIssuerCheck.verify(socket, expectedIssuer));
    }

    private SSLEngine engine(TransportEndpoints.HostPort target, String endpoint, Security security) {
        // Host and port given to the engine: the JDK keys its session cache by them (see
        // TlsContexts.cacheKeyPort), and sends the host as SNI when it is a name.
        SSLEngine engine = tls.forConnection(endpoint, security).createSSLEngine(target.host(),
                tls.cacheKeyPort(target.port(), security));
        engine.setUseClientMode(true);
        if (security.expectIssuer() == null) {
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
        }
        return engine;
    }

    /**
     * Puts TLS under the connection and completes with it once the handshake is done. The socket is
     * paused meanwhile, so that nothing the server sends right after the handshake is read before
     * the caller has set its handlers.
     */
    private static Future<NetSocket> handshake(NetSocket socket, SSLEngine engine) {
        Context context = Vertx.currentContext();
        Promise<NetSocket> done = Promise.promise();
        SslHandler ssl = new SslHandler(engine);
        ssl.setHandshakeTimeoutMillis(CONNECT_TIMEOUT_MILLIS);
        socket.pause();
        ((NetSocketInternal) socket).channelHandlerContext().pipeline().addFirst("ssl", ssl);
        ssl.handshakeFuture().addListener(result -> context.runOnContext(v -> {
            if (result.isSuccess()) {
                done.complete(socket);
                socket.resume();
            } else {
                socket.close();
                done.fail(result.cause());
            }
        }));
        return done.future();
    }

    /**
     * The address a connection from {@code localHost} to {@code targetAddress} binds to before it
     * connects, {@code 0.0.0.0} for none. A device on the IPv4 or IPv6 loopback address talking to a
     * server on loopback does not bind: the kernel gives the connection that same source address at
     * connect, and picks its port among those free for this one destination, where an explicit bind
     * to port 0 must find a port free for every destination, by a search whose cost grows with the
     * ports in use (TIME_WAIT ones included): in a 5,000-device storm on a machine with some
     * thousand connections in TIME_WAIT, those binds were most of the devices' event-loop CPU
     * (docs/benchmarks.md, "Where a tcp storm's time went"). Any other source address (a group's
     * {@code sourceAddresses}) is bound, so that the server sees it.
     */
    static String sourceToBind(String localHost, String targetAddress) {
        if (targetAddress != null && (localHost.equals("127.0.0.1") && targetAddress.startsWith("127.")
                || localHost.equals("::1") && (targetAddress.equals("::1") || targetAddress.equals("0:0:0:0:0:0:0:1")))) {
            return "0.0.0.0";
        }
        return localHost;
    }

    private NetClient client(String localHost) {
        return clients.computeIfAbsent(localHost, host -> vertx.createNetClient(new NetClientOptions()
                .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
                .setTcpNoDelay(true).setLocalAddress(host.equals("0.0.0.0") ? null : host)));
    }

    /** Closes the clients and any connection still open. */
    public Future<Void> close() {
        if (clients.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Future<Void>> closing = new ArrayList<>();
        clients.values().forEach(c -> closing.add(c.close()));
        return Future.join(closing).mapEmpty();
    }
}
