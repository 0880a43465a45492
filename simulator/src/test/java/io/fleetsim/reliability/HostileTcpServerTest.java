package io.fleetsim.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.ScenarioLoader;
import io.vertx.core.Vertx;

/**
 * The TCP rows of {@link HostileCase}: a small CoAP-over-TCP fleet against
 * {@link HostileTcpLwm2mServer}, with the checks of {@link HostileServerTest}: the run finishes
 * with its report, registration failures are counted under the case's cause and no other, the
 * devices kept connecting again (with back-off), and no timer, exchange, device socket or file
 * descriptor is left behind.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileTcpServerTest {

    private static final int DEVICES = 4;
    private static final double TIME_SCALE = 20;
    private static Vertx serverVertx;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServerVertx(@TempDir Path warmup) throws Exception {
        serverVertx = Vertx.vertx();
        // One run first, so that descriptors the JVM keeps once classes are loaded are open before any case counts.
        run(HostileCase.TCP_CSM_MAX_MESSAGE_SIZE_HUGE, warmup);
    }

    @AfterAll
    static void stopServerVertx() {
        serverVertx.close().await();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = HostileCase.class, mode = EnumSource.Mode.MATCH_ALL, names = "TCP_.*")
    void theFailureIsCountedUnderItsCauseAndNothingLeaks(HostileCase hostile) throws Exception {
        List<String> fdsBefore = InProcessRun.openFileDescriptors();

        Outcome outcome = run(hostile, dir);

        JsonNode summary = HostileOutcome.assertCountedAndClean(hostile, outcome.run(), dir, DEVICES, fdsBefore);
        if (hostile.cause() != null) {
            assertThat(outcome.connections()).as("devices connected again after the failure")
                    .isGreaterThan(DEVICES);
        }
        if (hostile == HostileCase.TCP_HUGE_RESPONSE) {
            assertThat(summary.path("connections").path("framesTooLarge").asLong()).isGreaterThanOrEqualTo(DEVICES);
        }
    }

    record Outcome(InProcessRun run, int connections) {
    }

    static Outcome run(HostileCase hostile, Path dir) throws IOException {
        HostileTcpLwm2mServer server = HostileTcpLwm2mServer.start(serverVertx, hostile).await();
        try {
            Scenario scenario = ScenarioLoader.parse("""
                    name: %s
                    target: coap+tcp://127.0.0.1:%d
                    fleet:
                      count: %d
                      endpointPrefix: %s-
                      transport: tcp
                    arrival:
                      rate: 1000
                    durationSeconds: 40
                    timeScale: %s
                    lifetimeSeconds: 60
                    updateIntervalSeconds: 5
                    coap:
                      ackTimeoutMs: 2000
                      maxRetransmit: 1
                    registrationRetry:
                      initialSeconds: 1
                      maxSeconds: 2
                    """.formatted(hostile.key(), server.port(), DEVICES, hostile.key(), TIME_SCALE),
                    Path.of(hostile.key() + ".yaml"));
            InProcessRun run = InProcessRun.of(scenario, server.port(), dir);
            return new Outcome(run, server.connections());
        } finally {
            server.close().await();
        }
    }
}
