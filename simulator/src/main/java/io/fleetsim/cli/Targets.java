package io.fleetsim.cli;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.fleetsim.engine.EmbeddedServers;
import io.fleetsim.engine.GroupEndpoints;
import io.fleetsim.engine.RunTarget;
import io.fleetsim.engine.ServerHost;
import io.fleetsim.server.ResponderObservation;
import io.fleetsim.metrics.ShardMetrics;
import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.TargetUri;
import io.fleetsim.scenario.Transport;
import io.fleetsim.security.FleetPki;
import io.fleetsim.transport.HostAddresses;
import io.fleetsim.transport.TransportEndpoints;
import io.fleetsim.transport.dtls.DtlsTarget;

/**
 * The server of a run or a sweep: the scenario's {@code target}, or embedded servers on loopback,
 * one endpoint per transport the groups without a target of their own use (Leshan or the minimal
 * responder for udp, secure Leshan for dtls, java-coap for tcp and tls).
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
        return start(scenario, embedded, pki, null);
    }

    /**
     * As {@link #start(Scenario, Embedded, FleetPki)}, the minimal responder observing
     * {@code observation} (or null).
     */
    static RunTarget start(Scenario scenario, Embedded embedded, FleetPki pki, ResponderObservation observation) {
        return start(scenario, embedded, pki, observation, ServerHost.DEFAULT);
    }

    /**
     * As {@link #start(Scenario, Embedded, FleetPki, ResponderObservation)}, the embedded servers
     * listening on {@code serverHost} ({@code --server-host}, checked with {@link ServerHost#check}).
     */
    static RunTarget start(Scenario scenario, Embedded embedded, FleetPki pki, ResponderObservation observation,
            String serverHost) {
        checkNames(scenario);
        List<DeviceGroup> withoutTarget = scenario.groups().stream().filter(g -> !g.target().hasOwnUri()).toList();
        RunTarget main;
        if (scenario.target() != null) {
            main = external(scenario.target(), scenario.groups(), pki);
        } else if (!withoutTarget.isEmpty()) {
            main = startProtected(scenario, withoutTarget, embedded, pki, observation, serverHost);
        } else {
            main = external(scenario.groups().get(0).target().uri(), scenario.groups(), pki);
        }
        RunTarget target = withOwnTargets(main, scenario.groups(), pki);
        try {
            return EmbeddedServers.withBootstrap(target, scenario.groups(), scenario::lifetime, serverHost);
        } catch (RuntimeException e) {
            try {
                target.closer().close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Embedded servers for {@code groups}, behind the scenario's registration limit if it sets one. */
    private static RunTarget startProtected(Scenario scenario, List<DeviceGroup> groups, Embedded embedded,
            FleetPki pki, ResponderObservation observation, String serverHost) {
        if (embedded == Embedded.MINIMAL && scenario.server().any()) {
            throw new BadInputException("--server minimal: the minimal responder has no registration limit; "
                    + "use --server leshan, or remove server.registrationLimit from the scenario");
        }
        boolean minimal = observation != null || embedded == Embedded.MINIMAL;
        refuseMinimalDtls(groups, minimal);
        return EmbeddedServers.start(groups, minimal, pki, scenario.server(), scenario.timeScale(), observation,
                scenario::lifetime, serverHost);
    }

    /**
     * Whether a run of {@code scenario} starts embedded servers: for the groups without a target
     * when the scenario has none, and the bootstrap server when a group asks for it.
     */
    static boolean startsEmbedded(Scenario scenario) {
        boolean withoutTarget = scenario.target() == null
                && scenario.groups().stream().anyMatch(g -> !g.target().hasOwnUri());
        return withoutTarget || scenario.groups().stream().anyMatch(g -> g.target().embeddedBootstrap());
    }

    /**
     * Groups with a target of their own go there (see io.fleetsim.engine.GroupEndpoints); the run
     * target only needs what they share: the CoAPS credentials of dtls groups, the PKI tls trusts.
     */
    private static RunTarget withOwnTargets(RunTarget main, List<DeviceGroup> groups, FleetPki pki) {
        RunTarget target = main;
        for (DeviceGroup group : groups) {
            if (!group.target().hasOwnUri()) {
                continue;
            }
            URI uri = URI.create(group.target().uri());
            if (group.transport() == Transport.DTLS && target.dtls() == null) {
                target = target.withDtls(new DtlsTarget(host(uri), uri.getPort(), pki));
            }
            if (group.transport() == Transport.TLS && target.endpoints().pki() == null
                    && SecureRuns.tlsWithCertificates(groups)) {
                target = target.withEndpoints(target.endpoints().withPki(pki));
            }
        }
        return target;
    }

    /**
     * Every server host name must resolve, looked up as the run will look it up (the scenario's
     * DNS server, or the system's): a name that does not is bad input, not a run of failures.
     */
    private static void checkNames(Scenario scenario) {
        List<String> uris = new ArrayList<>();
        if (scenario.target() != null) {
            uris.add(scenario.target());
        }
        scenario.groups().stream().filter(g -> g.target().hasOwnUri()).forEach(g -> uris.add(g.target().uri()));
        try (HostAddresses hosts = GroupEndpoints.hostAddresses(scenario, new ShardMetrics())) {
            for (String uri : uris) {
                try {
                    hosts.address(host(URI.create(uri)));
                } catch (IllegalArgumentException e) {
                    throw new BadInputException("target " + uri + ": " + e.getMessage());
                }
            }
        }
    }

    private static String host(URI uri) {
        return uri.getHost().replaceAll("^\\[|]$", "");
    }

    /** Embedded servers for {@code groups}: see {@link EmbeddedServers#start}. */
    static RunTarget startEmbedded(List<DeviceGroup> groups, Embedded embedded, FleetPki pki) {
        refuseMinimalDtls(groups, embedded == Embedded.MINIMAL);
        return EmbeddedServers.start(groups, embedded == Embedded.MINIMAL, pki);
    }

    private static void refuseMinimalDtls(List<DeviceGroup> groups, boolean minimal) {
        if (minimal && groups.stream().anyMatch(g -> g.transport() == Transport.DTLS)) {
            throw new BadInputException("--server minimal: the minimal responder has no DTLS endpoint; "
                    + "use --server leshan for dtls groups");
        }
    }

    /**
     * The user's server. Its TLS devices trust the run's CA and show their certificates when a tls
     * group uses x509; otherwise they trust the JVM's trust store (a server with a public certificate).
     */
    private static RunTarget external(String targetUri, List<DeviceGroup> groups, FleetPki pki) {
        URI uri = URI.create(targetUri);
        int port = uri.getPort() > 0 ? uri.getPort() : DEFAULT_COAP_PORT;
        String host = host(uri);
        Transport transport = TargetUri.transportOf(uri.getScheme());
        FleetPki tlsPki = transport == Transport.TLS && SecureRuns.tlsWithCertificates(groups) ? pki : null;
        RunTarget target = RunTarget.external(host, port)
                .withEndpoints(TransportEndpoints.NONE.with(transport, host, port).withPki(tlsPki));
        return transport == Transport.DTLS ? target.withDtls(new DtlsTarget(host, port, pki)) : target;
    }
}
