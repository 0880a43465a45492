package io.fleetsim.cli;

import java.net.URI;

import io.fleetsim.engine.RunTarget;
import io.fleetsim.nat.ProbeTarget;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.server.EmbeddedLwm2mServer;
import io.fleetsim.server.FleetSecurityStore;
import io.fleetsim.server.MinimalLwm2mResponder;
import io.fleetsim.security.FleetPki;
import io.fleetsim.transport.dtls.DtlsTarget;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/** The server of a run: the scenario's {@code target}, or an embedded Leshan server on loopback. */
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
     * The run's server; {@code pki} (needed when a group uses DTLS) gives the embedded server its
     * identity and the devices their keys.
     */
    static RunTarget start(Scenario scenario, Embedded embedded, FleetPki pki) {
        boolean dtls = SecureRuns.usesDtls(scenario);
        if (scenario.target() == null && embedded == Embedded.MINIMAL) {
            if (dtls) {
                throw new BadInputException("--server minimal: the minimal responder has no DTLS endpoint; "
                        + "use --server leshan for dtls groups");
            }
            return startMinimalResponder();
        }
        if (scenario.target() == null && dtls) {
            EmbeddedLwm2mServer server = EmbeddedLwm2mServer.startSecure(
                    new FleetSecurityStore(scenario.groups(), pki), pki.server(), pki.caCertificate());
            return new RunTarget(server.coapAddress().getHostString(), server.coapAddress().getPort(), true,
                    server::close, new DtlsTarget(server.coapsAddress().getHostString(), server.coapsAddress().getPort(), pki),
                    ProbeTarget.of(server));
        }
        if (scenario.target() == null) {
            EmbeddedLwm2mServer server = EmbeddedLwm2mServer.start();
            return new RunTarget(server.coapAddress().getHostString(), server.coapAddress().getPort(), true,
                    server::close, null, ProbeTarget.of(server));
        }
        URI uri = URI.create(scenario.target());
        int port = uri.getPort() > 0 ? uri.getPort() : DEFAULT_COAP_PORT;
        String host = uri.getHost().replaceAll("^\\[|]$", "");
        RunTarget target = RunTarget.external(host, port);
        return "coaps".equals(uri.getScheme()) ? target.withDtls(new DtlsTarget(host, port, pki)) : target;
    }

    /** The minimal registration responder on a Vert.x instance of its own (one event loop). */
    private static RunTarget startMinimalResponder() {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        MinimalLwm2mResponder responder = MinimalLwm2mResponder.start(vertx).await();
        return new RunTarget("127.0.0.1", responder.port(), true, () -> {
            responder.close().await();
            vertx.close().await();
        });
    }
}
