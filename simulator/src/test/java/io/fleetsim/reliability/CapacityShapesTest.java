package io.fleetsim.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetsim.engine.EmbeddedServers;
import io.fleetsim.engine.FleetEngine;
import io.fleetsim.metrics.Counter;
import io.fleetsim.server.MinimalLwm2mResponder;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.ScenarioLoader;
import io.vertx.core.Vertx;

/** Load stages and run events, each checked by its effect on a small fleet on loopback. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CapacityShapesTest {

    @TempDir
    Path dir;

    private Vertx serverVertx;
    private MinimalLwm2mResponder server;

    @BeforeEach
    void startServer() {
        serverVertx = Vertx.vertx();
        server = MinimalLwm2mResponder.start(serverVertx).await();
    }

    @AfterEach
    void stopServer() {
        server.close().await();
        serverVertx.close().await();
    }

    @Test
    void registeredDevicesFollowTheStagesAtEachStageEnd() throws Exception {
        Scenario scenario = ScenarioLoader.parse("""
                name: stages
                target: coap://127.0.0.1:%d
                fleet:
                  count: 60
                  endpointPrefix: st-
                durationSeconds: 36
                timeScale: 10
                arrival:
                  stages:
                    - {durationSeconds: 10, devices: 60}
                    - {durationSeconds: 10, devices: 60}
                    - {durationSeconds: 10, devices: 20}
                """.formatted(server.port()), Path.of("stages.yaml"));
        long[] at = {5_300, 10_300, 20_300, 30_300, 35_000};
        List<Long> registered = new ArrayList<>();
        long[] readAt = new long[1];
        InProcessRun run = InProcessRun.of(scenario, server.port(), dir, engine -> {
            for (long moment : at) {
                awaitClock(engine, moment);
                registered.add(engine.registeredNow());
                if (moment == at[0]) {
                    readAt[0] = engine.clock().nowMillis();
                }
            }
        });
        // on the ramp the plan moves 6 devices a simulated second: compare with the plan where the
        // count was read (a busy machine may read it a little after the moment asked for)
        double planned = Math.min(60, 6.0 * readAt[0] / 1000);
        assertThat(registered.get(0).doubleValue()).as("half way up: %s, read at %d ms", registered, readAt[0])
                .isCloseTo(planned, within(3.0));
        assertThat(registered.get(1)).as("end of stage 1: %s", registered).isBetween(58L, 60L);
        assertThat(registered.get(2)).as("end of stage 2: %s", registered).isBetween(58L, 60L);
        assertThat(registered.get(3)).as("end of stage 3: %s", registered).isBetween(20L, 21L);
        assertThat(registered.get(4)).as("holding after the last stage: %s", registered).isEqualTo(20);
        JsonNode summary = run.summary();
        assertThat(summary.path("devices").path("stoppedDuringRun").asLong()).isEqualTo(40);
        assertThat(summary.path("devices").path("registeredAtEnd").asLong()).isEqualTo(20);
        assertThat(summary.path("deregistration").path("count").asLong()).isEqualTo(60);
        JsonNode plan = summary.path("arrival").path("plan");
        assertThat(plan.toString()).as("the plan, holding to the run's end").isEqualTo("[{\"atSeconds\":0.0,\"devices\":0.0},"
                + "{\"atSeconds\":10.0,\"devices\":60.0},{\"atSeconds\":20.0,\"devices\":60.0},"
                + "{\"atSeconds\":30.0,\"devices\":20.0},{\"atSeconds\":36.0,\"devices\":20.0}]");
        JsonNode stages = summary.path("arrival").path("stages");
        assertThat(stages.findValuesAsText("stage")).containsExactly("1", "2", "3");
        // counted at the very moment: the device started then may still be registering, one stopped
        // then still de-registering
        assertThat(stages.get(0).path("registered").asLong()).as("at 10 s: %s", stages).isBetween(57L, 60L);
        assertThat(stages.get(1).path("registered").asLong()).as("at 20 s: %s", stages).isBetween(57L, 60L);
        assertThat(stages.get(2).path("registered").asLong()).as("at 30 s: %s", stages).isBetween(20L, 23L);
    }

    @Test
    void aGroupFollowsItsOwnArrivalAndIsJudgedOnItsOwnThresholds() throws Exception {
        Scenario scenario = ScenarioLoader.parse("""
                name: own
                target: coap://127.0.0.1:%d
                durationSeconds: 20
                timeScale: 10
                arrival:
                  rate: 1000
                groups:
                  - name: meters
                    count: 20
                    endpointPrefix: meter-
                  - name: trackers
                    count: 30
                    endpointPrefix: tracker-
                    arrival:
                      stopOrder: random
                      stages:
                        - {durationSeconds: 5, devices: 30}
                        - {durationSeconds: 5, devices: 10}
                thresholds:
                  - groups.trackers.devices.registeredAtEnd == 10
                  - groups.meters.devices.registeredAtEnd >= 20
                  - groups.trackers.registration.p99 < 5s
                  - groups.meters.timeToRegistered.max < 1ms
                """.formatted(server.port()), Path.of("own.yaml"));
        long[] early = new long[1];
        InProcessRun run = InProcessRun.of(scenario, server.port(), dir, engine -> {
            awaitClock(engine, 1_000);
            early[0] = engine.registeredNow();
        });
        assertThat(early[0]).as("meters all started at once, trackers ramp over 5 s").isBetween(20L, 28L);
        JsonNode summary = run.summary();
        JsonNode thresholds = summary.path("thresholds");
        assertThat(thresholds.get(0).path("observed").asDouble()).isEqualTo(10.0);
        assertThat(thresholds.get(0).path("pass").asBoolean()).isTrue();
        assertThat(thresholds.get(1).path("observed").asDouble()).isEqualTo(20.0);
        assertThat(thresholds.get(2).path("pass").asBoolean()).isTrue();
        assertThat(thresholds.get(3).path("pass").asBoolean()).as("a latency of the group, not 0").isFalse();
        assertThat(thresholds.get(3).path("observed").isNull()).isFalse();
        assertThat(summary.path("devices").path("registeredAtEnd").asLong()).isEqualTo(30);
    }

    @Test
    void aReconnectStormReRegistersItsShareWithinItsWindow() throws Exception {
        Scenario scenario = InProcessRun.scenario("storm", 40, server.port(), """
                durationSeconds: 16
                timeScale: 10
                events:
                  - {atSeconds: 5, reconnectStorm: {share: 0.5, withinSeconds: 4}}
                """);
        long[] registrations = new long[2];
        InProcessRun run = InProcessRun.of(scenario, server.port(), dir, engine -> {
            awaitClock(engine, 4_900);
            registrations[0] = engine.totals().get(Counter.REGISTRATIONS);
            awaitClock(engine, 9_800);
            registrations[1] = engine.totals().get(Counter.REGISTRATIONS);
        });
        assertThat(registrations[0]).as("before the storm").isEqualTo(40);
        assertThat(registrations[1]).as("the share registered again by the window's end").isEqualTo(60);
        JsonNode summary = run.summary();
        assertThat(summary.path("devices").path("sessionResets").asLong()).isEqualTo(20);
        assertThat(summary.path("registration").path("successes").asLong()).isEqualTo(60);
        assertThat(summary.path("devices").path("registeredAtEnd").asLong()).isEqualTo(40);
        assertThat(summary.path("events").get(0).path("kind").asText()).isEqualTo("reconnectStorm");
        assertThat(summary.path("events").get(0).path("parameters").path("share").asDouble()).isEqualTo(0.5);
    }

    @Test
    void churnKeepsTheFleetSizeWhileEndpointsChange() throws Exception {
        Scenario scenario = InProcessRun.scenario("churn", 30, server.port(), """
                durationSeconds: 12
                timeScale: 10
                events:
                  - {atSeconds: 3, churn: {perMinute: 600, forSeconds: 2}}
                """);
        List<Long> registered = new ArrayList<>();
        InProcessRun run = InProcessRun.of(scenario, server.port(), dir, engine -> {
            for (long moment : new long[] {2_800, 4_000, 6_000, 10_000}) {
                awaitClock(engine, moment);
                registered.add(engine.registeredNow());
            }
        });
        assertThat(registered).as("fleet size over time").allMatch(n -> n >= 29 && n <= 30);
        assertThat(registered.get(3)).isEqualTo(30);
        JsonNode devices = run.summary().path("devices");
        assertThat(devices.path("stoppedDuringRun").asLong()).isEqualTo(20);
        assertThat(devices.path("started").asLong()).as("20 new endpoints").isEqualTo(50);
        assertThat(devices.path("registered").asLong()).isEqualTo(50);
        assertThat(devices.path("registeredAtEnd").asLong()).isEqualTo(30);
    }

    @Test
    void anEmbeddedTcpServerOutageDropsConnectionsThatComeBackAfterIt() throws Exception {
        Scenario scenario = ScenarioLoader.parse("""
                name: outage-tcp
                durationSeconds: 30
                timeScale: 5
                lifetimeSeconds: 60
                fleet:
                  count: 10
                  endpointPrefix: tcp-out-
                  transport: tcp
                arrival:
                  rate: 1000
                registrationRetry:
                  initialSeconds: 1
                  maxSeconds: 2
                events:
                  - {atSeconds: 6, serverOutage: {seconds: 8}}
                """, Path.of("outage-tcp.yaml"));
        long[] during = new long[1];
        InProcessRun run = InProcessRun.of(scenario, EmbeddedServers.start(scenario.groups(), false, null), dir,
                engine -> {
                    awaitClock(engine, 12_000);
                    during[0] = engine.registeredNow();
                });
        JsonNode summary = run.summary();
        assertThat(during[0]).as("registered while the server was down").isZero();
        assertThat(summary.path("connections").path("lost").path("closed-by-server").asLong())
                .as("connections the stopped server closed").isGreaterThanOrEqualTo(10);
        assertThat(summary.path("registration").path("failures").size()).as("failures: %s", summary.path("registration"))
                .isPositive();
        assertThat(summary.path("devices").path("registeredAtEnd").asLong()).isEqualTo(10);
    }

    @Test
    void anEmbeddedServerOutageFailsDevicesThatAllRegisterAgainAfterIt() throws Exception {
        Scenario scenario = ScenarioLoader.parse("""
                name: outage
                durationSeconds: 30
                timeScale: 5
                lifetimeSeconds: 30
                updateIntervalSeconds: 3
                fleet:
                  count: 20
                  endpointPrefix: out-
                arrival:
                  rate: 1000
                coap:
                  ackTimeoutMs: 1000
                  maxRetransmit: 1
                registrationRetry:
                  initialSeconds: 1
                  maxSeconds: 2
                events:
                  - {atSeconds: 6, serverOutage: {seconds: 8}}
                """, Path.of("outage.yaml"));
        InProcessRun run = InProcessRun.of(scenario, EmbeddedServers.start(scenario.groups(), false, null), dir);
        JsonNode summary = run.summary();
        assertThat(summary.path("update").path("failures").path("timeout").asLong())
                .as("updates unanswered while the server was down").isGreaterThanOrEqualTo(20);
        assertThat(summary.path("registration").path("successes").asLong())
                .as("every device registered again with the fresh server").isGreaterThanOrEqualTo(40);
        assertThat(summary.path("devices").path("registeredAtEnd").asLong()).isEqualTo(20);
        assertThat(summary.path("registration").path("timeToRegisteredMs").path("count").asLong()).isEqualTo(20);
        assertThat(summary.path("events").get(0).path("kind").asText()).isEqualTo("serverOutage");
    }

    private static void awaitClock(FleetEngine engine, long simMillis) {
        while (engine.clock().nowMillis() < simMillis) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
