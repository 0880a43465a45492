package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.request.BindingMode;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.server.queue.PresenceListener;
import org.eclipse.leshan.server.registration.Registration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.SummaryJson;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.server.EmbeddedLwm2mServer;

/**
 * Leshan, on loopback, and queue-mode devices with per-group registration settings: Leshan sees
 * queue mode, the group's lifetime and binding; a Read sent while the device sleeps goes unheard,
 * and one sent when Leshan sees the device awake again (its next Update) is answered.
 */
@Timeout(30)
class QueueModeAgainstLeshanTest {

    private static EmbeddedLwm2mServer leshan;

    @TempDir
    Path results;

    @BeforeAll
    static void startLeshan() {
        leshan = EmbeddedLwm2mServer.start();
    }

    @AfterAll
    static void stopLeshan() {
        leshan.stop();
    }

    @Test
    void aSleepingDeviceDropsTheReadAndAnswersOneSentAfterItsNextUpdate() throws Exception {
        Scenario scenario = Scenarios.parse("""
                name: queue
                durationSeconds: 3600
                groups:
                  - count: 1
                    endpointPrefix: sleepy-
                    lifetimeSeconds: 120
                    updateIntervalSeconds: 3
                    keepalive: {queueMode: true, awakeSeconds: 1}
                  - count: 1
                    endpointPrefix: awake-
                    binding: UN
                arrival:
                  rate: 1000
                """);
        FleetEngine engine = FleetEngine.start(scenario, RunTarget.external("127.0.0.1",
                leshan.coapAddress().getPort()), RunOptions.defaults(results));
        RunOutcome outcome;
        CompletableFuture<ReadResponse> afterWaking = new CompletableFuture<>();
        PresenceListener presence = new PresenceListener() {
            @Override
            public void onAwake(Registration registration) {
                // what a queue-mode application does with Leshan: send when the device is seen awake
                if (registration.getEndpoint().startsWith("sleepy-") && !afterWaking.isDone()) {
                    leshan.leshan().send(registration, new ReadRequest(3, 0, 9), 2_000,
                            afterWaking::complete, afterWaking::completeExceptionally);
                }
            }

            @Override
            public void onSleeping(Registration registration) {
            }
        };
        try {
            assertThat(engine.awaitRegistered(2, 10_000)).isTrue();
            String sleepyName = endpoint("sleepy-");
            String awakeName = endpoint("awake-");
            Registration sleepy = leshan.registration(sleepyName).orElseThrow();
            assertThat(sleepy.usesQueueMode()).isTrue();
            assertThat(sleepy.getLifeTimeInSec()).isEqualTo(120L);
            Registration awake = leshan.registration(awakeName).orElseThrow();
            assertThat(awake.usesQueueMode()).isFalse();
            assertThat(awake.getLifeTimeInSec()).isEqualTo(300L);
            assertThat(awake.getBindingMode()).containsExactlyInAnyOrder(BindingMode.U, BindingMode.N);

            // the device listens 1 s after its Register; Leshan believes it awake for 93 s
            Thread.sleep(1_500);
            assertThatThrownBy(() -> leshan.send(sleepyName, new ReadRequest(3, 0, 9), Duration.ofMillis(900)))
                    .isInstanceOf(TimeoutException.class);
            // the device that is not in queue mode answers at once
            assertThat(leshan.send(awakeName, new ReadRequest(3, 0, 9), Duration.ofSeconds(2)).isSuccess()).isTrue();

            leshan.leshan().getPresenceService().addListener(presence);
            ReadResponse read = afterWaking.get(8, TimeUnit.SECONDS);
            assertThat(read.isSuccess()).isTrue();
            assertThat(((LwM2mSingleResource) read.getContent()).getValue()).isInstanceOf(Long.class);
        } finally {
            leshan.leshan().getPresenceService().removeListener(presence);
            outcome = engine.stop();
        }
        var totals = outcome.summary().totals();
        assertThat(totals.get(Counter.QUEUE_REQUESTS_WHILE_ASLEEP)).isPositive();
        assertThat(totals.get(Counter.UPDATES)).as("the Update that woke it").isPositive();
        // the sleeping device is reachable about a third of its time, the other one all of it
        assertThat(totals.reachability()).isLessThan(0.9);
        @SuppressWarnings("unchecked")
        Map<String, Object> queueMode = (Map<String, Object>) SummaryJson.build(outcome.summary()).get("queueMode");
        assertThat(queueMode.get("requestsWhileAsleep")).isEqualTo(totals.get(Counter.QUEUE_REQUESTS_WHILE_ASLEEP));
    }

    private static String endpoint(String prefix) {
        return leshan.registrations().stream().map(Registration::getEndpoint).filter(e -> e.startsWith(prefix))
                .findFirst().orElseThrow(() -> new AssertionError("no registration starting with " + prefix));
    }
}
