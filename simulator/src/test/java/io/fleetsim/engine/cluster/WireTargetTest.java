package io.fleetsim.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.fleetsim.engine.EmbeddedServers;
import io.fleetsim.engine.RunTarget;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.ScenarioLoader;
import io.vertx.core.json.JsonObject;

/**
 * The run's server as the coordinator sends it to its agents: the agents' devices bootstrap from
 * the coordinator's embedded bootstrap server, at the address it listens on.
 */
@Timeout(30)
class WireTargetTest {

    @Test
    void agentsGetTheEmbeddedBootstrapServersUri() throws Exception {
        Scenario scenario = ScenarioLoader.parse("""
                name: wire
                durationSeconds: 1
                groups:
                  - name: plain
                    count: 1
                    endpointPrefix: p-
                  - name: bootstrapping
                    count: 1
                    endpointPrefix: b-
                    bootstrap: true
                """, Path.of("wire.yaml"));
        RunTarget coordinators = EmbeddedServers.start(scenario.groups(), false, null);
        try (AutoCloseable closer = coordinators.closer()) {
            String uri = EmbeddedServers.bootstrapUri(coordinators).orElseThrow();

            // encoded and decoded as the event bus carries it
            RunTarget agents = Wire.target(new JsonObject(Wire.target(coordinators).encode()));

            assertThat(EmbeddedServers.bootstrapUri(agents)).contains(uri);
            assertThat(uri).matches("coap://127\\.0\\.0\\.1:\\d+");
            assertThat(EmbeddedServers.bootstrapSecureUri(agents)).as("no dtls psk group asks for it").isEmpty();
            assertThat(agents.uri()).isEqualTo(coordinators.uri());
        }
    }

    @Test
    void aTargetWithoutABootstrapServerGivesAgentsNone() throws Exception {
        Scenario scenario = ScenarioLoader.parse("""
                name: wire
                durationSeconds: 1
                fleet: {count: 1}
                """, Path.of("wire.yaml"));
        RunTarget coordinators = EmbeddedServers.start(scenario.groups(), false, null);
        try (AutoCloseable closer = coordinators.closer()) {
            RunTarget agents = Wire.target(new JsonObject(Wire.target(coordinators).encode()));

            assertThat(EmbeddedServers.bootstrapUri(agents)).isEmpty();
            assertThat(EmbeddedServers.bootstrapSecureUri(agents)).isEmpty();
        }
    }
}
