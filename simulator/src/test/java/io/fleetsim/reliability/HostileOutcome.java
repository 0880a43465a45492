package io.fleetsim.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.fleetsim.engine.FleetEngine;

/**
 * The checks every hostile-server case shares, over UDP or TCP: the run finished with its report,
 * registration failures are counted under the case's cause and no other (or none, for a case that
 * should register), and no timer, exchange, device socket or file descriptor is left behind.
 */
final class HostileOutcome {

    /** The timings every hostile case runs with, over UDP or TCP: short, fast retries, few retransmissions. */
    static final String RUN_SETTINGS = """
            durationSeconds: 40
            timeScale: 20
            lifetimeSeconds: 60
            updateIntervalSeconds: 5
            coap:
              ackTimeoutMs: 2000
              maxRetransmit: 1
            registrationRetry:
              initialSeconds: 1
              maxSeconds: 2
            """;

    /** The simulated seconds per wall second of {@link #RUN_SETTINGS}. */
    static final double TIME_SCALE = 20;

    private HostileOutcome() {
    }

    /** Asserts the shared checks; returns the summary for case-specific ones. */
    static JsonNode assertCountedAndClean(HostileCase hostile, InProcessRun run, Path dir, int devices,
            List<String> fdsBefore) throws java.io.IOException, InterruptedException {
        JsonNode summary = run.summary();
        assertThat(summary.path("complete").asBoolean()).isTrue();
        assertThat(summary.path("aborted").asBoolean()).isFalse();
        assertThat(dir.resolve("report.html")).isNotEmptyFile();
        Map<String, Long> failures = failures(summary.path("registration").path("failures"));
        if (hostile.cause() == null) {
            assertThat(failures).isEmpty();
            assertThat(summary.path("devices").path("registered").asInt()).isEqualTo(devices);
        } else {
            assertThat(failures).containsOnlyKeys(hostile.cause());
            assertThat(failures.get(hostile.cause())).isGreaterThanOrEqualTo(devices);
            assertThat(summary.path("devices").path("registered").asInt()).isZero();
        }
        assertThat(run.leftovers()).isEqualTo(new FleetEngine.Leftovers(0, 0, 0));
        assertThat(InProcessRun.awaitClosedSince(fdsBefore)).as("file descriptors left open").isEmpty();
        return summary;
    }

    static Map<String, Long> failures(JsonNode node) {
        Map<String, Long> out = new TreeMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
        return out;
    }
}
