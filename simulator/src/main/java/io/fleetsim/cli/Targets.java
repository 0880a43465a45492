package io.fleetsim.cli;

import java.net.URI;

import io.fleetsim.engine.RunTarget;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.server.EmbeddedLwm2mServer;

/** The server of a run: the scenario's {@code target}, or an embedded Leshan server on loopback. */
final class Targets {

    static final int DEFAULT_COAP_PORT = 5683;

    private Targets() {
    }

    static RunTarget start(Scenario scenario) {
        if (scenario.target() == null) {
            EmbeddedLwm2mServer server = EmbeddedLwm2mServer.start();
            return new RunTarget(server.coapAddress().getHostString(), server.coapAddress().getPort(), true,
                    server::close);
        }
        URI uri = URI.create(scenario.target());
        int port = uri.getPort() > 0 ? uri.getPort() : DEFAULT_COAP_PORT;
        return RunTarget.external(uri.getHost().replaceAll("^\\[|]$", ""), port);
    }
}
