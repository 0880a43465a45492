package io.fleetsim.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;


import io.fleetsim.scenario.Scenario;
import io.vertx.core.Vertx;

/**
 * A small fleet against each {@link HostileCase}: nothing crashes, the run finishes with its
 * report, the failure is counted under the case's own cause and no other, and nothing is left
 * behind (timers, open exchanges, device sockets, file descriptors). Runs at 20x: 40 simulated
 * seconds take 2 s; the CoAP timeouts stay at RFC 7252's 2 s so that a busy machine does not turn
 * slow answers into timeouts.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileServerTest {

    private static final int DEVICES = 4;
    private static final double TIME_SCALE = HostileOutcome.TIME_SCALE;
    private static Vertx serverVertx;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServerVertx(@TempDir Path warmup) throws Exception {
        serverVertx = Vertx.vertx();
        // One run first, so that the file descriptors the JVM keeps for loaded classes are open
        // before any case counts them.
        run(HostileCase.DUPLICATED_RESPONSES, warmup);
    }

    @AfterAll
    static void stopServerVertx() {
        serverVertx.close().await();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = HostileCase.class, mode = EnumSource.Mode.MATCH_NONE, names = "TCP_.*")
    void theFailureIsCountedUnderItsCauseAndNothingLeaks(HostileCase hostile) throws Exception {
        List<String> fdsBefore = InProcessRun.openFileDescriptors();

        CaseOutcome outcome = run(hostile, dir);

        HostileOutcome.assertCountedAndClean(hostile, outcome.run(), dir, DEVICES, fdsBefore);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = HostileCase.class, names = "SERVICE_UNAVAILABLE")
    void aDeviceWaitsAtLeastMaxAgeAfterServiceUnavailable(HostileCase hostile) throws Exception {
        CaseOutcome outcome = run(hostile, dir);

        long maxAgeWallNanos = (long) (HostileLwm2mServer.MAX_AGE_SECONDS * 1e9 / TIME_SCALE);
        List<Long> gaps = new ArrayList<>();
        outcome.arrivals().values().forEach(times -> {
            for (int i = 1; i < times.size(); i++) {
                gaps.add(times.get(i) - times.get(i - 1));
            }
        });
        assertThat(gaps).as("devices tried again after a 5.03").isNotEmpty();
        assertThat(gaps).allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(maxAgeWallNanos * 95 / 100));
    }

    record CaseOutcome(InProcessRun run, Map<String, List<Long>> arrivals) {
    }

    static CaseOutcome run(HostileCase hostile, Path dir) throws IOException {
        HostileLwm2mServer server = HostileLwm2mServer.start(serverVertx, hostile).await();
        try {
            Scenario scenario = InProcessRun.scenario(hostile.key(), DEVICES, server.port(), HostileOutcome.RUN_SETTINGS);
            InProcessRun run = InProcessRun.of(scenario, server.port(), dir);
            return new CaseOutcome(run, server.registerArrivals());
        } finally {
            server.close().await();
        }
    }
}
