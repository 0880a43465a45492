package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.fleetsim.scenario.Scenario;
import io.fleetsim.server.EmbeddedLwm2mServer;

/**
 * The embedded Leshan server of a test class, on loopback: started before its first test and
 * stopped after its last. Register it as a static field: {@code @RegisterExtension static final
 * LeshanServerExtension LESHAN = new LeshanServerExtension();}.
 */
final class LeshanServerExtension implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedLwm2mServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = EmbeddedLwm2mServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop();
    }

    EmbeddedLwm2mServer server() {
        return server;
    }

    /** A CoAP/UDP target at the server; the server stays up after the run. */
    RunTarget target() {
        return RunTarget.external("127.0.0.1", server.coapAddress().getPort());
    }

    /** Starts a run of {@code scenario} against the server and waits until {@code count} devices registered. */
    FleetEngine startRegistered(Scenario scenario, int count, Path results) throws Exception {
        FleetEngine engine = FleetEngine.start(scenario, target(), RunOptions.defaults(results));
        assertThat(engine.awaitRegistered(count, 20_000)).as("all %d registered", count).isTrue();
        return engine;
    }
}
