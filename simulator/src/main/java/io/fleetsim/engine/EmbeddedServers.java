package io.fleetsim.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fleetsim.base.FleetVertx;
import io.fleetsim.nat.ProbeTarget;
import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.ServerSettings;
import io.fleetsim.metrics.CpuUsage;
import io.fleetsim.metrics.SummaryJson;
import io.fleetsim.scenario.Transport;
import io.fleetsim.security.FleetPki;
import io.fleetsim.server.EmbeddedLwm2mServer;
import io.fleetsim.server.FleetSecurityStore;
import io.fleetsim.server.MinimalLwm2mResponder;
import io.fleetsim.server.RegistrationGate;
import io.fleetsim.server.ResponderCounters;
import io.fleetsim.server.tcp.EmbeddedTcpLwm2mServer;
import io.fleetsim.transport.TransportEndpoints;
import io.fleetsim.transport.dtls.DtlsTarget;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
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
        return start(groups, minimal, pki, RegistrationGate.OPEN, null);
    }

    /**
     * As {@link #start(List, boolean, FleetPki)}, the minimal responder observing
     * {@code observePath} (null for none) on every device that registers.
     */
    public static RunTarget start(List<DeviceGroup> groups, boolean minimal, FleetPki pki, String observePath) {
        if (observePath != null && !minimal) {
            throw new IllegalArgumentException("only the minimal responder observes devices");
        }
        return start(groups, minimal, pki, RegistrationGate.OPEN, observePath);
    }

    /**
     * Checks an observe path for the minimal responder (see {@link MinimalLwm2mResponder#observePath}).
     *
     * @throws IllegalArgumentException naming the path and what is wrong with it
     */
    public static void checkObservePath(String observePath) {
        MinimalLwm2mResponder.observePath(observePath);
    }

    /**
     * What the embedded minimal responder of {@code target} counted (registrations and, when it
     * observes, observations and notifications), written to {@code responder.json} in
     * {@code resultsDir}; nothing when the target has no minimal responder. See
     * docs/results-format.md.
     */
    public static void writeResponderCounts(RunTarget target, Path resultsDir) throws IOException {
        if (!(target.closer() instanceof Servers servers) || servers.responderCounters == null) {
            return;
        }
        ResponderCounters c = servers.responderCounters;
        JsonObject json = new JsonObject()
                .put("format", 1)
                .put("observePath", servers.observePath)
                .put("registrations", c.registrations())
                .put("updates", c.updates())
                .put("deregistrations", c.deregistrations())
                .put("duplicates", c.duplicates())
                .put("observeRequests", c.observeRequests())
                .put("observationsStarted", c.observationsStarted())
                .put("observeRefused", c.observeRefused())
                .put("notifications", new JsonObject()
                        .put("CON", c.notificationsCon())
                        .put("NON", c.notificationsNon()));
        Files.writeString(resultsDir.resolve("responder.json"), json.encodePrettily() + "\n");
    }

    /**
     * What the protections of {@code target}'s embedded servers did, as {@code summary.json}'s
     * {@code server} section: {@code registrationLimit} with {@code blockedDevices} (endpoints blocked
     * at least once), {@code blocks} (times an endpoint was blocked), {@code refused} (Registers
     * answered with the refusal code) and {@code ignored} (Registers dropped without an answer);
     * null when the target is not embedded or has no registration limit. See docs/results-format.md.
     */
    public static Map<String, Object> protectionSummary(RunTarget target) {
        if (!(target.closer() instanceof Servers servers) || servers.gate.isOpen()) {
            return null;
        }
        RegistrationGate gate = servers.gate;
        return SummaryJson.map("registrationLimit", SummaryJson.map("blockedDevices", gate.blockedEndpoints(),
                "blocks", gate.blocks(), "refused", gate.refused(), "ignored", gate.dropped()));
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
        return start(groups, minimal, pki, gate, null);
    }

    private static RunTarget start(List<DeviceGroup> groups, boolean minimal, FleetPki pki, RegistrationGate gate,
            String observePath) {
        Set<Transport> used = EnumSet.noneOf(Transport.class);
        groups.stream().map(DeviceGroup::transport).forEach(used::add);
        boolean dtls = used.contains(Transport.DTLS);
        if (dtls && minimal) {
            throw new IllegalArgumentException("the minimal responder has no DTLS endpoint");
        }
        Set<Transport> streams = EnumSet.copyOf(used);
        streams.retainAll(EnumSet.of(Transport.TCP, Transport.TLS));
        FleetPki tlsPki = !streams.contains(Transport.TLS) ? null : pki != null ? pki : newPki();
        Servers servers = new Servers(groups, minimal, pki, tlsPki, used.contains(Transport.UDP) || dtls
                || streams.isEmpty(), streams, gate, observePath);
        servers.startServers();
        TransportEndpoints endpoints = TransportEndpoints.NONE;
        if (servers.udpPort > 0) {
            endpoints = endpoints.with(Transport.UDP, HOST, servers.udpPort);
        }
        if (!streams.isEmpty()) {
            endpoints = endpoints.withPki(tlsPki);
            for (Transport transport : streams) {
                endpoints = endpoints.with(transport, HOST, servers.streamPorts.get(transport));
            }
        }
        DtlsTarget dtlsTarget = servers.coapsPort > 0 ? new DtlsTarget(HOST, servers.coapsPort, pki) : null;
        // udp devices go to the main address, tcp and tls devices to their own endpoints
        Transport main = endpoints.of(Transport.UDP).isPresent() ? Transport.UDP : groups.get(0).transport();
        TransportEndpoints.HostPort address = endpoints.of(main).orElseThrow();
        return new RunTarget(address.host(), address.port(), true, servers, dtlsTarget, endpoints,
                servers.probes());
    }

    private static final String HOST = "127.0.0.1";

    /**
     * The embedded servers of a run, which an outage stops and starts again, fresh, on the same
     * ports. Closing them stops them for good.
     */
    private static final class Servers implements AutoCloseable, ServerOutage {
        private final List<DeviceGroup> groups;
        private final boolean minimal;
        private final FleetPki pki;
        private final FleetPki tlsPki;
        private final boolean udp;
        private final Set<Transport> streams;
        /** One gate for the run: a block outlives a server outage, as a protection in front of the server would. */
        private final RegistrationGate gate;
        private int udpPort;
        private int coapsPort;
        private final java.util.Map<Transport, Integer> streamPorts = new java.util.EnumMap<>(Transport.class);
        private List<AutoCloseable> closers = List.of();
        private volatile EmbeddedLwm2mServer leshan;
        private volatile EmbeddedTcpLwm2mServer tcp;
        /** The resource the minimal responder observes, or null. */
        private final String observePath;
        /** The counters of the minimal responder last started (an outage starts a fresh one), or null. */
        private volatile ResponderCounters responderCounters;

        Servers(List<DeviceGroup> groups, boolean minimal, FleetPki pki, FleetPki tlsPki, boolean udp,
                Set<Transport> streams, RegistrationGate gate, String observePath) {
            this.observePath = observePath;
            this.groups = groups;
            this.minimal = minimal;
            this.pki = pki;
            this.tlsPki = tlsPki;
            this.udp = udp;
            this.streams = streams;
            this.gate = gate;
        }

        @Override
        public synchronized void startServers() {
            boolean dtls = groups.stream().anyMatch(g -> g.transport() == Transport.DTLS);
            List<AutoCloseable> started = new ArrayList<>();
            try {
                if (udp) {
                    if (minimal) {
                        MinimalLwm2mResponder responder = startMinimalResponder(udpPort, observePath, started);
                        responderCounters = responder.counters();
                        udpPort = responder.port();
                    } else {
                        EmbeddedLwm2mServer server = dtls
                                ? EmbeddedLwm2mServer.startSecure(new FleetSecurityStore(groups, pki), pki.server(),
                                        pki.caCertificate(), udpPort, coapsPort, gate)
                                : EmbeddedLwm2mServer.start(udpPort, gate);
                        started.add(server::close);
                        udpPort = server.coapAddress().getPort();
                        if (dtls) {
                            coapsPort = server.coapsAddress().getPort();
                        }
                        leshan = server;
                    }
                }
                if (!streams.isEmpty()) {
                    EmbeddedTcpLwm2mServer server = EmbeddedTcpLwm2mServer.start(streams, tlsPki, streamPorts, gate);
                    started.add(server);
                    for (Transport transport : streams) {
                        streamPorts.put(transport, server.address(transport).getPort());
                    }
                    tcp = server;
                }
            } catch (RuntimeException e) {
                try {
                    closeAll(started);
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
            closers = started;
        }

        @Override
        public synchronized void stopServers() throws Exception {
            List<AutoCloseable> stopping = closers;
            closers = List.of();
            closeAll(stopping);
        }

        @Override
        public synchronized void close() throws Exception {
            stopServers();
            if (!gate.isOpen()) {
                LOG.info("registration limit of the embedded server: {} blocks, {} Registers refused, {} dropped",
                        gate.blocks(), gate.refused(), gate.dropped());
            }
        }

        /** Probes through whichever server is up now, or null when none can send them. */
        ProbeTarget probes() {
            List<ProbeTarget> probes = new ArrayList<>();
            if (leshan != null) {
                probes.add(ServerProbes.of(() -> leshan));
            }
            if (tcp != null) {
                probes.add(ServerProbes.ofTcp(() -> tcp));
            }
            return ProbeTarget.anyOf(probes);
        }
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
    private static MinimalLwm2mResponder startMinimalResponder(int port, String observePath,
            List<AutoCloseable> closers) {
        int sockets = MinimalLwm2mResponder.defaultSockets();
        Vertx vertx = FleetVertx.create(new VertxOptions().setEventLoopPoolSize(sockets).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1), CpuUsage.SERVER_THREAD_PREFIX);
        MinimalLwm2mResponder responder = MinimalLwm2mResponder.start(vertx, port, sockets, observePath).await();
        closers.add(() -> {
            responder.close().await();
            vertx.close().await();
        });
        return responder;
    }
}
