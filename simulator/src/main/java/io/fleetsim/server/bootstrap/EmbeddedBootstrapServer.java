package io.fleetsim.server.bootstrap;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.CoapExchange;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.elements.util.ProtocolScheduledExecutorService;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.servers.security.SecurityInfo;
import org.eclipse.leshan.servers.security.SecurityStore;
import org.eclipse.leshan.transport.californium.server.LwM2mPskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fleetsim.metrics.CpuUsage;
import io.fleetsim.scenario.TargetUri;
import io.fleetsim.server.SmallCoapThreadFootprint;
import io.fleetsim.server.SmallDtlsThreadFootprint;

/**
 * An LwM2M bootstrap server for client-initiated bootstrap (LwM2M 1.1 Core §5.2.7.1 and §6.1,
 * Transport §6.4) on Californium, with one CoAP (UDP) endpoint on 127.0.0.1 and, when given a
 * security store, a CoAPS (DTLS, PSK) endpoint whose clients prove themselves with the identity
 * and key the store knows for their endpoint name. It answers a
 * Bootstrap-Request ({@code POST /bs?ep=NAME[&pct=FORMAT]}) with 2.04 and then drives the client:
 * Bootstrap-Delete {@code /0} and {@code /1}, Bootstrap-Write {@code /0/1} (the Security instance
 * of the LwM2M server account) and {@code /1/0} (its Server instance), as the
 * {@link BootstrapConfigSource} says for the endpoint, then Bootstrap-Finish ({@code POST /bs}).
 * The Writes are TLV unless the request's {@code pct} asks for SenML JSON or SenML CBOR.
 *
 * <p>Each Bootstrap-Request starts one session; a new request from the same endpoint fails the
 * one under way ({@link BootstrapFailure#SUPERSEDED}) and starts over. A session that has not
 * finished within the session timeout fails ({@link BootstrapFailure#TIMEOUT}) and its pending
 * request is cancelled. Nothing is kept of a session once it ended but the
 * {@link BootstrapServerCounters} and the text of the last failure.
 *
 * <p>All work runs on one Californium protocol thread and its UDP receiver and sender; nothing
 * runs on, or blocks, a Vert.x event loop. Starting and stopping bind and release the socket:
 * call them off event loops.
 */
