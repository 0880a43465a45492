package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.leshan.server.registration.Registration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.SummaryJson;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.security.FleetPki;
import io.fleetsim.server.EmbeddedLwm2mServer;

/**
 * fleetsim's devices bootstrap from the embedded bootstrap server and register where it sends
 * them: udp, dtls-psk (the PSK it hands out) and tcp devices at the run's embedded servers, udp
 * devices at a server fleetsim did not start, with the lifetime it handed out.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FleetBootstrapTest {

    @TempDir
    Path results;

    @Test
    void udpDtlsPskAndTcpDevicesBootstrapThenRegisterAtTheEmbeddedServers() throws Exception {
        Scenario scenario = Scenarios.parse("""
                name: fleet-bootstrap
                durationSeconds: 3600
                lifetimeSeconds: 240
                groups:
                  - name: plain
                    count: 10
                    endpointPrefix: bs-plain-
                    transport: udp
                    bootstrap: true
                  - name: secure
                    count: 10
                    endpointPrefix: bs-secure-
                    transport: dtls
                    security: {mode: psk, pskKeySeed: "fleet bootstrap test"}
                    bootstrap: true
                  - name: stream
                    count: 10
                    endpointPrefix: bs-stream-
                    transport: tcp
                    bootstrap: true
                arrival: {rate: 200}
                """);
        FleetPki pki = FleetPki.create("fleet bootstrap test CA");
        RunTarget target = EmbeddedServers.start(scenario.groups(), false, pki, scenario.server(),
                scenario.timeScale(), null, scenario::lifetime);
        RunOutcome outcome;
        try (AutoCloseable servers = target.closer()) {
            FleetEngine engine = FleetEngine.start(scenario, target, RunOptions.defaults(results));
            boolean registered = engine.awaitRegistered(30, 30_000);
            outcome = engine.stop();
            assertThat(registered).as("all 30 registered after bootstrapping: %s", bootstrapBlock(outcome)).isTrue();
        }

        Map<String, Object> bootstrap = bootstrapBlock(outcome);
        assertThat(bootstrap.get("successes")).as("%s", bootstrap).isEqualTo(30L);
        assertThat(bootstrap.get("failures")).isEqualTo(Map.of());
        assertThat(outcome.summary().totals().get(Counter.BOOTSTRAP_ATTEMPTS)).isEqualTo(30);
        @SuppressWarnings("unchecked")
        Map<String, Object> latency = (Map<String, Object>) bootstrap.get("latencyMs");
        assertThat(latency.get("count")).isEqualTo(30L);
        assertThat(outcome.summary().totals().get(Counter.REGISTRATIONS)).isEqualTo(30);
        assertThat(outcome.summary().totals().get(Counter.DTLS_HANDSHAKES)).as("the dtls devices' sessions")
                .isGreaterThanOrEqualTo(10);
        assertThat(outcome.summary().totals().get(Counter.DTLS_HANDSHAKE_FAILURES)).isZero();
    }

    @Test
    void devicesRegisterAtTheServerTheyWereHandedWithItsLifetime() throws Exception {
        try (EmbeddedLwm2mServer users = EmbeddedLwm2mServer.start()) {
            Scenario scenario = Scenarios.parse("""
                    name: handed-out
                    durationSeconds: 3600
                    lifetimeSeconds: 300
                    fleet:
                      count: 5
                      endpointPrefix: handed-
                      transport: udp
                      bootstrap: true
                    arrival: {rate: 200}
                    """);
            RunTarget target = EmbeddedServers.withBootstrap(
                    RunTarget.external("127.0.0.1", users.coapAddress().getPort()), scenario.groups(),
                    group -> java.time.Duration.ofSeconds(180));
            try (AutoCloseable bootstrap = target.closer()) {
                FleetEngine engine = FleetEngine.start(scenario, target, RunOptions.defaults(results));
                try {
                    assertThat(engine.awaitRegistered(5, 20_000)).isTrue();
                    Registration one = users.registration("handed-000003").orElseThrow();
                    assertThat(one.getLifeTimeInSec()).as("the handed-out lifetime, not the scenario's 300 s")
                            .isEqualTo(180);
                } finally {
                    engine.stop();
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> bootstrapBlock(RunOutcome outcome) {
        return (Map<String, Object>) SummaryJson.build(outcome.summary()).get("bootstrap");
    }
}
