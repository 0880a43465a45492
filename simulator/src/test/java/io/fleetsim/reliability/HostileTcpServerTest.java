package io.fleetsim.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetsim.engine.RunTarget;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.ScenarioLoader;
import io.fleetsim.scenario.Transport;
import io.fleetsim.security.FleetPki;
import io.fleetsim.transport.TransportEndpoints;
import io.vertx.core.Vertx;

/**
 * The TCP rows of {@link HostileCase}, each over plain TCP and over TLS: a small CoAP-over-TCP
 * fleet against {@link HostileTcpLwm2mServer}, with the checks of {@link HostileServerTest}: the run
 * finishes with its report, registration failures are counted under the case's cause and no other,
 * the devices kept connecting again (with back-off), and no timer, exchange, device socket or file
 * descriptor is left behind. One body for both transports; TLS devices trust the test's CA.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileTcpServerTest {

    private static final int DEVICES = 4;
    private static Vertx serverVertx;
    private static FleetPki pki;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServerVertx(@TempDir Path warmup) throws Exception {
        serverVertx = Vertx.vertx();
        pki = FleetPki.create("hostile server test CA");
        // A run over each transport first, so that descriptors the JVM keeps once classes are
        // loaded are open before any case counts.
        for (Transport transport : HostileCase.TCP_CSM_MAX_MESSAGE_SIZE_HUGE.streamTransports()) {
            run(HostileCase.TCP_CSM_MAX_MESSAGE_SIZE_HUGE, transport, warmup.resolve(transport.key()));
        }
    }

    @AfterAll
    static void stopServerVertx() {
        serverVertx.close().await();
    }

    static Stream<Arguments> casesOverEachTransport() {
        return Arrays.stream(HostileCase.values()).filter(c -> c.transport() == Transport.TCP)
                .flatMap(c -> c.streamTransports().stream().map(t -> Arguments.of(c, t)));
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("casesOverEachTransport")
    void theFailureIsCountedUnderItsCauseAndNothingLeaks(HostileCase hostile, Transport transport) throws Exception {
        List<String> fdsBefore = InProcessRun.openFileDescriptors();

        Outcome outcome = run(hostile, transport, dir);

        assertThat(outcome.tlsConnections()).as("connections over TLS")
                .isEqualTo(transport == Transport.TLS ? outcome.connections() : 0);
        JsonNode summary = HostileOutcome.assertCountedAndClean(hostile, outcome.run(), dir, DEVICES, fdsBefore);
        if (hostile.cause() != null) {
            assertThat(outcome.connections()).as("devices connected again after the failure")
                    .isGreaterThan(DEVICES);
        }
        if (hostile == HostileCase.TCP_HUGE_RESPONSE) {
            assertThat(summary.path("connections").path("framesTooLarge").asLong()).isGreaterThanOrEqualTo(DEVICES);
        }
    }

    record Outcome(InProcessRun run, int connections, int tlsConnections) {
    }

    static Outcome run(HostileCase hostile, Transport transport, Path dir) throws IOException {
        FleetPki tls = transport == Transport.TLS ? pki : null;
        HostileTcpLwm2mServer server = HostileTcpLwm2mServer.start(serverVertx, hostile, tls).await();
        try {
            String name = hostile.key() + "-" + transport.key();
            Scenario scenario = ScenarioLoader.parse("""
                    name: %s
                    target: %s://127.0.0.1:%d
                    fleet:
                      count: %d
                      endpointPrefix: %s-
                      transport: %s
                    arrival:
                      rate: 1000
                    %s""".formatted(name, transport == Transport.TLS ? "coaps+tcp" : "coap+tcp", server.port(), DEVICES,
                    name, transport.key(), HostileOutcome.RUN_SETTINGS), Path.of(name + ".yaml"));
            RunTarget target = RunTarget.external("127.0.0.1", server.port()).withEndpoints(
                    TransportEndpoints.NONE.with(transport, "127.0.0.1", server.port()).withPki(tls));
            InProcessRun run = InProcessRun.of(scenario, target, dir);
            return new Outcome(run, server.connections(), server.tlsConnections());
        } finally {
            server.close().await();
        }
    }
}
