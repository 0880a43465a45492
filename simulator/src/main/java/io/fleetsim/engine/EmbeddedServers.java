package io.fleetsim.engine;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.fleetsim.base.FleetVertx;
import io.fleetsim.nat.ProbeTarget;
import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.ServerSettings;
import io.fleetsim.metrics.CpuUsage;
import io.fleetsim.scenario.Transport;
import io.fleetsim.security.FleetPki;
import io.fleetsim.server.EmbeddedLwm2mServer;
import io.fleetsim.server.FleetSecurityStore;
import io.fleetsim.server.MinimalLwm2mResponder;
import io.fleetsim.server.RegistrationGate;
import io.fleetsim.server.tcp.EmbeddedTcpLwm2mServer;
import io.fleetsim.transport.TransportEndpoints;
import io.fleetsim.transport.dtls.DtlsTarget;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded servers of a run with no target, or of a whole sweep: Leshan (or the minimal
 * responder) for udp, secure Leshan for dtls, java-coap for tcp and tls, each started only when a
 * group uses its transport.
 */
public final class EmbeddedServers {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServers.class);

    private EmbeddedServers() {
    }

    /**
     * Starts embedded servers on 127.0.0.1 for every transport {@code groups} use (a run's groups,
     * or the groups of every cell of a sweep, so that one set of servers serves the whole sweep),
     * with reachability probes through whichever server holds a device's registration. The
     * target's main address is the udp server's (udp devices go there), else the first group's
     * endpoint; its closer stops every server. Blocks: never call it on an event loop.
     *
     * @param minimal the minimal registration responder instead of Leshan for udp (no DTLS, no probes)
     * @param pki     identity of the DTLS and TLS endpoints and the devices' credentials; needed for
     *                dtls groups; without one a TLS endpoint gets a throw-away PKI of its own
     */
    public static RunTarget start(List<DeviceGroup> groups, boolean minimal, FleetPki pki) {
        return start(groups, minimal, pki, RegistrationGate.OPEN);
    }

    /**
     * As {@link #start(List, boolean, FleetPki)}, with the scenario's protections: every Register
     * to the Leshan (udp, dtls) and TCP/TLS servers passes one registration gate, on simulated time
     * at {@code timeScale}. The minimal responder has none.
     */
    public static RunTarget start(List<DeviceGroup> groups, boolean minimal, FleetPki pki, ServerSettings server,
            double timeScale) {
        if (minimal && server.any()) {
            throw new IllegalArgumentException("the minimal responder has no registration limit");
        }
        return start(groups, minimal, pki, RegistrationGate.of(server.registrationLimit(), timeScale));
    }

    private static RunTarget start(List<DeviceGroup> groups, boolean minimal, FleetPki pki, RegistrationGate gate) {
        Set<Transport> used = EnumSet.noneOf(Transport.class);
        groups.stream().map(DeviceGroup::transport).forEach(used::add);
        boolean dtls = used.contains(Transport.DTLS);
        if (dtls && minimal) {
            throw new IllegalArgumentException("the minimal responder has no DTLS endpoint");
        }
        Set<Transport> streams = EnumSet.copyOf(used);
        streams.retainAll(EnumSet.of(Transport.TCP, Transport.TLS));
        List<AutoCloseable> closers = new ArrayList<>();
        if (!gate.isOpen()) {
            closers.add(() -> LOG.info("registration limit of the embedded server: {} blocks, {} Registers refused, "
                    + "{} dropped", gate.blocks(), gate.refused(), gate.dropped()));
        }
        List<ProbeTarget> probes = new ArrayList<>();
        TransportEndpoints endpoints = TransportEndpoints.NONE;
        DtlsTarget dtlsTarget = null;
        String host = "127.0.0.1";
        int port = -1;
        try {
            if (used.contains(Transport.UDP) || dtls || streams.isEmpty()) {
                RunTarget udp;
                if (minimal) {
                    udp = startMinimalResponder();
                } else {
                    EmbeddedLwm2mServer server = dtls
                            ? EmbeddedLwm2mServer.startSecure(new FleetSecurityStore(groups, pki), pki.server(),
                                    pki.caCertificate(), gate)
                            : EmbeddedLwm2mServer.start(gate);
                    udp = new RunTarget(server.coapAddress().getHostString(), server.coapAddress().getPort(), true,
                            server::close);
                    if (dtls) {
                        dtlsTarget = new DtlsTarget(server.coapsAddress().getHostString(),
                                server.coapsAddress().getPort(), pki);
                    }
                    probes.add(ServerProbes.of(server));
                }
                closers.add(udp.closer());
                host = udp.host();
                port = udp.port();
                endpoints = endpoints.with(Transport.UDP, udp.host(), udp.port());
            }
            if (!streams.isEmpty()) {
                FleetPki tlsPki = !streams.contains(Transport.TLS) ? null : pki != null ? pki : newPki();
                EmbeddedTcpLwm2mServer tcp = EmbeddedTcpLwm2mServer.start(streams, tlsPki, gate);
                closers.add(tcp);
                probes.add(ServerProbes.of(tcp));
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
        // udp devices go to the main address, tcp and tls devices to their own endpoints
        Transport main = endpoints.of(Transport.UDP).isPresent() ? Transport.UDP : groups.get(0).transport();
        TransportEndpoints.HostPort address = endpoints.of(main).orElse(new TransportEndpoints.HostPort(host, port));
        return new RunTarget(address.host(), address.port(), true, () -> closeAll(closers), dtlsTarget, endpoints,
                ProbeTarget.anyOf(probes));
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

    /**
     * The minimal registration responder on a Vert.x instance of its own: one socket per event loop,
     * one event loop per core (at least two).
     */
    private static RunTarget startMinimalResponder() {
        int sockets = MinimalLwm2mResponder.defaultSockets();
        Vertx vertx = FleetVertx.create(new VertxOptions().setEventLoopPoolSize(sockets).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1), CpuUsage.SERVER_THREAD_PREFIX);
        MinimalLwm2mResponder responder = MinimalLwm2mResponder.start(vertx, 0, sockets).await();
        return new RunTarget("127.0.0.1", responder.port(), true, () -> {
            responder.close().await();
            vertx.close().await();
        });
    }
}
