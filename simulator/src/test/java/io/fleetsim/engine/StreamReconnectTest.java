package io.fleetsim.engine;

import static io.fleetsim.engine.Waiting.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.FailureKind;
import io.fleetsim.metrics.LatencyMetric;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.Transport;

/**
 * A TCP device whose path dies (the server falls silent, closes the connection, or sends a frame
 * too large) finds out, connects again, registers again, and the run counts the reconnect; a TLS
 * device that connects again resumes its TLS session when its group says so.
 * Pings every 60 s, Pong timeout 30 s, at 60x: one simulated minute per wall second.
 */
@Timeout(120)
class StreamReconnectTest {

    private static final String KEEPALIVE = "keepalive:\n  coapPingSeconds: 60\n  pongTimeoutSeconds: 30";
    private static final String SLOW_UPDATES = "lifetimeSeconds: 36000\ntimeScale: 60";

    @RegisterExtension
    final StreamServerExtension stream = new StreamServerExtension();

    @TempDir
    Path results;

    private FleetEngine start(String name, int count) throws Exception {
        Scenario scenario = StreamTransports.fleet(name, count, Transport.TCP, KEEPALIVE, SLOW_UPDATES);
        return stream.startRegistered(scenario, Transport.TCP, count, results);
    }

    @Test
    void aSilentServerIsFoundDeadAfterPingIntervalPlusPongTimeoutAndDevicesRegisterAgain() throws Exception {
        FleetEngine engine = start("silent", 5);
        waitFor(() -> engine.totals().get(Counter.PINGS) >= 5, 20_000); // pings answered: still alive
        assertThat(engine.totals().failures(FailureKind.CONNECTION)).isEmpty();

        stream.server().blackhole(true);
        long silentAt = engine.clock().nowMillis();
        waitFor(() -> engine.totals().failures(FailureKind.CONNECTION).getOrDefault("pong-timeout", 0L) >= 5, 20_000);
        long detectedAfter = engine.clock().nowMillis() - silentAt;

        // The last activity was at most one ping interval before the silence began.
        assertThat(detectedAfter).as("simulated ms until the dead path was found").isBetween(30_000L, 95_000L);
        assertThat(engine.registeredNow()).isLessThan(5);

        stream.server().blackhole(false);
        waitFor(() -> engine.totals().get(Counter.RECONNECTS) >= 5 && engine.registeredNow() == 5, 60_000);
        RunOutcome outcome = engine.stop();

        assertThat(outcome.summary().totals().get(Counter.RECONNECTS)).isGreaterThanOrEqualTo(5);
        assertThat(outcome.summary().histograms().get(LatencyMetric.RECONNECT).getTotalCount())
                .isEqualTo(outcome.summary().totals().get(Counter.RECONNECTS));
        assertThat(outcome.summary().histograms().get(LatencyMetric.RECONNECT).getMinValue())
                .as("reconnect time includes the silence after detection").isPositive();
    }

    @Test
    void aConnectionClosedByTheServerIsCountedAndTheDeviceRegistersAgain() throws Exception {
        FleetEngine engine = start("closed", 3);
        String firstLocation = stream.server().registration("closed-000001").orElseThrow().location();

        assertThat(stream.server().disconnect("closed-000001")).isTrue();

        waitFor(() -> engine.totals().get(Counter.RECONNECTS) == 1 && engine.registeredNow() == 3, 20_000);
        assertThat(engine.totals().failures(FailureKind.CONNECTION)).containsEntry("closed-by-server", 1L);
        assertThat(stream.server().registration("closed-000001").orElseThrow().location()).isNotEqualTo(firstLocation);
        RunOutcome outcome = engine.stop();
        assertThat(outcome.summary().totals().get(Counter.DEREGISTRATIONS)).isEqualTo(3);
    }

    @Test
    void anOversizeFrameClosesTheConnectionIsCountedAndTheRunGoesOn() throws Exception {
        FleetEngine engine = start("big", 2);
        byte[] header = {(byte) 0xF0, 0x00, 0x10, 0x00, 0x00, 0x45}; // Len 15: 65805 + 1 MiB of body follow

        stream.server().sendRaw("big-000000", header);

        waitFor(() -> engine.totals().get(Counter.FRAMES_TOO_LARGE) == 1, 20_000);
        waitFor(() -> engine.totals().get(Counter.RECONNECTS) == 1 && engine.registeredNow() == 2, 20_000);
        assertThat(engine.totals().failures(FailureKind.CONNECTION)).containsEntry("frame-too-large", 1L);
        RunOutcome outcome = engine.stop();
        assertThat(outcome.summary().totals().get(Counter.DEREGISTRATIONS)).isEqualTo(2);
    }

    /**
     * TLS devices whose connections the server closes connect again: with {@code sessionResumption: true}
     * each resumes its own session (abbreviated handshake), without it each does a full handshake; a
     * device's first connection is always a full handshake, never a resumption of another device's session.
     */
    @ParameterizedTest(name = "sessionResumption: {0}, with a client certificate: {1}")
    @CsvSource({"true, false", "false, false", "true, true"})
    void tlsDevicesReconnectingResumeTheirOwnSessionsOnlyWhenAskedTo(boolean resumption, boolean x509) throws Exception {
        int count = 3;
        String name = "resume-" + resumption + "-" + x509;
        String security = "security:\n" + (x509 ? "  mode: x509\n" : "") + "  sessionResumption: " + resumption;
        Scenario scenario = StreamTransports.fleet(name, count, Transport.TLS, security, SLOW_UPDATES);
        FleetEngine engine = FleetEngine.start(scenario, stream.target(Transport.TLS),
                RunOptions.defaults(results));
        assertThat(engine.awaitRegistered(count, 30_000)).as(count + " registered over tls").isTrue();

        for (int i = 0; i < count; i++) {
            assertThat(stream.server().disconnect(name + "-00000" + i)).as("the server closes device %d's connection", i).isTrue();
        }
        waitFor(() -> engine.totals().get(Counter.RECONNECTS) == count && engine.registeredNow() == count, 30_000);
        RunOutcome outcome = engine.stop();

        JsonNode tls = new ObjectMapper().readTree(outcome.resultsDir().resolve("summary.json").toFile()).path("tls");
        assertThat(tls.path("handshakes").asLong()).as("first connections and reconnections: " + tls).isEqualTo(2 * count);
        assertThat(tls.path("resumedHandshakes").asLong()).as("reconnections that resumed: " + tls)
                .isEqualTo(resumption ? count : 0);
    }
}
