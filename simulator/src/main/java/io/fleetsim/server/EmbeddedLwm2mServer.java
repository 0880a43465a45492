package io.fleetsim.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.server.model.VersionedModelProvider;
import org.eclipse.leshan.core.request.DownlinkDeviceManagementRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.LeshanServerBuilder;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.registration.RegistrationListener;
import org.eclipse.leshan.transport.californium.server.endpoint.CaliforniumServerEndpointsProvider;
import org.eclipse.leshan.transport.californium.server.endpoint.coap.CoapServerProtocolProvider;
import org.eclipse.leshan.transport.californium.server.endpoint.coaps.CoapsServerProtocolProvider;
import org.eclipse.leshan.servers.security.SecurityStore;

import io.fleetsim.base.ObjectModels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fleetsim.scenario.TargetUri;
import io.fleetsim.security.CertifiedKey;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * An Eclipse Leshan LwM2M server with one plain CoAP (UDP) endpoint on 127.0.0.1 and a
 * free port, used when a scenario names no target and as the real peer of the tests.
 * {@link #startSecure} adds a CoAPS (DTLS) endpoint on another free port of 127.0.0.1.
 *
 * <p>It accepts any endpoint name without security (or as its security store says) and keeps
 * registrations in memory.
 * Starting and stopping are blocking (Leshan binds sockets and starts its thread pools):
 * code on a Vert.x event loop must use {@link #start(Vertx)} or {@code executeBlocking}.
 * The blocking {@link #read} likewise must not run on an event loop; {@link #readAsync}
 * completes on a Leshan/Californium thread, so Vert.x callers should hop back to their context.
 */
public final class EmbeddedLwm2mServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedLwm2mServer.class);
    private static final String LOOPBACK = "127.0.0.1";
    private static final String REGISTRATION_RESOURCE = "rd";

    private final LeshanServer leshan;
    /** The address the endpoints listen on, as the URIs name it. */
    private final String host;
    private final InetSocketAddress coapAddress;
    private final InetSocketAddress coapsAddress;
    private final RegistrationEventCounters registrationEvents = new RegistrationEventCounters();

    private EmbeddedLwm2mServer(LeshanServer leshan, String host, InetSocketAddress coapAddress,
            InetSocketAddress coapsAddress) {
        this.leshan = leshan;
        this.host = host;
        this.coapAddress = coapAddress;
        this.coapsAddress = coapsAddress;
        leshan.getRegistrationService().addListener(registrationEvents);
    }

    /**
     * Builds and starts the server. Blocking: refused with {@link IllegalStateException} on a
     * Vert.x event loop, where {@link #start(Vertx)} is the way.
     */
    public static EmbeddedLwm2mServer start() {
        return start(0, RegistrationGate.OPEN);
    }

    /**
     * As {@link #start()}, with every Register passing {@code gate} first: a blocked endpoint's
     * Register is refused or dropped as the gate's limit says.
     */
    public static EmbeddedLwm2mServer start(RegistrationGate gate) {
        return start(0, gate);
    }

    /**
     * As {@link #start()}, on {@code port} of 127.0.0.1 (0: any free port), e.g. to come back on
     * the port of a server that was stopped.
     */
    public static EmbeddedLwm2mServer start(int port) {
        return start(port, RegistrationGate.OPEN);
    }

    /** As {@link #start(int)}, behind {@code gate}. */
    public static EmbeddedLwm2mServer start(int port, RegistrationGate gate) {
        return start(LOOPBACK, port, gate);
    }

    /**
     * As {@link #start(int, RegistrationGate)}, on {@code host} (an IP literal of this machine)
     * instead of 127.0.0.1.
     */
    public static EmbeddedLwm2mServer start(String host, int port, RegistrationGate gate) {
        refuseOnEventLoop("start()", "start(Vertx)");
        CaliforniumServerEndpointsProvider endpoints = coapEndpointOn(host, port);
        LeshanServer leshan = new LeshanServerBuilder().setEndpointsProviders(endpoints)
                .setObjectModelProvider(new VersionedModelProvider(ObjectModels.ALL_VERSIONS)).build();
        SmallCoapThreadFootprint.applyTo(endpoints.getCoapServer());
        guardRegistrations(endpoints.getCoapServer(), gate);
        leshan.start();
        InetSocketAddress bound = endpoints.getCoapServer().getEndpoints().get(0).getAddress();
        EmbeddedLwm2mServer server = new EmbeddedLwm2mServer(leshan, host, bound, null);
        LOG.info("Embedded LwM2M server listening on {}", server.coapUri());
        return server;
    }

    /**
     * Builds and starts the server with a CoAP and a CoAPS endpoint. Devices prove themselves as
     * {@code security} says; the server shows {@code identity} (its certificate chain, or its
     * public key to RPK devices) and trusts device certificates issued by {@code trustedCa}.
     * Blocking, like {@link #start()}.
     */
    public static EmbeddedLwm2mServer startSecure(SecurityStore security, CertifiedKey identity,
            java.security.cert.X509Certificate trustedCa) {
        return startSecure(security, identity, trustedCa, 0, 0, RegistrationGate.OPEN);
    }

    /** As {@link #startSecure(SecurityStore, CertifiedKey, java.security.cert.X509Certificate)}, behind {@code gate}. */
    public static EmbeddedLwm2mServer startSecure(SecurityStore security, CertifiedKey identity,
            java.security.cert.X509Certificate trustedCa, RegistrationGate gate) {
        return startSecure(security, identity, trustedCa, 0, 0, gate);
    }

    /**
     * As {@link #startSecure(SecurityStore, CertifiedKey, java.security.cert.X509Certificate)} on given
     * ports (0: any) and behind {@code gate}.
     */
    public static EmbeddedLwm2mServer startSecure(SecurityStore security, CertifiedKey identity,
            java.security.cert.X509Certificate trustedCa, int coapPort, int coapsPort, RegistrationGate gate) {
        return startSecure(security, identity, trustedCa, LOOPBACK, coapPort, coapsPort, gate);
    }

    /**
     * As {@link #startSecure(SecurityStore, CertifiedKey, java.security.cert.X509Certificate, int, int,
     * RegistrationGate)}, on {@code host} (an IP literal of this machine) instead of 127.0.0.1.
     */
    public static EmbeddedLwm2mServer startSecure(SecurityStore security, CertifiedKey identity,
            java.security.cert.X509Certificate trustedCa, String host, int coapPort, int coapsPort,
            RegistrationGate gate) {
        refuseOnEventLoop("startSecure()", "executeBlocking");
        CaliforniumServerEndpointsProvider endpoints = new CaliforniumServerEndpointsProvider.Builder(
                new CoapServerProtocolProvider(), new CoapsServerProtocolProvider())
                .setConfiguration(configuration -> {
                    SmallCoapThreadFootprint.applyTo(configuration);
                    SmallDtlsThreadFootprint.applyTo(configuration);
                })
                .addEndpoint(new InetSocketAddress(host, coapPort), Protocol.COAP)
                .addEndpoint(new InetSocketAddress(host, coapsPort), Protocol.COAPS)
                .build();
        LeshanServer leshan = new LeshanServerBuilder().setEndpointsProviders(endpoints)
                .setObjectModelProvider(new VersionedModelProvider(ObjectModels.ALL_VERSIONS))
                .setSecurityStore(security)
                .setPrivateKey(identity.privateKey())
                .setPublicKey(identity.certificate().getPublicKey())
                .setCertificateChain(identity.chain().toArray(new java.security.cert.X509Certificate[0]))
                .setTrustedCertificates(new java.security.cert.X509Certificate[] { trustedCa })
                .build();
        SmallCoapThreadFootprint.applyTo(endpoints.getCoapServer());
        guardRegistrations(endpoints.getCoapServer(), gate);
        leshan.start();
        InetSocketAddress coap = null;
        InetSocketAddress coaps = null;
        for (var endpoint : endpoints.getCoapServer().getEndpoints()) {
            if (endpoint.getUri().getScheme().equals("coaps")) {
                coaps = endpoint.getAddress();
            } else {
                coap = endpoint.getAddress();
            }
        }
        if (coaps == null) {
            leshan.destroy();
            throw new IllegalStateException("the embedded LwM2M server could not open its coaps endpoint on "
                    + host + ":" + coapsPort + " (Leshan's warning above says why; the server certificate is "
                    + identity.certificate().getSubjectX500Principal().getName() + ")");
        }
        EmbeddedLwm2mServer server = new EmbeddedLwm2mServer(leshan, host, coap, coaps);
        LOG.info("Embedded LwM2M server listening on {} and {}", server.coapUri(),
                TargetUri.of("coaps", host, coaps.getPort()));
        return server;
    }

    /** Puts Leshan's {@code /rd} resource, shared by the CoAP and CoAPS endpoints, behind {@code gate}. */
    private static void guardRegistrations(CoapServer coapServer, RegistrationGate gate) {
        if (gate.isOpen()) {
            return;
        }
        Resource registrations = coapServer.getRoot().getChild(REGISTRATION_RESOURCE);
        if (registrations == null) {
            throw new IllegalStateException("Leshan has no /" + REGISTRATION_RESOURCE + " resource to protect");
        }
        coapServer.remove(registrations);
        coapServer.add(new GatedRegistrationResource(registrations, gate));
    }

    /** The bound UDP address of the CoAPS (DTLS) endpoint, or null when the server has none. */
    public InetSocketAddress coapsAddress() {
        return coapsAddress;
    }

    /** Starts the server on a worker thread of {@code vertx}; safe to call from an event loop. */
    public static Future<EmbeddedLwm2mServer> start(Vertx vertx) {
        return vertx.executeBlocking(EmbeddedLwm2mServer::start, false);
    }

    private static CaliforniumServerEndpointsProvider coapEndpointOn(String host, int port) {
        return new CaliforniumServerEndpointsProvider.Builder(new CoapServerProtocolProvider())
                .setConfiguration(SmallCoapThreadFootprint::applyTo)
                .addEndpoint(new InetSocketAddress(host, port), Protocol.COAP)
                .build();
    }

    /** The bound UDP address of the CoAP endpoint. */
    public InetSocketAddress coapAddress() {
        return coapAddress;
    }

    /** The server URI devices register to, {@code coap://127.0.0.1:PORT} (or the host it was started on). */
    public String coapUri() {
        return TargetUri.of("coap", host, coapAddress.getPort());
    }

    /** The current registration of {@code endpoint}, if it is registered. */
    public Optional<Registration> registration(String endpoint) {
        return Optional.ofNullable(leshan.getRegistrationService().getByEndpoint(endpoint));
    }

    /** A snapshot of all current registrations. */
    public List<Registration> registrations() {
        List<Registration> all = new ArrayList<>();
        leshan.getRegistrationService().getAllRegistrations().forEachRemaining(all::add);
        return all;
    }

    /** The number of current registrations (walks the store: meant for tests and reports). */
    public int registrationCount() {
        int[] count = {0};
        leshan.getRegistrationService().getAllRegistrations().forEachRemaining(r -> count[0]++);
        return count[0];
    }

    /** Counters of registration events since the server started. */
    public RegistrationEventCounters registrationEvents() {
        return registrationEvents;
    }

    /** Adds a listener called on Leshan's threads for each registration event. */
    public void addRegistrationListener(RegistrationListener listener) {
        leshan.getRegistrationService().addListener(listener);
    }

    /** Removes a listener added with {@link #addRegistrationListener}. */
    public void removeRegistrationListener(RegistrationListener listener) {
        leshan.getRegistrationService().removeListener(listener);
    }

    /**
     * Reads {@code path} (e.g. {@code /3/0/0}) from a registered device, blocking the caller.
     *
     * @throws IllegalStateException if called on a Vert.x event loop
     * @throws NoSuchElementException if {@code endpoint} is not registered
     * @throws TimeoutException if the device did not answer within {@code timeout}
     */
    public ReadResponse read(String endpoint, String path, ContentFormat format, Duration timeout)
            throws InterruptedException, TimeoutException {
        refuseOnEventLoop("read()", "readAsync()");
        ReadResponse response = leshan.send(registered(endpoint), new ReadRequest(format, path),
                timeout.toMillis());
        if (response == null) {
            throw new TimeoutException("no answer from " + endpoint + " to READ " + path);
        }
        return response;
    }

    /**
     * Reads {@code path} from a registered device without blocking. The future fails with
     * {@link NoSuchElementException} for an unknown endpoint, and with Leshan's exception
     * (a timeout, a failed or rejected request) if the read does not succeed at CoAP level.
     */
    public CompletableFuture<ReadResponse> readAsync(String endpoint, String path,
            ContentFormat format, Duration timeout) {
        CompletableFuture<ReadResponse> result = new CompletableFuture<>();
        try {
            leshan.send(registered(endpoint), new ReadRequest(format, path), timeout.toMillis(),
                    result::complete, result::completeExceptionally);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /**
     * Sends any device management or information reporting request (Write, Execute, Observe, ...)
     * to a registered device, blocking the caller.
     *
     * @throws IllegalStateException if called on a Vert.x event loop
     * @throws NoSuchElementException if {@code endpoint} is not registered
     * @throws TimeoutException if the device did not answer within {@code timeout}
     */
    public <T extends LwM2mResponse> T send(String endpoint, DownlinkDeviceManagementRequest<T> request,
            Duration timeout) throws InterruptedException, TimeoutException {
        refuseOnEventLoop("send()", "the Leshan server's asynchronous send");
        T response = leshan.send(registered(endpoint), request, timeout.toMillis());
        if (response == null) {
            throw new TimeoutException("no answer from " + endpoint + " to " + request);
        }
        return response;
    }

    /** The Leshan server itself, e.g. for its observation service. */
    public LeshanServer leshan() {
        return leshan;
    }

    private static void refuseOnEventLoop(String blockingCall, String alternative) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException(
                    blockingCall + " blocks: call " + alternative + " from an event loop");
        }
    }

    private Registration registered(String endpoint) {
        return registration(endpoint)
                .orElseThrow(() -> new NoSuchElementException("not registered: " + endpoint));
    }

    /** Stops the server and releases its socket and threads. Blocking. */
    public void stop() {
        leshan.destroy();
        LOG.info("Embedded LwM2M server on {} stopped", coapUri());
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }
}
