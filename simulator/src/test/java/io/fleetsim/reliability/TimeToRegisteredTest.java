package io.fleetsim.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetsim.server.MinimalLwm2mResponder;
import io.vertx.core.Vertx;

/**
 * Time to registered counts from a device's intended start to its first success, back-off
 * included, while the per-attempt registration latency restarts at each retry.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TimeToRegisteredTest {

    private static final int DEVICES = 10;

    @TempDir
    Path dir;

    private Vertx serverVertx;

    @BeforeEach
    void startVertx() {
        serverVertx = Vertx.vertx();
    }

    @AfterEach
    void stopVertx() {
        serverVertx.close().await();
    }

    @Test
    void timeToRegisteredIncludesTheBackOffBeforeTheServerAnswered() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        var scenario = InProcessRun.scenario("ttr", DEVICES, port, """
                durationSeconds: 60
                timeScale: 20
                lifetimeSeconds: 300
                coap:
                  ackTimeoutMs: 1000
                  maxRetransmit: 0
                registrationRetry:
                  initialSeconds: 1
                  maxSeconds: 2
                  jitter: 0
                thresholds:
                  - timeToRegistered.p99 < 1s
                  - registration.p99 < 5s
                """);
        MinimalLwm2mResponder[] server = new MinimalLwm2mResponder[1];
        InProcessRun run = InProcessRun.of(scenario, port, dir, engine -> {
            long serverUpAt = 15_000; // simulated ms: devices have failed and backed off for 15 s
            while (engine.clock().nowMillis() < serverUpAt) {
                sleep(20);
            }
            server[0] = MinimalLwm2mResponder.start(serverVertx, port).await();
        });
        JsonNode summary = run.summary();
        JsonNode registration = summary.path("registration");
        assertThat(summary.path("devices").path("registered").asLong()).isEqualTo(DEVICES);
        JsonNode ttr = registration.path("timeToRegisteredMs");
        assertThat(ttr.path("count").asLong()).as("one sample per registered device").isEqualTo(DEVICES);
        assertThat(ttr.path("min").asDouble()).as("back-off until the server came, in ms: %s", ttr)
                .isGreaterThanOrEqualTo(14_000);
        assertThat(registration.path("latencyMs").path("p99").asDouble())
                .as("a retry's latency counts from that retry").isLessThan(5_000);
        JsonNode thresholds = summary.path("thresholds");
        assertThat(thresholds.get(0).path("pass").asBoolean()).isFalse();
        assertThat(thresholds.get(0).path("observed").asDouble()).isGreaterThanOrEqualTo(14_000);
        assertThat(thresholds.get(1).path("pass").asBoolean()).isTrue();
        assertThat(java.nio.file.Files.readString(dir.resolve("report.html")))
                .contains("Time to registered (back-off included)");
        server[0].close().await();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