public final class EmbeddedBootstrapServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBootstrapServer.class);
    private static final String LOOPBACK = "127.0.0.1";
    /** The Bootstrap-Request's and Bootstrap-Finish's resource (Transport §6.4). */
    static final String BOOTSTRAP_RESOURCE = "bs";
    /** The bootstrap session timeout when none is given. */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(60);

    private final CoapServer coap;
    /** The address the endpoints listen on, as the URIs name it. */
    private final String host;
    private final InetSocketAddress address;
    /** The CoAPS endpoint's address, or null. */
    private final InetSocketAddress secureAddress;
    /** Who may bootstrap over CoAPS: the endpoint name of each PSK identity; null without CoAPS. */
    private final SecurityStore pskIdentities;
    private final BootstrapConfigSource source;
    private final Duration sessionTimeout;
    private final BootstrapServerCounters counters = new BootstrapServerCounters();
    private final Map<String, BootstrapSession> sessions = new ConcurrentHashMap<>();
    private volatile String lastFailure;

    private EmbeddedBootstrapServer(BootstrapConfigSource source, String host, int port, SecurityStore pskIdentities,
            int securePort, Duration sessionTimeout) {
        this.source = source;
        this.host = host;
        this.sessionTimeout = sessionTimeout;
        this.pskIdentities = pskIdentities;
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
        Configuration configuration = new Configuration();
        SmallCoapThreadFootprint.applyTo(configuration);
        SmallDtlsThreadFootprint.applyTo(configuration);
        coap = new CoapServer(configuration);
        ProtocolScheduledExecutorService executor = SmallCoapThreadFootprint.applyTo(coap,
                CpuUsage.SERVER_THREAD_PREFIX + "bootstrap#");
        CoapEndpoint plain = new CoapEndpoint.Builder().setConfiguration(configuration)
                .setInetSocketAddress(new InetSocketAddress(host, port)).build();
        coap.addEndpoint(plain);
        CoapEndpoint secure = null;
        if (pskIdentities != null) {
            DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(configuration)
                    .setAddress(new InetSocketAddress(host, securePort))
                    .set(DtlsConfig.DTLS_ROLE, DtlsRole.SERVER_ONLY)
                    .setPskStore(new LwM2mPskStore(pskIdentities))
                    .build();
            secure = new CoapEndpoint.Builder().setConfiguration(configuration)
                    .setConnector(new DTLSConnector(dtls)).build();
            coap.addEndpoint(secure);
        }
        coap.add(new BootstrapResource());
        coap.start();
        address = plain.getAddress();
        secureAddress = secure == null ? null : secure.getAddress();
        long sweepMillis = Math.max(10, Math.min(1000, sessionTimeout.toMillis() / 4));
        executor.scheduleWithFixedDelay(this::expireSessions, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a bootstrap server on {@code port} of 127.0.0.1 (0: any free port) handing out what
     * {@code source} says, failing sessions not finished within {@code sessionTimeout}. Blocking:
     * refused with {@link IllegalStateException} on a Vert.x event loop.
     */
    public static EmbeddedBootstrapServer start(BootstrapConfigSource source, int port, Duration sessionTimeout) {
        return start(source, LOOPBACK, port, sessionTimeout);
    }

    /**
     * As {@link #start(BootstrapConfigSource, int, Duration)}, on {@code host} (an IP literal of
     * this machine) instead of 127.0.0.1.
     */
    public static EmbeddedBootstrapServer start(BootstrapConfigSource source, String host, int port,
            Duration sessionTimeout) {
        return create(source, host, port, null, 0, sessionTimeout);
    }

    /**
     * As {@link #start(BootstrapConfigSource, int, Duration)}, with a CoAPS endpoint on
     * {@code securePort} (0: any) as well: a client bootstraps over DTLS with a PSK identity and
     * key {@code pskIdentities} knows, and only for the endpoint name the store gives that identity
     * (another {@code ep} is answered 4.03 and counted as {@link BootstrapFailure#UNAUTHORIZED}).
     */
    public static EmbeddedBootstrapServer startWithPsk(BootstrapConfigSource source, int port,
            SecurityStore pskIdentities, int securePort, Duration sessionTimeout) {
        return startWithPsk(source, LOOPBACK, port, pskIdentities, securePort, sessionTimeout);
    }

    /**
     * As {@link #startWithPsk(BootstrapConfigSource, int, SecurityStore, int, Duration)}, on
     * {@code host} (an IP literal of this machine) instead of 127.0.0.1.
     */
    public static EmbeddedBootstrapServer startWithPsk(BootstrapConfigSource source, String host, int port,
            SecurityStore pskIdentities, int securePort, Duration sessionTimeout) {
        return create(source, host, port, java.util.Objects.requireNonNull(pskIdentities, "pskIdentities"),
                securePort, sessionTimeout);
    }

    private static EmbeddedBootstrapServer create(BootstrapConfigSource source, String host, int port,
            SecurityStore pskIdentities, int securePort, Duration sessionTimeout) {
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            throw new IllegalStateException("starting the bootstrap server blocks: call it off the event loop");
        }
        if (sessionTimeout.isNegative() || sessionTimeout.isZero()) {
            throw new IllegalArgumentException("bootstrap session timeout " + sessionTimeout + " is not positive");
        }
        EmbeddedBootstrapServer server = new EmbeddedBootstrapServer(source, host, port, pskIdentities, securePort,
                sessionTimeout);
        LOG.info("Embedded LwM2M bootstrap server listening on {}{}", server.uri(),
                server.secureUri().map(uri -> " and " + uri).orElse(""));
        return server;
    }

    /** As {@link #start(BootstrapConfigSource, int, Duration)} on any free port, with the default timeout. */
    public static EmbeddedBootstrapServer start(BootstrapConfigSource source) {
        return start(source, 0, DEFAULT_SESSION_TIMEOUT);
    }

    /** The URI clients bootstrap from, {@code coap://127.0.0.1:PORT} (or the host it was started on). */
    public String uri() {
        return TargetUri.of("coap", host, address.getPort());
    }

    /** The bound UDP address. */
    public InetSocketAddress address() {
        return address;
    }

    /** The URI clients bootstrap from over DTLS, {@code coaps://127.0.0.1:PORT}; empty without CoAPS. */
    public Optional<String> secureUri() {
        return secureAddress == null ? Optional.empty()
                : Optional.of(TargetUri.of("coaps", host, secureAddress.getPort()));
    }

    /** What the server counted since it started. */
    public BootstrapServerCounters counters() {
        return counters;
    }

    /** The last failed session, e.g. {@code dev-7: Bootstrap-Write /0/1 answered 4.00 (expected 2.04)}; empty before any. */
    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /** Stops the server and releases its socket and threads; sessions under way are dropped. Blocking. */
    @Override
    public void close() {
        coap.destroy();
        sessions.clear();
        LOG.info("Embedded LwM2M bootstrap server on {} stopped: {}", uri(), counters);
    }

    private void expireSessions() {
        long now = System.nanoTime();
        for (BootstrapSession session : sessions.values()) {
            session.expireIfLate(now);
        }
    }

    void ended(BootstrapSession session) {
        sessions.remove(session.endpoint(), session);
    }

    void failed(BootstrapSession session, BootstrapFailure cause, String detail) {
        counters.failedOne(cause);
        ended(session);
        lastFailure = session.endpoint() + ": " + detail;
        LOG.debug("bootstrap of {} failed ({}): {}", session.endpoint(), cause.key(), detail);
    }

    void finished(BootstrapSession session) {
        counters.finishedOne();
        ended(session);
    }

    /** {@code POST /bs?ep=...}: the Bootstrap-Request. */
    private final class BootstrapResource extends CoapResource {

        BootstrapResource() {
            super(BOOTSTRAP_RESOURCE);
        }

        @Override
        public void handlePOST(CoapExchange exchange) {
            counters.requested();
            List<String> queries = exchange.getRequestOptions().getUriQueryStrings();
            String endpoint = query(queries, "ep");
            if (endpoint == null || endpoint.isEmpty()) {
                counters.refused(BootstrapFailure.BAD_REQUEST);
                lastFailure = exchange.getSourceSocketAddress() + ": Bootstrap-Request without an ep query";
                exchange.respond(ResponseCode.BAD_REQUEST, "Bootstrap-Request without ?ep=<endpoint name>");
                return;
            }
            if (exchange.advanced().getRequest().getSourceContext().getPeerIdentity()
                    instanceof PreSharedKeyIdentity psk && !endpoint.equals(endpointOf(psk))) {
                counters.refused(BootstrapFailure.UNAUTHORIZED);
                lastFailure = endpoint + ": Bootstrap-Request over DTLS as PSK identity " + psk.getIdentity()
                        + ", which is not this endpoint's";
                exchange.respond(ResponseCode.FORBIDDEN, "PSK identity " + psk.getIdentity()
                        + " may not bootstrap endpoint " + endpoint);
                return;
            }
            Optional<BootstrapConfig> config = source.configFor(endpoint);
            if (config.isEmpty()) {
                counters.refused(BootstrapFailure.UNKNOWN_ENDPOINT);
                lastFailure = endpoint + ": no bootstrap configuration for this endpoint";
                exchange.respond(ResponseCode.BAD_REQUEST, "no bootstrap configuration for endpoint " + endpoint);
                return;
            }
            ContentFormat format = BootstrapSession.writeFormat(query(queries, "pct"));
            Endpoint coapEndpoint = exchange.advanced().getEndpoint();
            EndpointContext peer = exchange.advanced().getRequest().getSourceContext();
            BootstrapSession session = new BootstrapSession(EmbeddedBootstrapServer.this, endpoint, config.get(),
                    format, coapEndpoint, peer, System.nanoTime() + sessionTimeout.toNanos());
            counters.started();
            BootstrapSession previous = sessions.put(endpoint, session);
            if (previous != null) {
                previous.fail(BootstrapFailure.SUPERSEDED, "a new Bootstrap-Request came before Bootstrap-Finish");
            }
            exchange.respond(ResponseCode.CHANGED);
            session.begin();
        }

        private String endpointOf(PreSharedKeyIdentity psk) {
            SecurityInfo info = pskIdentities == null ? null : pskIdentities.getByIdentity(psk.getIdentity());
            return info == null ? null : info.getEndpoint();
        }

        private static String query(List<String> queries, String name) {
            String prefix = name + "=";
            for (String query : queries) {
                if (query.startsWith(prefix)) {
                    return query.substring(prefix.length());
                }
            }
            return null;
        }
    }
}
