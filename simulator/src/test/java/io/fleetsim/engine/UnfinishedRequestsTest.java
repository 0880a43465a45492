package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.FailureKind;
import io.fleetsim.metrics.RunTotals;
import io.fleetsim.server.MinimalLwm2mResponder;
import io.vertx.core.Vertx;

/**
 * Requests in flight when the clock ends: they get until the end of the stop to finish, and
 * those still without an answer then are counted as unfinished, against the success ratio.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UnfinishedRequestsTest {

    @TempDir
    Path results;

    @Test
    void registrationsNeverAnsweredAreUnfinishedAndTheRatioIsZero() throws IOException {
        // Nothing listens on the discard port of loopback; with the default CoAP timeouts (93 s at
        // most) no Register has failed yet when the 1 s stop timeout ends.
        var scenario = Scenarios.parse("""
                name: unanswered
                durationSeconds: 2
                target: coap://127.0.0.1:9
                fleet:
                  count: 5
                  endpointPrefix: unanswered-
                arrival:
                  rate: 100
                thresholds:
                  - registration.successRatio >= 99%
                  - errors.ratio < 1%
                """);
        RunOptions options = new RunOptions(results, Duration.ofMillis(200), 1, Duration.ofSeconds(1),
                line -> { }, dir -> { }, false);

        RunOutcome outcome = FleetEngine.run(scenario, RunTarget.external("127.0.0.1", 9), options);

        JsonNode registration = summary().path("registration");
        assertThat(registration.path("attempts").asLong()).isEqualTo(5);
        assertThat(registration.path("unfinished").asLong()).isEqualTo(5);
        assertThat(registration.path("successRatio").asDouble()).isZero();
        assertThat(outcome.summary().thresholds()).allSatisfy(t -> assertThat(t.pass()).isFalse());
        assertThat(outcome.summary().thresholds().get(1).observed()).as("errors.ratio").isEqualTo(1.0);
        assertThat(outcome.passed()).isFalse();
    }

    @Test
    void requestsInFlightWhenTheClockEndsFinishDuringTheStopAndAreNotCountedUnfinished() throws IOException {
        Vertx serverVertx = Vertx.vertx();
        MinimalLwm2mResponder responder = MinimalLwm2mResponder.start(serverVertx).await();
        try {
            // Each way takes 400 ms: the devices starting in the last 800 ms of the run have their
            // Register in flight when the clock ends.
            var scenario = Scenarios.parse("""
                    name: inflight
                    durationSeconds: 2
                    fleet:
                      count: 40
                      endpointPrefix: inflight-
                      nat: {idleTimeoutSeconds: 3600, delayMs: 400}
                    arrival:
                      rate: 20
                    thresholds:
                      - registration.successRatio >= 100%
                    """);
            RunOptions options = RunOptions.defaults(results).withShards(1);

            FleetEngine engine = FleetEngine.start(scenario, RunTarget.external("127.0.0.1", responder.port()), options);
            engine.awaitEnd();
            RunOutcome outcome = engine.stop();

            RunTotals totals = outcome.summary().totals();
            assertThat(outcome.summary().registeredAtEnd()).as("registered when the clock ended").isLessThan(40);
            assertThat(totals.get(Counter.REGISTRATIONS)).isEqualTo(totals.get(Counter.REGISTRATION_ATTEMPTS));
            assertThat(totals.inFlight(FailureKind.REGISTRATION)).isZero();
            assertThat(totals.successRatio(FailureKind.REGISTRATION)).isEqualTo(1.0);
            assertThat(totals.get(Counter.DEREGISTRATIONS)).as("each then de-registered")
                    .isEqualTo(totals.get(Counter.REGISTRATIONS));
            assertThat(totals.inFlight(FailureKind.DEREGISTRATION)).isZero();
            assertThat(summary().path("registration").path("unfinished").asLong()).isZero();
            assertThat(outcome.passed()).isTrue();
            assertThat(engine.leftovers()).isEqualTo(new FleetEngine.Leftovers(0, 0, 0));
        } finally {
            responder.close().await();
            serverVertx.close().await();
        }
    }

    private JsonNode summary() throws IOException {
        return new ObjectMapper().readTree(results.resolve("summary.json").toFile());
    }
}
