package io.fleetsim.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.fleetsim.base.FleetVertx;
import io.fleetsim.nat.ProbeTarget;
import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.ScenarioKeys;
import io.fleetsim.scenario.Security;
import io.fleetsim.scenario.ServerSettings;
import io.fleetsim.metrics.CpuUsage;
import io.fleetsim.metrics.SummaryJson;
import io.fleetsim.scenario.TargetUri;
import io.fleetsim.scenario.Transport;
import io.fleetsim.security.FleetPki;
import io.fleetsim.server.EmbeddedLwm2mServer;
import io.fleetsim.server.FleetSecurityStore;
import io.fleetsim.server.MinimalLwm2mResponder;
import io.fleetsim.server.RegistrationGate;
import io.fleetsim.server.ResponderCounters;
import io.fleetsim.server.ResponderObservation;
import io.fleetsim.server.bootstrap.BootstrapConfigSource;
import io.fleetsim.server.bootstrap.BootstrapServerCounters;
import io.fleetsim.server.bootstrap.EmbeddedBootstrapServer;
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
 * group uses its transport; and the embedded LwM2M bootstrap server when a group asks for it
 * ({@code bootstrap: true}), which hands out those servers (see {@link #bootstrapUri(RunTarget)}).
 */
public final class EmbeddedServers {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServers.class);

    private EmbeddedServers() {
    }

    /**
     * Starts embedded servers on 127.0.0.1 (or the run's {@code --server-host}, see
     * {@link #start(List, boolean, FleetPki, ServerSettings, double, String, Function, String)}) for every transport {@code groups} use (a run's groups,
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
        return start(groups, minimal, pki, RegistrationGate.OPEN, null, OWN_LIFETIME, ServerHost.DEFAULT);
    }

    /**
     * The registration lifetime the bootstrap server hands out to a group when the caller does not
     * say: the group's own, else the scenario's default {@code lifetimeSeconds}.
     */
    static final Function<DeviceGroup, Duration> OWN_LIFETIME = group -> group.lifetime() != null
            ? group.lifetime() : Duration.ofSeconds(ScenarioKeys.LIFETIME.byDefault().value());

    /**
     * The embedded servers of a run for {@code groups}, with the scenario's protections when
     * {@code server} sets any (as {@link #start(List, boolean, FleetPki, ServerSettings, double)}),
     * the minimal responder observing {@code observation} (null for none), and the embedded
     * bootstrap server handing out each group's lifetime as {@code lifetimes} says
     * ({@code scenario::lifetime}).
     */
    public static RunTarget start(List<DeviceGroup> groups, boolean minimal, FleetPki pki, ServerSettings server,
            double timeScale, ResponderObservation observation, Function<DeviceGroup, Duration> lifetimes) {
        return start(groups, minimal, pki, server, timeScale, observation, lifetimes, ServerHost.DEFAULT);
    }

    /**
     * As {@link #start(List, boolean, FleetPki, ServerSettings, double, ResponderObservation, Function)},
     * every server listening on {@code host} ({@link ServerHost#check checked}: an address of this
     * machine) instead of 127.0.0.1, and every URI handed to devices and agents naming it. The
     * PKI's server certificate should name it ({@link FleetPki#create(String, String)}).
     */
    public static RunTarget start(List<DeviceGroup> groups, boolean minimal, FleetPki pki, ServerSettings server,
            double timeScale, ResponderObservation observation, Function<DeviceGroup, Duration> lifetimes,
            String host) {
        if (minimal && server.any()) {
            throw new IllegalArgumentException("the minimal responder has no registration limit");
        }
        RegistrationGate gate = server.any() ? RegistrationGate.of(server.registrationLimit(), timeScale)
                : RegistrationGate.OPEN;
        return start(groups, minimal, pki, gate, observation, lifetimes, host);
    }

    /**
     * The URI of the embedded bootstrap server of {@code target} ({@code coap://127.0.0.1:PORT}),
     * where devices of groups with {@code bootstrap: true} send their Bootstrap-Request; empty when
     * no group asked for it or fleetsim did not start the target's servers.
     */
    public static Optional<String> bootstrapUri(RunTarget target) {
        if (target.closer() instanceof RemoteBootstrap remote) {
            return Optional.ofNullable(remote.uri());
        }
        return bootstrapServer(target).map(EmbeddedBootstrapServer::uri);
    }

    /**
     * The coordinator's embedded bootstrap server as an agent of a clustered run reaches it: its
     * URI and its DTLS endpoint's (or null), as {@link #bootstrapUri} and {@link #bootstrapSecureUri}
     * give them on the agent's copy of the run's target. An agent closes nothing of it.
     */
    public record RemoteBootstrap(String uri, String secureUri) implements AutoCloseable {
        @Override
        public void close() {
        }
    }

    /**
     * What the embedded bootstrap server of {@code target} counted so far (Bootstrap-Requests,
     * finished sessions, failed sessions by cause); empty when it has none.
     */
    public static Optional<BootstrapServerCounters> bootstrapCounters(RunTarget target) {
        return bootstrapServer(target).map(EmbeddedBootstrapServer::counters);
    }

    /**
     * The URI of the embedded bootstrap server's DTLS endpoint ({@code coaps://127.0.0.1:PORT}),
     * where devices of dtls groups with {@code psk} and {@code bootstrap: true} may bootstrap with
     * their group's PSK identity and key; empty when no such group asks for it.
     */
    public static Optional<String> bootstrapSecureUri(RunTarget target) {
        if (target.closer() instanceof RemoteBootstrap remote) {
            return Optional.ofNullable(remote.secureUri());
        }
        return bootstrapServer(target).flatMap(EmbeddedBootstrapServer::secureUri);
    }

    private static Optional<EmbeddedBootstrapServer> bootstrapServer(RunTarget target) {
        if (target.closer() instanceof Servers servers) {
            return Optional.ofNullable(servers.bootstrap);
        }
        return target.closer() instanceof StandaloneBootstrap standalone ? Optional.of(standalone.server)
                : Optional.empty();
    }

    /**
     * {@code target} with the embedded bootstrap server serving every group of {@code groups} that
     * asks for it ({@code bootstrap: true}), those with a target of their own included: each device
     * is handed its group's target, else {@code target}'s server of its transport (the user's
     * server, or the embedded ones). The embedded servers' bootstrap server, started or widened to
     * all the groups; or, for a server fleetsim did not start, one of its own, stopped by the
     * returned target's closer. {@code target} itself when no group asks. Blocking.
     */
    public static RunTarget withBootstrap(RunTarget target, List<DeviceGroup> groups,
            Function<DeviceGroup, Duration> lifetimes) {
        return withBootstrap(target, groups, lifetimes, ServerHost.DEFAULT);
    }

    /**
     * As {@link #withBootstrap(RunTarget, List, Function)}; a bootstrap server of its own, for a
     * server fleetsim did not start, listens on {@code host} (the embedded servers' bootstrap server
     * listens where they do).
     */
    public static RunTarget withBootstrap(RunTarget target, List<DeviceGroup> groups,
            Function<DeviceGroup, Duration> lifetimes, String host) {
        if (groups.stream().noneMatch(g -> g.target().embeddedBootstrap())) {
            return target;
        }
        FleetBootstrapConfigs configs = new FleetBootstrapConfigs(groups, serverUris(target), lifetimes);
        if (target.closer() instanceof Servers servers) {
            servers.serveBootstrap(configs, groups);
            return target;
        }
        if (target.closer() instanceof StandaloneBootstrap) {
            throw new IllegalStateException("the target already has a bootstrap server");
        }
        warnUnserved(groups);
        return target.withCloser(new StandaloneBootstrap(startBootstrap(configs, groups, host), target.closer()));
    }

    /** The URI of {@code target}'s server for each transport it has one for. */
    private static Map<Transport, String> serverUris(RunTarget target) {
        Map<Transport, String> uris = new EnumMap<>(Transport.class);
        for (Transport transport : Transport.values()) {
            TransportEndpoints.HostPort server = target.endpointFor(transport);
            if (server != null) {
                uris.put(transport, TargetUri.of(transport.scheme(), server.host(), server.port()));
            }
        }
        return uris;
    }


    /**
     * A bootstrap server handing out {@code configs}, with a DTLS endpoint too when a dtls group
     * with {@code psk} among {@code groups} asks for it; the devices of those groups prove
     * themselves there with their group's PSK identity and key.
     */
    private static EmbeddedBootstrapServer startBootstrap(BootstrapConfigSource configs, List<DeviceGroup> groups,
            String host) {
        List<DeviceGroup> pskGroups = groups.stream()
                .filter(g -> g.target().embeddedBootstrap() && bootstrapsOverDtls(g)).toList();
        if (pskGroups.isEmpty()) {
            return EmbeddedBootstrapServer.start(configs, host, 0, EmbeddedBootstrapServer.DEFAULT_SESSION_TIMEOUT);
        }
        return EmbeddedBootstrapServer.startWithPsk(configs, host, 0, new FleetSecurityStore(pskGroups, null), 0,
                EmbeddedBootstrapServer.DEFAULT_SESSION_TIMEOUT);
    }

    /**
     * Whether {@code group}'s devices bootstrap from the embedded bootstrap server over its DTLS
     * endpoint, proving themselves with the group's own PSK (dtls groups with {@code psk}); every
     * other group bootstraps over its CoAP endpoint.
     */
    static boolean bootstrapsOverDtls(DeviceGroup group) {
        return group.transport() == Transport.DTLS && group.security().mode() == Security.Mode.PSK;
    }

    private static void warnUnserved(List<DeviceGroup> groups) {
        for (DeviceGroup group : groups) {
            if (group.target().embeddedBootstrap() && !FleetBootstrapConfigs.canServe(group)) {
                LOG.warn("group {} asks for the embedded bootstrap server, which hands out udp, tcp and dtls psk"
                        + " accounts only: its devices' Bootstrap-Requests are answered 4.00", group.name());
            }
        }
    }

    /** The bootstrap server fleetsim started for a server it did not start, then the target's own closer. */
    private record StandaloneBootstrap(EmbeddedBootstrapServer server, AutoCloseable next) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            try {
                server.close();
            } finally {
                next.close();
            }
        }
    }

    /**
     * As {@link #start(List, boolean, FleetPki)}, the minimal responder observing {@code observation}
     * (its path, after writing its pmin and pmax; null for none) on every device that registers.
     */
    public static RunTarget start(List<DeviceGroup> groups, boolean minimal, FleetPki pki,
            ResponderObservation observation) {
        return start(groups, minimal, pki, RegistrationGate.OPEN, observation, OWN_LIFETIME, ServerHost.DEFAULT);
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
        ResponderObservation observation = servers.observation;
        JsonObject attributes = new JsonObject();
        if (observation != null && observation.pminSeconds() != null) {
            attributes.put("pmin", observation.pminSeconds());
        }
        if (observation != null && observation.pmaxSeconds() != null) {
            attributes.put("pmax", observation.pmaxSeconds());
        }
        JsonObject json = new JsonObject()
                .put("format", 1)
                .put("observePath", observation == null ? null : observation.path())
                .put("observeAttributes", attributes)
                .put("attributesRequests", c.attributesRequests())
                .put("attributesWritten", c.attributesWritten())
                .put("attributesRefused", c.attributesRefused())
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
     * What the embedded bootstrap server of {@code target} counted, written to
     * {@code bootstrap-server.json} in {@code resultsDir}; nothing when the target has none. See
     * docs/results-format.md.
     */
    public static void writeBootstrapServerCounts(RunTarget target, Path resultsDir) throws IOException {
        Optional<EmbeddedBootstrapServer> server = bootstrapServer(target);
        if (server.isEmpty()) {
            return;
        }
        BootstrapServerCounters c = server.get().counters();
        JsonObject failed = new JsonObject();
        c.failedByCause().forEach(failed::put);
        JsonObject json = new JsonObject()
                .put("format", 1)
                .put("uri", server.get().uri())
                .put("requests", c.requests())
                .put("finished", c.finished())
                .put("active", c.active())
                .put("failed", failed)
                .put("lastFailure", server.get().lastFailure().orElse(null));
        Files.writeString(resultsDir.resolve("bootstrap-server.json"), json.encodePrettily() + "\n");
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
        return start(groups, minimal, pki, gate, null, OWN_LIFETIME, ServerHost.DEFAULT);
    }

    private static RunTarget start(List<DeviceGroup> groups, boolean minimal, FleetPki pki, RegistrationGate gate,
            ResponderObservation observation, Function<DeviceGroup, Duration> lifetimes, String host) {
        if (observation != null && !minimal) {
            throw new IllegalArgumentException("only the minimal responder observes devices");
        }
        Set<Transport> used = EnumSet.noneOf(Transport.class);
        groups.stream().map(DeviceGroup::transport).forEach(used::add);
        boolean dtls = used.contains(Transport.DTLS);
        if (dtls && minimal) {
            throw new IllegalArgumentException("the minimal responder has no DTLS endpoint");
        }
        Set<Transport> streams = EnumSet.copyOf(used);
        streams.retainAll(EnumSet.of(Transport.TCP, Transport.TLS));
        FleetPki tlsPki = !streams.contains(Transport.TLS) ? null : pki != null ? pki : newPki(host);
        Servers servers = new Servers(groups, minimal, pki, tlsPki, used.contains(Transport.UDP) || dtls
                || streams.isEmpty(), streams, gate, observation, host);
        servers.startServers();
        TransportEndpoints endpoints = TransportEndpoints.NONE;
        if (servers.udpPort > 0) {
            endpoints = endpoints.with(Transport.UDP, host, servers.udpPort);
        }
        if (!streams.isEmpty()) {
            endpoints = endpoints.withPki(tlsPki);
            for (Transport transport : streams) {
                endpoints = endpoints.with(transport, host, servers.streamPorts.get(transport));
            }
        }
        DtlsTarget dtlsTarget = servers.coapsPort > 0 ? new DtlsTarget(host, servers.coapsPort, pki) : null;
        // udp devices go to the main address, tcp and tls devices to their own endpoints
        Transport main = endpoints.of(Transport.UDP).isPresent() ? Transport.UDP : groups.get(0).transport();
        TransportEndpoints.HostPort address = endpoints.of(main).orElseThrow();
        RunTarget target = new RunTarget(address.host(), address.port(), true, servers, dtlsTarget, endpoints,
                servers.probes());
        return withBootstrap(target, groups, lifetimes, host);
    }

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
        /** The bootstrap server, or null: started once, it stays up through an outage of the others. */
        private volatile EmbeddedBootstrapServer bootstrap;
        /** What the bootstrap server hands out: the run's groups that ask for it, all of them once widened. */
        private volatile BootstrapConfigSource bootstrapConfigs;
        /** The groups whose bootstrap was looked at, each warned about once. */
        private final Set<String> warned = new java.util.HashSet<>();
        /** What the minimal responder observes, or null. */
        private final ResponderObservation observation;
        /** The address every server listens on. */
        private final String host;
        /** The counters of the minimal responder last started (an outage starts a fresh one), or null. */
        private volatile ResponderCounters responderCounters;

        Servers(List<DeviceGroup> groups, boolean minimal, FleetPki pki, FleetPki tlsPki, boolean udp,
                Set<Transport> streams, RegistrationGate gate, ResponderObservation observation, String host) {
            this.observation = observation;
            this.host = host;
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
                        MinimalLwm2mResponder responder = startMinimalResponder(host, udpPort, observation, started);
                        responderCounters = responder.counters();
                        udpPort = responder.port();
                    } else {
                        EmbeddedLwm2mServer server = dtls
                                ? EmbeddedLwm2mServer.startSecure(new FleetSecurityStore(groups, pki), pki.server(),
                                        pki.caCertificate(), host, udpPort, coapsPort, gate)
                                : EmbeddedLwm2mServer.start(host, udpPort, gate);
                        started.add(server::close);
                        udpPort = server.coapAddress().getPort();
                        if (dtls) {
                            coapsPort = server.coapsAddress().getPort();
                        }
                        leshan = server;
                    }
                }
                if (!streams.isEmpty()) {
                    EmbeddedTcpLwm2mServer server = EmbeddedTcpLwm2mServer.start(streams, tlsPki, host, streamPorts, gate);
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

        /**
         * Serves {@code configs} from the bootstrap server, starting it on first use (it then stays
         * up through an outage of the other servers); stops the other servers when it cannot start.
         */
        synchronized void serveBootstrap(BootstrapConfigSource configs, List<DeviceGroup> served) {
            warnUnserved(served.stream().filter(g -> warned.add(g.name())).toList());
            bootstrapConfigs = configs;
            if (bootstrap != null) {
                return;
            }
            try {
                bootstrap = startBootstrap(endpoint -> bootstrapConfigs.configFor(endpoint), served, host);
            } catch (RuntimeException e) {
                try {
                    stopServers();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }

        @Override
        public synchronized void close() throws Exception {
            EmbeddedBootstrapServer stopping = bootstrap;
            try {
                if (stopping != null) {
                    stopping.close();
                }
            } finally {
                stopServers();
            }
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

    private static FleetPki newPki(String host) {
        try {
            return FleetPki.create("fleetsim run CA", host);
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
    private static MinimalLwm2mResponder startMinimalResponder(String host, int port, ResponderObservation observation,
            List<AutoCloseable> closers) {
        int sockets = MinimalLwm2mResponder.defaultSockets();
        Vertx vertx = FleetVertx.create(new VertxOptions().setEventLoopPoolSize(sockets).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1), CpuUsage.SERVER_THREAD_PREFIX);
        MinimalLwm2mResponder responder = MinimalLwm2mResponder.start(vertx, host, port, sockets, observation).await();
        closers.add(() -> {
            responder.close().await();
            vertx.close().await();
        });
        return responder;
    }
}
