package io.fleetsim.engine;

import static io.fleetsim.engine.Waiting.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.FailureKind;
import io.fleetsim.metrics.LatencyMetric;
import io.fleetsim.metrics.RunTotals;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.Transport;

/**
 * TCP devices behind the emulated carrier NAT (a 240 s established timeout, as Azure's load
 * balancer has) against the embedded CoAP-over-TCP server on loopback: a device that pings less
 * often than the timeout is black-holed and finds out through its Pong timeout ({@code drop}) or
 * its first frame after the expiry ({@code rst}), connects again and registers again; the
 * reconnect is timed from the exact expiry. Either way the dead connection's close cannot pass
 * the NAT, so the server keeps it open, half-open, beside the new one until the run stops. A
 * device that pings more often keeps its mapping. Simulated times below; timeScale 300.
 */
@Timeout(120)
class TcpNatTest {

    private static final long NAT_SECONDS = 240;
    private static final long PING_SECONDS = 540;
    private static final long PONG_SECONDS = 30;

    @RegisterExtension
    final StreamServerExtension stream = new StreamServerExtension();

    @TempDir
    Path results;

    private static Scenario scenario(String name, int count, long durationSeconds, long pingSeconds, String expiry) {
        return scenario(name, count, durationSeconds, pingSeconds, PONG_SECONDS, expiry);
    }

    private static Scenario scenario(String name, int count, long durationSeconds, long pingSeconds,
            long pongSeconds, String expiry) {
        return Scenarios.parse("""
                name: %s
                durationSeconds: %d
                timeScale: 300
                lifetimeSeconds: 36000
                fleet:
                  count: %d
                  endpointPrefix: %s-
                  transport: tcp
                  keepalive: {coapPingSeconds: %d, pongTimeoutSeconds: %d}
                  nat: {profile: azure-lb, tcpExpiry: %s}
                arrival:
                  rate: 2000
                """.formatted(name, durationSeconds, count, name, pingSeconds, pongSeconds, expiry));
    }

    private FleetEngine start(Scenario scenario, int count) throws Exception {
        return stream.startRegistered(scenario, Transport.TCP, count, results);
    }

    @Test
    void aDevicePingingLessOftenThanTheNatTimeoutIsBlackHoledFindsOutAndReconnectsTimedFromTheExpiry()
            throws Exception {
        FleetEngine engine = start(scenario("tcpdrop", 3, 36000, PING_SECONDS, "drop"), 3);

        waitFor(() -> engine.totals().get(Counter.NAT_EXPIRIES) >= 3, 20_000);
        CompletableFuture<?> read = stream.server().read("tcpdrop-000000", "/3/0/9", null, Duration.ofMillis(300));
        assertThat(engine.registeredNow()).as("the devices do not know yet").isEqualTo(3);
        assertThat(failsOrTimesOut(read)).as("a server request into the black hole is lost").isTrue();

        waitFor(() -> engine.totals().get(Counter.RECONNECTS) >= 3 && engine.registeredNow() == 3, 30_000);
        assertThat(stream.server().openConnections()).as("the server still holds the black-holed connections")
                .isGreaterThanOrEqualTo(2 * 3);
        RunOutcome outcome = engine.stop();
        RunTotals totals = outcome.summary().totals();

        assertAbandonedUntilTheRunStopped(engine, outcome, 3);
        assertThat(totals.failures(FailureKind.CONNECTION)).containsKey("pong-timeout").doesNotContainKey("nat-reset");
        assertThat(totals.get(Counter.NAT_REBINDINGS)).as("a new connection after the expiry").isGreaterThanOrEqualTo(3);
        assertThat(totals.get(Counter.NAT_RESETS)).isZero();
        assertThat(totals.get(Counter.NAT_DROPPED_DEAD_MAPPING)).as("the ping went into the black hole").isPositive();
        Histogram reconnect = outcome.summary().histograms().get(LatencyMetric.RECONNECT);
        assertThat(reconnect.getTotalCount()).isEqualTo(totals.get(Counter.RECONNECTS));
        // Expiry 240 s after the last frame; Ping at 540 s, unanswered until 570 s: 330 s at least.
        long blackHole = (PING_SECONDS + PONG_SECONDS - NAT_SECONDS) * 1_000_000;
        assertThat(reconnect.getMinValue()).as("µs from the expiry to registered again")
                .isGreaterThanOrEqualTo(blackHole - 1_000_000);
        assertThat(reconnect.getMaxValue()).isLessThan(blackHole + 120_000_000);
        Histogram detect = outcome.summary().histograms().get(LatencyMetric.RECONNECT_DETECT);
        assertThat(detect.getTotalCount()).as("the NAT broke the path: detection time known").isPositive();
        assertThat(detect.getMinValue()).isGreaterThanOrEqualTo(blackHole - 1_000_000);
    }

