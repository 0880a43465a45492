package io.fleetsim.server.tcp;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.mbed.coap.packet.CoapRequest;
import com.mbed.coap.packet.CoapResponse;
import com.mbed.coap.server.CoapServer;
import com.mbed.coap.server.TcpCoapServer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fleetsim.base.FleetVertx;
import io.fleetsim.metrics.CpuUsage;
import io.fleetsim.scenario.TargetUri;
import io.fleetsim.scenario.Transport;
import io.fleetsim.security.FleetPki;
import io.fleetsim.server.RegistrationGate;
import io.fleetsim.transport.PemOptions;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.NetServerOptions;

/**
 * The embedded LwM2M registration interface over CoAP over TCP and over TLS (RFC 8323), on
 * 127.0.0.1 and free ports: java-coap servers (an independent, RFC 8323 compliant CoAP stack)
 * on Vert.x sockets of a Vert.x instance of their own, each endpoint listening on every event loop
 * of it (one per core, at least two) so that connection setup is not held to one loop. Keeps its registrations
 * in its own {@link TcpRegistrationStore}, apart from the Leshan server's UDP registrations, with
 * the same query methods. The TLS endpoint presents the PKI's server certificate and asks
 * devices for theirs (optional). Starting and stopping block: never call them on an event loop.
 */
public final class EmbeddedTcpLwm2mServer implements AutoCloseable {

