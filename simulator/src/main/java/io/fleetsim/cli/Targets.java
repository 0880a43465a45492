package io.fleetsim.cli;

import java.net.URI;

import io.fleetsim.engine.RunTarget;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.server.EmbeddedLwm2mServer;
import io.fleetsim.server.MinimalLwm2mResponder;
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
        if (scenario.target() == null && embedded == Embedded.MINIMAL) {
            return startMinimalResponder();
        }
        if (scenario.target() == null) {
            EmbeddedLwm2mServer server = EmbeddedLwm2mServer.start();
            return new RunTarget(server.coapAddress().getHostString(), server.coapAddress().getPort(), true,
                    server::close, io.fleetsim.nat.ProbeTarget.of(server));
        }
        URI uri = URI.create(scenario.target());
        int port = uri.getPort() > 0 ? uri.getPort() : DEFAULT_COAP_PORT;
        return RunTarget.external(uri.getHost().replaceAll("^\\[|]$", ""), port);
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