    @Test
    void withRstTheFirstFrameAfterTheExpiryResetsTheConnectionAndTheDeviceReconnectsAtOnce() throws Exception {
        long pongSeconds = 120; // a long Pong timeout, so that a reset is told from it with room to spare
        FleetEngine engine = start(scenario("tcprst", 3, 36000, PING_SECONDS, pongSeconds, "rst"), 3);

        waitFor(() -> engine.totals().get(Counter.RECONNECTS) >= 3 && engine.registeredNow() == 3, 30_000);
        assertThat(stream.server().openConnections()).as("the reset came for a new port: the old connection stays")
                .isGreaterThanOrEqualTo(2 * 3);
        RunOutcome outcome = engine.stop();
        RunTotals totals = outcome.summary().totals();

        assertAbandonedUntilTheRunStopped(engine, outcome, 3);
        assertThat(totals.get(Counter.NAT_RESETS)).isGreaterThanOrEqualTo(3);
        assertThat(totals.failures(FailureKind.CONNECTION)).containsKey("nat-reset").doesNotContainKey("pong-timeout");
        assertThat(totals.get(Counter.NAT_REBINDINGS)).isGreaterThanOrEqualTo(3);
        Histogram reconnect = outcome.summary().histograms().get(LatencyMetric.RECONNECT);
        // Expiry 240 s after the last frame, reset by the Ping at 540 s: no Pong timeout to wait for.
        long untilPing = (PING_SECONDS - NAT_SECONDS) * 1_000_000;
        assertThat(reconnect.getMinValue()).isGreaterThanOrEqualTo(untilPing - 1_000_000);
        assertThat(reconnect.getMaxValue()).as("sooner than a Pong timeout would tell")
                .isLessThan(untilPing + pongSeconds * 1_000_000);
    }

    @Test
    void aDevicePingingMoreOftenThanTheNatTimeoutKeepsItsMappingAndStaysReachable() throws Exception {
        RunOutcome outcome = FleetEngine.run(scenario("tcpkeep", 3, 1800, 200, "drop"),
                stream.target(Transport.TCP), RunOptions.defaults(results));
        RunTotals totals = outcome.summary().totals();

        assertThat(totals.get(Counter.PINGS)).as("pings every 200 s over 1800 s").isGreaterThanOrEqualTo(3 * 7);
        assertThat(totals.get(Counter.NAT_EXPIRIES)).isZero();
        assertThat(totals.get(Counter.NAT_REBINDINGS)).isZero();
        assertThat(totals.get(Counter.NAT_MAPPINGS_CREATED)).as("one connection per device").isEqualTo(3);
        assertThat(totals.get(Counter.RECONNECTS)).isZero();
        assertThat(totals.get(Counter.NAT_ABANDONED_CONNECTIONS)).isZero();
        assertThat(totals.reachability()).isGreaterThanOrEqualTo(0.99);
        // Traffic cost over TCP: each Ping and its Pong; a CSM each way per connection, and the
        // device's Release when the run ends.
        assertThat(totals.get(Counter.TRAFFIC_KEEPALIVE_SENT)).isEqualTo(totals.get(Counter.PINGS));
        assertThat(totals.get(Counter.TRAFFIC_KEEPALIVE_RECEIVED)).isEqualTo(totals.get(Counter.PINGS));
        assertThat(totals.get(Counter.TRAFFIC_HANDSHAKE_SENT)).isEqualTo(2 * 3);
        assertThat(totals.get(Counter.TRAFFIC_HANDSHAKE_RECEIVED)).isEqualTo(3);
        assertThat(totals.get(Counter.TRAFFIC_REGISTRATION_SENT)).as("a Register and a De-register per device")
                .isEqualTo(2 * 3);
    }

    @Test
    void aNatRebootBlackHolesTlsConnectionsUntilTheirNextPingGoesUnanswered() throws Exception {
        Scenario scenario = Scenarios.parse("""
                name: tlsflush
                durationSeconds: 36000
                timeScale: 300
                lifetimeSeconds: 36000
                fleet:
                  count: 3
                  endpointPrefix: tlsflush-
                  transport: tls
                  keepalive: {coapPingSeconds: 60, pongTimeoutSeconds: 30}
                  nat: {idleTimeoutSeconds: 240, flushAtSeconds: [300]}
                arrival:
                  rate: 2000
                """);
        FleetEngine engine = stream.startRegistered(scenario, Transport.TLS, 3, results);

        waitFor(() -> engine.totals().get(Counter.RECONNECTS) >= 3 && engine.registeredNow() == 3, 30_000);
        RunOutcome outcome = engine.stop();
        RunTotals totals = outcome.summary().totals();

        assertThat(totals.get(Counter.NAT_FLUSHED)).isEqualTo(3);
        assertAbandonedUntilTheRunStopped(engine, outcome, 3);
        assertThat(totals.get(Counter.NAT_EXPIRIES)).as("pings every 60 s keep a 240 s mapping").isZero();
        assertThat(totals.get(Counter.NAT_REBINDINGS)).isEqualTo(3);
        assertThat(totals.failures(FailureKind.CONNECTION)).containsEntry("pong-timeout", 3L);
        // The flush comes at most 60 s after a Ping; the next Ping and its Pong timeout follow.
        assertThat(outcome.summary().histograms().get(LatencyMetric.RECONNECT).getMinValue())
                .isGreaterThanOrEqualTo(PONG_SECONDS * 1_000_000);
    }

    /**
     * At least {@code devices} connections were abandoned, as summary.json says; once the run
     * stopped, no device socket or timer is left and the server holds no connection any more.
     */
    private void assertAbandonedUntilTheRunStopped(FleetEngine engine, RunOutcome outcome, int devices)
            throws Exception {
        long abandoned = outcome.summary().totals().get(Counter.NAT_ABANDONED_CONNECTIONS);
        assertThat(abandoned).isGreaterThanOrEqualTo(devices);
        JsonNode nat = new ObjectMapper().readTree(outcome.resultsDir().resolve("summary.json").toFile()).path("nat");
        assertThat(nat.path("abandonedConnections").asLong()).isEqualTo(abandoned);
        assertThat(nat.path("abandonedClosedEarly").asLong()).isZero();
        assertThat(engine.leftovers()).isEqualTo(new FleetEngine.Leftovers(0, 0, 0));
        waitFor(() -> stream.server().openConnections() == 0, 10_000);
    }

    private static boolean failsOrTimesOut(CompletableFuture<?> request) throws InterruptedException {
        try {
            request.get();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }
}