    /** Largest message the server takes, announced in its CSM. */
    static final int MAX_MESSAGE_BYTES = 16_384;
    private static final String LOOPBACK = "127.0.0.1";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedTcpLwm2mServer.class);

    private final Vertx vertx;
    /** The address the endpoints listen on, as the URIs name it. */
    private final String host;
    private final TcpRegistrationStore store = new TcpRegistrationStore();
    private final Map<Transport, VertxTcpServerTransport> transports = new EnumMap<>(Transport.class);
    private final Map<Transport, CoapServer> servers = new EnumMap<>(Transport.class);
    private final AtomicLong tokens = new AtomicLong();

    private EmbeddedTcpLwm2mServer(Vertx vertx, String host) {
        this.vertx = vertx;
        this.host = host;
    }

    /**
     * Starts endpoints for {@code wanted} (a subset of tcp and tls); {@code pki} is needed for tls.
     *
     * @throws IllegalStateException on a Vert.x event loop
     */
    public static EmbeddedTcpLwm2mServer start(Set<Transport> wanted, FleetPki pki) {
        return start(wanted, pki, java.util.Map.of(), RegistrationGate.OPEN);
    }

    /**
     * As {@link #start(Set, FleetPki)}, with every Register passing {@code gate} first: a blocked
     * endpoint's Register is refused or left unanswered as the gate's limit says.
     */
    public static EmbeddedTcpLwm2mServer start(Set<Transport> wanted, FleetPki pki, RegistrationGate gate) {
        return start(wanted, pki, java.util.Map.of(), gate);
    }

    /**
     * As {@link #start(Set, FleetPki, RegistrationGate)}, each endpoint on the port {@code ports} gives
     * for its transport (any free port for one it does not name), e.g. to come back where a stopped
     * server was.
     */
    public static EmbeddedTcpLwm2mServer start(Set<Transport> wanted, FleetPki pki,
            java.util.Map<Transport, Integer> ports, RegistrationGate gate) {
        return start(wanted, pki, LOOPBACK, ports, gate);
    }

    /**
     * As {@link #start(Set, FleetPki, java.util.Map, RegistrationGate)}, on {@code host} (an IP
     * literal of this machine) instead of 127.0.0.1.
     */
    public static EmbeddedTcpLwm2mServer start(Set<Transport> wanted, FleetPki pki, String host,
            java.util.Map<Transport, Integer> ports, RegistrationGate gate) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("start() blocks: call it from a worker or a plain thread");
        }
        Vertx vertx = FleetVertx.create(new VertxOptions().setEventLoopPoolSize(eventLoops()).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1), CpuUsage.SERVER_THREAD_PREFIX);
        EmbeddedTcpLwm2mServer server = new EmbeddedTcpLwm2mServer(vertx, host);
        AtomicLong ids = new AtomicLong();
        try {
            for (Transport transport : wanted) {
                NetServerOptions options = options(transport, pki, host);
                if (ports.containsKey(transport)) {
                    options.setPort(ports.get(transport));
                }
                server.startEndpoint(transport, options, ids, gate);
            }
        } catch (Exception e) {
            server.close();
            throw new IllegalStateException("cannot start the embedded TCP/TLS server: " + e.getMessage(), e);
        }
        LOG.info("Embedded LwM2M TCP/TLS server listening on {}",
                String.join(" and ", wanted.stream().map(server::uri).toList()));
        return server;
    }

    /** The server's event loops: one per core, at least two. */
    static int eventLoops() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    private static NetServerOptions options(Transport transport, FleetPki pki, String host) {
        // a free port shared by the endpoint's server instances, one negative number per endpoint
        int sharedFreePort = -1 - transport.ordinal();
        NetServerOptions options = new NetServerOptions().setHost(host).setPort(sharedFreePort).setTcpNoDelay(true);
        if (transport == Transport.TLS) {
            if (pki == null) {
                throw new IllegalArgumentException("a tls endpoint needs a PKI");
            }
            options.setSsl(true).setClientAuth(ClientAuth.REQUEST)
                    .setKeyCertOptions(PemOptions.keyCert(pki.server()))
                    .setTrustOptions(PemOptions.trust(pki.caCertificate()));
        } else if (transport != Transport.TCP) {
            throw new IllegalArgumentException("not a stream transport: " + transport.key());
        }
        return options;
    }

    private void startEndpoint(Transport transport, NetServerOptions options, AtomicLong ids, RegistrationGate gate)
            throws Exception {
        VertxTcpServerTransport socket = new VertxTcpServerTransport(vertx, options, MAX_MESSAGE_BYTES + 16,
                eventLoops());
        CoapServer coap = TcpCoapServer.builder().transport(socket).maxMessageSize(MAX_MESSAGE_BYTES)
                .route(new RegistrationInterface(store, transport, ids, gate)).build();
        coap.start();
        transports.put(transport, socket);
        servers.put(transport, coap);
    }

    /** The bound address of an endpoint ({@code tcp} or {@code tls}). */
    public InetSocketAddress address(Transport transport) {
        VertxTcpServerTransport socket = transports.get(transport);
        if (socket == null) {
            throw new NoSuchElementException("no " + transport.key() + " endpoint");
        }
        return socket.getLocalSocketAddress();
    }

    /** {@code coap+tcp://127.0.0.1:PORT} or {@code coaps+tcp://127.0.0.1:PORT} (or the host it was started on). */
    public String uri(Transport transport) {
        return TargetUri.of(transport.scheme(), host, address(transport).getPort());
    }

    public Optional<TcpRegistration> registration(String endpoint) {
        return store.byEndpoint(endpoint);
    }

    public List<TcpRegistration> registrations() {
        return store.all();
    }

    public int registrationCount() {
        return store.size();
    }

    /**
     * Reads {@code path} (e.g. {@code /3/0}) from a registered device over its connection; the
     * future fails with {@link NoSuchElementException} for an unknown endpoint and with a
     * {@link java.util.concurrent.TimeoutException} when the device does not answer in time, and
     * at once with {@link IllegalStateException} when the connection it registered on is gone.
     *
     * @param contentFormat the Accept option, or null to let the device choose
     */
    public CompletableFuture<CoapResponse> read(String endpoint, String path, Integer contentFormat, Duration timeout) {
        Optional<TcpRegistration> registration = store.byEndpoint(endpoint);
        if (registration.isEmpty()) {
            return CompletableFuture.failedFuture(new NoSuchElementException("not registered: " + endpoint));
        }
        TcpRegistration reg = registration.get();
        if (!transports.get(reg.transport()).isConnected(reg.peer())) {
            return CompletableFuture.failedFuture(new IllegalStateException("no connection to " + endpoint));
        }
        CoapRequest.Builder request = CoapRequest.get(path).token(tokens.incrementAndGet());
        if (contentFormat != null) {
            request.accept(contentFormat.shortValue());
        }
        return servers.get(reg.transport()).clientService().apply(request.to(reg.peer()))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Closes the device's connection from the server side; false when it has none. */
    public boolean disconnect(String endpoint) {
        return store.byEndpoint(endpoint)
                .map(r -> transports.get(r.transport()).disconnect(r.peer())).orElse(false);
    }

    /** Sends raw bytes to a registered device's connection (fault injection for tests). */
    public void sendRaw(String endpoint, byte[] bytes) {
        store.byEndpoint(endpoint).ifPresent(r -> transports.get(r.transport()).sendRaw(r.peer(), Buffer.buffer(bytes)));
    }

    /**
     * Device connections the server holds open now, over both endpoints: the registered devices'
     * and any stale, half-open ones whose device went away without the server hearing of it.
     */
    public int openConnections() {
        return transports.values().stream().mapToInt(VertxTcpServerTransport::openConnections).sum();
    }

    /** While on, the server neither reads nor answers anything (a dead path: no Pong, no response). */
    public void blackhole(boolean on) {
        transports.values().forEach(t -> t.blackhole(on));
    }

    /** Stops the endpoints and their Vert.x instance. Blocking. */
    @Override
    public void close() {
        servers.values().forEach(CoapServer::stop);
        transports.values().forEach(VertxTcpServerTransport::stop);
        vertx.close().await();
    }
}
