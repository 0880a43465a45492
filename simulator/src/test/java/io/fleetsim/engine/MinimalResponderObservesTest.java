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
import io.fleetsim.server.ResponderObservation;
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
        double perSecond;
        try {
            assertThat(engine.awaitRegistered(devices, 20_000)).as("devices registered").isTrue();
            waitFor(() -> counters.observationsStarted() >= devices, 5_000);
            // a device that registers again (a Register retried after a timeout) is observed again
            assertThat(counters.observeRequests()).as("one observe per accepted Register")
                    .isEqualTo(counters.registrations()).isGreaterThanOrEqualTo(devices);
            assertThat(counters.observationsStarted()).as("observations the devices accepted")
                    .isEqualTo(counters.observeRequests());
            assertThat(counters.attributesRequests()).as("no attributes asked, none written").isZero();
            Thread.sleep(1_500); // every device past its first step
            perSecond = perSecond(counters, 5_000);
        } finally {
            outcome = engine.stop();
            responder.close().await();
        }
        // no pmin/pmax: every step of the walk changes the value (two decimals), so one notification
        // per device and step, here one a second
        // (the benchmark's 0.66 was the run's whole time, registration and stop included, in the divisor)
        assertThat(perSecond / devices).as("notifications per device per second").isBetween(0.9, 1.1);

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

    @Test
    void aPminTheResponderWritesBoundsTheRateOfAFastChangingValue() throws Exception {
        // a step every 0.5 s would be 2 notifications a second; pmin 2 leaves one every 2 s
        double perSecond = observedWithAttributes(2L, null, 0.5);
        assertThat(perSecond / 20).as("notifications per device per second").isBetween(0.4, 0.6);
    }

    @Test
    void aPmaxTheResponderWritesMakesAnUnchangingValueNotify() throws Exception {
        // the value changes once an hour; pmax 2 still brings one notification every 2 s
        double perSecond = observedWithAttributes(null, 2L, 3600);
        assertThat(perSecond / 20).as("notifications per device per second").isBetween(0.4, 0.6);
    }

    /**
     * 20 devices observed by a responder that writes {@code pmin}/{@code pmax} first: the
     * notifications per second it counts over 4 s.
     */
    private double observedWithAttributes(Long pmin, Long pmax, double changeEverySeconds) throws Exception {
        int devices = 20;
        MinimalLwm2mResponder responder = MinimalLwm2mResponder.start(serverVertx, 0, 1,
                new ResponderObservation("/3303/0/5700", pmin, pmax)).await();
        FleetEngine engine = FleetEngine.start(Scenarios.parse("""
                name: attributes
                durationSeconds: 3600
                fleet:
                  count: %d
                  endpointPrefix: attr-
                  transport: udp
                  objects: [{id: 3303, changeEverySeconds: %s}]
                arrival:
                  rate: 2000
                """.formatted(devices, changeEverySeconds)),
                RunTarget.external("127.0.0.1", responder.port()), RunOptions.defaults(results));
        ResponderCounters counters = responder.counters();
        try {
            assertThat(engine.awaitRegistered(devices, 20_000)).as("devices registered").isTrue();
            waitFor(() -> counters.observationsStarted() >= devices, 5_000);
            assertThat(counters.attributesRequests()).as("one Write-Attributes per accepted Register")
                    .isEqualTo(counters.registrations()).isGreaterThanOrEqualTo(devices);
            assertThat(counters.attributesWritten()).as("Write-Attributes answered 2.04").isGreaterThanOrEqualTo(devices);
            assertThat(counters.attributesRefused()).isZero();
            assertThat(counters.observeRequests()).as("an Observe after each answered Write-Attributes")
                    .isEqualTo(counters.attributesWritten());
            assertThat(counters.observationsStarted()).as("observations the devices accepted")
                    .isGreaterThanOrEqualTo(devices);
            Thread.sleep(2_500); // every device past its first period
            return perSecond(counters, 4_000);
        } finally {
            engine.stop();
            responder.close().await();
        }
    }

    @Test
    void periodsThatCannotBeAreRefusedByName() {
        assertThatThrownBy(() -> new ResponderObservation("/3303/0/5700", -1L, null))
                .hasMessage("pmin -1 is not a number of seconds (0 or more)");
        assertThatThrownBy(() -> new ResponderObservation("/3303/0/5700", null, 0L))
                .hasMessage("pmax 0 is not a number of seconds (1 or more)");
        assertThatThrownBy(() -> new ResponderObservation("/3303/0/5700", 10L, 5L))
                .hasMessageStartingWith("pmax 5 is less than pmin 10");
    }

    /** The notifications per second the responder counts in the next {@code millis} of wall time. */
    private static double perSecond(ResponderCounters counters, long millis) throws InterruptedException {
        long first = notifications(counters);
        long start = System.nanoTime();
        Thread.sleep(millis);
        long last = notifications(counters);
        return (last - first) / ((System.nanoTime() - start) / 1e9);
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
