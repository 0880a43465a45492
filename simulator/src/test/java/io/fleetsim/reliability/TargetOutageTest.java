package io.fleetsim.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetsim.server.MinimalLwm2mResponder;
import io.vertx.core.Vertx;

/**
 * {@link FaultCase#TARGET_DOWN_AND_BACK}: the server goes away mid-run and a new one comes back on
 * the same port; devices fail, back off, and register again, and timeline.csv shows the dip.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TargetOutageTest {

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
    void devicesBackOffDuringAnOutageAndReturnWhenTheServerDoes() throws Exception {
        AtomicReference<MinimalLwm2mResponder> server =
                new AtomicReference<>(MinimalLwm2mResponder.start(serverVertx).await());
        int port = server.get().port();
        var scenario = InProcessRun.scenario("outage", DEVICES, port, """
                durationSeconds: 120
                timeScale: 20
                lifetimeSeconds: 30
                updateIntervalSeconds: 4
                coap:
                  ackTimeoutMs: 1000
                  maxRetransmit: 1
                registrationRetry:
                  initialSeconds: 1
                  maxSeconds: 4
                """);

        InProcessRun run = InProcessRun.of(scenario, port, dir, engine -> {
            assertThat(engine.awaitRegistered(DEVICES, 5_000)).isTrue();
            sleep(600);
            server.get().close().await();           // down for 30 simulated seconds
            sleep(1_500);
            server.set(MinimalLwm2mResponder.start(serverVertx, port).await());
        });

        List<Long> registered = run.registeredTimeline();
        int firstFull = registered.indexOf((long) DEVICES);
        int dip = indexOfFirst(registered, firstFull, v -> v == 0);
        int back = indexOfFirst(registered, dip, v -> v == DEVICES);
        assertThat(firstFull).as("all registered before the outage: %s", registered).isNotNegative();
        assertThat(dip).as("registered drops to 0 during the outage: %s", registered).isPositive();
        assertThat(back).as("all registered again after it: %s", registered).isPositive();
        JsonNode summary = run.summary();
        assertThat(summary.path("complete").asBoolean()).isTrue();
        assertThat(summary.path("update").path("failures").path("timeout").asLong()).isGreaterThanOrEqualTo(DEVICES);
        assertThat(summary.path("registration").path("successes").asLong()).isGreaterThanOrEqualTo(2L * DEVICES);
        assertThat(summary.path("devices").path("registeredAtEnd").asLong()).isEqualTo(DEVICES);
        assertThat(dir.resolve("report.html")).isNotEmptyFile();
        server.get().close().await();
    }

    private static int indexOfFirst(List<Long> values, int from, java.util.function.LongPredicate test) {
        if (from < 0) {
            return -1;
        }
        for (int i = from; i < values.size(); i++) {
            if (test.test(values.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
