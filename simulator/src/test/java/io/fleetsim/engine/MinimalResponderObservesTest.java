package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.SummaryJson;
import io.fleetsim.server.MinimalLwm2mResponder;
import io.fleetsim.server.ResponderCounters;
import io.vertx.core.Vertx;

/**
 * The minimal responder started with an observe path observes that resource on every device that
 * registers and counts the notifications the devices send: the benchmark's server side of an
 * observation load.
 */
@Timeout(60)
class MinimalResponderObservesTest {

    private final Vertx serverVertx = Vertx.vertx();

    @TempDir
    Path results;

    @AfterEach
    void stop() {
        serverVertx.close().await();
    }

    @Test
    void everyRegisteredDeviceIsObservedAndItsNotificationsCountedOnce() throws Exception {
        int devices = 50;
        MinimalLwm2mResponder responder = MinimalLwm2mResponder.start(serverVertx, 0, 2, "/3303/0/5700").await();
        // one step of the sensor a second: up to one notification per device per second; every 3rd a CON
        FleetEngine engine = FleetEngine.start(Scenarios.parse("""
                name: observed
                durationSeconds: 3600
                fleet:
                  count: %d
                  endpointPrefix: observed-
                  transport: udp
                  objects: [{id: 3303, changeEverySeconds: 1}]
                  notifications: {type: non, conEvery: 3}
                arrival:
                  rate: 2000
                """.formatted(devices)),
                RunTarget.external("127.0.0.1", responder.port()), RunOptions.defaults(results).withShards(2));
        ResponderCounters counters = responder.counters();
        RunOutcome outcome;
        long before;
        long after;
        double seconds;
        try {
            assertThat(engine.awaitRegistered(devices, 20_000)).as("devices registered").isTrue();
            waitFor(() -> counters.observationsStarted() >= devices, 5_000);
            // a device that registers again (a Register retried after a timeout) is observed again
            assertThat(counters.observeRequests()).as("one observe per accepted Register")
                    .isEqualTo(counters.registrations()).isGreaterThanOrEqualTo(devices);
            assertThat(counters.observationsStarted()).as("observations the devices accepted")
                    .isEqualTo(counters.observeRequests());
            before = notifications(counters);
            long start = System.nanoTime();
            Thread.sleep(5_000);
            after = notifications(counters);
            seconds = (System.nanoTime() - start) / 1e9;
        } finally {
            outcome = engine.stop();
            responder.close().await();
        }
        double perDeviceAndSecond = (after - before) / seconds / devices;
        // at most one per step (no pmin/pmax set: the device notifies when its value changes); the
        // benchmark measured about two thirds of the steps notified, so the floor leaves room
        assertThat(perDeviceAndSecond).as("notifications per device per second").isBetween(0.4, 1.15);

        var totals = outcome.summary().totals();
        long sentCon = totals.get(Counter.NOTIFICATIONS_CON);
        long sentNon = totals.get(Counter.NOTIFICATIONS_NON);
        assertThat(sentCon).as("CON notifications sent").isPositive();
        assertThat(sentNon).as("NON notifications sent").isGreaterThan(sentCon);
        // what the devices say they sent, as summary.json says it, against what the responder counted;
        // the last few may still have been on their way when the responder closed
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) SummaryJson.build(outcome.summary()).get("notifications");
        assertThat(summary.get("sent")).isEqualTo(Map.of("CON", sentCon, "NON", sentNon));
        assertThat(counters.notificationsCon()).isBetween(sentCon - devices, sentCon);
        assertThat(counters.notificationsNon()).isBetween(sentNon - devices, sentNon);
        assertThat(totals.get(Counter.NOTIFICATIONS_ACKNOWLEDGED)).isEqualTo(counters.notificationsCon());
        assertThat(totals.get(Counter.NOTIFICATIONS_LOST)).isZero();
        assertThat(counters.observeRefused()).isZero();
        assertThat(timelineSum(outcome.resultsDir().resolve("timeline.csv"), "notifications"))
                .as("timeline.csv's notifications per period add up to the run's").isEqualTo(sentCon + sentNon);
        assertThat(timelineSum(outcome.resultsDir().resolve("timeline.csv"), "notificationsLost")).isZero();
    }

    private static long timelineSum(Path timeline, String column) throws java.io.IOException {
        java.util.List<String> lines = java.nio.file.Files.readAllLines(timeline);
        int index = java.util.Arrays.asList(lines.get(0).split(",")).indexOf(column);
        assertThat(index).as("column " + column + " in " + lines.get(0)).isNotNegative();
        return lines.stream().skip(1).mapToLong(line -> Long.parseLong(line.split(",")[index])).sum();
    }

    @Test
    void aPathThatIsNotAnObjectInstanceOrResourceIsRefusedByName() {
        assertThatThrownBy(() -> MinimalLwm2mResponder.observePath("3303/0/5700"))
                .hasMessageContaining("'3303/0/5700'").hasMessageContaining("/OBJECT/INSTANCE/RESOURCE");
        assertThatThrownBy(() -> MinimalLwm2mResponder.observePath("/3303/x/5700"))
                .hasMessageContaining("'x' is not an id");
        assertThatThrownBy(() -> MinimalLwm2mResponder.observePath("/3303/0/5700/1"))
                .hasMessageContaining("/3303/0/5700/1");
        assertThat(MinimalLwm2mResponder.observePath("/3303/0/5700")).containsExactly("3303", "0", "5700");
    }

    private static long notifications(ResponderCounters counters) {
        return counters.notificationsCon() + counters.notificationsNon();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
    }
}
