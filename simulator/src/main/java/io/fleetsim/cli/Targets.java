package io.fleetsim.cli;

import java.net.URI;
import java.util.List;

import io.fleetsim.base.FleetVertx;
import io.fleetsim.engine.EmbeddedServers;
import io.fleetsim.engine.RunTarget;
import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.TargetUri;
import io.fleetsim.scenario.Transport;
import io.fleetsim.security.FleetPki;
import io.fleetsim.transport.TransportEndpoints;
import io.fleetsim.transport.dtls.DtlsTarget;

/**
 * The server of a run or a sweep: the scenario's {@code target}, or embedded servers on loopback,
 * one endpoint per transport the groups use (Leshan or the minimal responder for udp, secure
 * Leshan for dtls, java-coap for tcp and tls).
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
        if (embedded == Embedded.MINIMAL && scenario.server().any()) {
            throw new BadInputException("--server minimal: the minimal responder has no registration limit; "
                    + "use --server leshan, or remove server.registrationLimit from the scenario");
        }
        if (!scenario.server().any()) {
            return startEmbedded(scenario.groups(), embedded, pki);
        }
        return EmbeddedServers.start(scenario.groups(), false, pki, scenario.server(), scenario.timeScale());
    }

    /** Embedded servers for {@code groups}: see {@link EmbeddedServers#start}. */
    static RunTarget startEmbedded(List<DeviceGroup> groups, Embedded embedded, FleetPki pki) {
        if (embedded == Embedded.MINIMAL && groups.stream().anyMatch(g -> g.transport() == Transport.DTLS)) {
            throw new BadInputException("--server minimal: the minimal responder has no DTLS endpoint; "
                    + "use --server leshan for dtls groups");
        }
        return EmbeddedServers.start(groups, embedded == Embedded.MINIMAL, pki);
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
        FleetPki tlsPki = transport == Transport.TLS && SecureRuns.tlsWithCertificates(scenario.groups()) ? pki : null;
        try {
            FleetVertx.literal(host); // a name that does not resolve is bad input, not a run of failures
        } catch (IllegalArgumentException e) {
            throw new BadInputException("target " + scenario.target() + ": " + e.getMessage());
        }
        RunTarget target = RunTarget.external(host, port)
                .withEndpoints(TransportEndpoints.NONE.with(transport, host, port).withPki(tlsPki));
        return transport == Transport.DTLS ? target.withDtls(new DtlsTarget(host, port, pki)) : target;
    }
}
