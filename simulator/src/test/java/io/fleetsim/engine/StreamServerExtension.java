package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.Transport;
import io.fleetsim.security.FleetPki;
import io.fleetsim.server.tcp.EmbeddedTcpLwm2mServer;

/**
 * The embedded TCP and TLS server of a test, with its own PKI: started before each test and
 * closed after it. Register it as a field: {@code @RegisterExtension final StreamServerExtension
 * stream = new StreamServerExtension();}.
 */
final class StreamServerExtension implements BeforeEachCallback, AfterEachCallback {

    private FleetPki pki;
    private EmbeddedTcpLwm2mServer server;

    @Override
    public void beforeEach(ExtensionContext context) {
        pki = StreamTransports.pki();
        server = StreamTransports.start(pki);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        server.close();
    }

    EmbeddedTcpLwm2mServer server() {
        return server;
    }

    /** The PKI the server's TLS certificate comes from. */
    FleetPki pki() {
        return pki;
    }

    /** A target for devices of {@code transport}; the server stays up after the run. */
    RunTarget target(Transport transport) {
        return StreamTransports.target(server, transport, pki);
    }

    /** Starts a run of {@code scenario}'s {@code transport} devices and waits until {@code count} registered. */
    FleetEngine startRegistered(Scenario scenario, Transport transport, int count, Path results) throws Exception {
        FleetEngine engine = FleetEngine.start(scenario, target(transport), RunOptions.defaults(results));
        assertThat(engine.awaitRegistered(count, 30_000)).as(count + " registered").isTrue();
        return engine;
    }
}
