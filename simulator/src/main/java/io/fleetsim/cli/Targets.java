package io.fleetsim.cli;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.fleetsim.engine.RunTarget;
import io.fleetsim.nat.ProbeTarget;
import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.TargetUri;
import io.fleetsim.scenario.Transport;
import io.fleetsim.security.FleetPki;
import io.fleetsim.server.EmbeddedLwm2mServer;
import io.fleetsim.server.FleetSecurityStore;
import io.fleetsim.server.MinimalLwm2mResponder;
import io.fleetsim.server.tcp.EmbeddedTcpLwm2mServer;
import io.fleetsim.transport.FleetVertx;
import io.fleetsim.transport.TransportEndpoints;
import io.fleetsim.transport.dtls.DtlsTarget;
import io.vertx.core.Vertx;

/**
 * The server of a run: the scenario's {@code target}, or embedded servers on loopback, one
 * endpoint per transport the groups use (Leshan or the minimal responder for udp, java-coap for
 * tcp and tls).
 */
final class Targets {

    static final int DEFAULT_COAP_PORT = 5683;

    private Targets() {
    }

    /** Which embedded server to start when the scenario names no target. */
    enum Embedded { LESHAN, MINIMAL }

    static RunTarget start(Scenario scenario, Embedded embedded) {
        return start(scenario, embedded, null);
    }

    /**
     * The run's server; {@code pki} (needed when a group uses DTLS or TLS, see {@link SecureRuns})
     * gives the embedded servers their identity and the devices their keys and the CA they trust.
     * Without one, an embedded TLS endpoint gets a throw-away PKI of its own.
     */
    static RunTarget start(Scenario scenario, Embedded embedded, FleetPki pki) {
        if (scenario.target() != null) {
            return external(scenario, pki);
        }
        Set<Transport> used = EnumSet.noneOf(Transport.class);
        scenario.groups().stream().map(DeviceGroup::transport).forEach(used::add);
        boolean dtls = used.contains(Transport.DTLS);
        if (dtls && embedded == Embedded.MINIMAL) {
            throw new BadInputException("--server minimal: the minimal responder has no DTLS endpoint; "
                    + "use --server leshan for dtls groups");
        }
        Set<Transport> streams = EnumSet.copyOf(used);
        streams.retainAll(EnumSet.of(Transport.TCP, Transport.TLS));
        List<AutoCloseable> closers = new ArrayList<>();
        TransportEndpoints endpoints = TransportEndpoints.NONE;
        DtlsTarget dtlsTarget = null;
        ProbeTarget probe = null;
        String host = "127.0.0.1";
        int port = -1;
        try {
            if (used.contains(Transport.UDP) || dtls || streams.isEmpty()) {
                RunTarget udp;
                if (embedded == Embedded.MINIMAL) {
                    udp = startMinimalResponder();
                } else if (dtls) {
                    EmbeddedLwm2mServer server = EmbeddedLwm2mServer.startSecure(
                            new FleetSecurityStore(scenario.groups(), pki), pki.server(), pki.caCertificate());
                    udp = new RunTarget(server.coapAddress().getHostString(), server.coapAddress().getPort(), true,
                            server::close);
                    dtlsTarget = new DtlsTarget(server.coapsAddress().getHostString(), server.coapsAddress().getPort(), pki);
                    probe = ProbeTarget.of(server);
                } else {
                    EmbeddedLwm2mServer server = EmbeddedLwm2mServer.start();
                    udp = new RunTarget(server.coapAddress().getHostString(), server.coapAddress().getPort(), true,
                            server::close);
                    probe = ProbeTarget.of(server);
                }
                closers.add(udp.closer());
                host = udp.host();
                port = udp.port();
                endpoints = endpoints.with(Transport.UDP, udp.host(), udp.port());
            }
            if (!streams.isEmpty()) {
                FleetPki tlsPki = !streams.contains(Transport.TLS) ? null : pki != null ? pki : newPki();
                EmbeddedTcpLwm2mServer tcp = EmbeddedTcpLwm2mServer.start(streams, tlsPki);
                closers.add(tcp);
                endpoints = endpoints.withPki(tlsPki);
                for (Transport transport : streams) {
                    endpoints = endpoints.with(transport, "127.0.0.1", tcp.address(transport).getPort());
                }
            }
        } catch (RuntimeException e) {
            try {
                closeAll(closers);
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        Transport first = scenario.groups().get(0).transport();
        TransportEndpoints.HostPort main = endpoints.of(first).orElse(new TransportEndpoints.HostPort(host, port));
        return new RunTarget(main.host(), main.port(), true, () -> closeAll(closers), dtlsTarget, endpoints, probe);
    }

    /**
     * The user's server. Its TLS devices trust the run's CA and show their certificates when a tls
     * group uses x509; otherwise they trust the JVM's trust store (a server with a public certificate).
     */
    private static RunTarget external(Scenario scenario, FleetPki pki) {
        URI uri = URI.create(scenario.target());
        int port = uri.getPort() > 0 ? uri.getPort() : DEFAULT_COAP_PORT;
        String host = uri.getHost().replaceAll("^\\[|]$", "");
        Transport transport = TargetUri.transportOf(uri.getScheme());
        FleetPki tlsPki = transport == Transport.TLS && SecureRuns.tlsWithCertificates(scenario) ? pki : null;
        try {
            FleetVertx.literal(host); // a name that does not resolve is bad input, not a run of failures
        } catch (IllegalArgumentException e) {
            throw new BadInputException("target " + scenario.target() + ": " + e.getMessage());
        }
        RunTarget target = RunTarget.external(host, port)
                .withEndpoints(TransportEndpoints.NONE.with(transport, host, port).withPki(tlsPki));
        return transport == Transport.DTLS ? target.withDtls(new DtlsTarget(host, port, pki)) : target;
    }

    private static FleetPki newPki() {
        try {
            return FleetPki.create("fleetsim run CA");
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the run's certificates: " + e.getMessage(), e);
        }
    }

    private static void closeAll(List<AutoCloseable> closers) throws Exception {
        Exception first = null;
        for (AutoCloseable closer : closers) {
            try {
                closer.close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** The minimal registration responder on a Vert.x instance of its own (one event loop). */
    private static RunTarget startMinimalResponder() {
        Vertx vertx = FleetVertx.oneEventLoop();
        MinimalLwm2mResponder responder = MinimalLwm2mResponder.start(vertx).await();
        return new RunTarget("127.0.0.1", responder.port(), true, () -> {
            responder.close().await();
            vertx.close().await();
        });
    }
}
