package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fleetsim.reports.HtmlReport;
import io.fleetsim.scenario.Scenario;

/**
 * A fleet driven into the embedded server's registration limit and out of it again. Each NAT
 * reboot (flush) makes every tcp device's next Ping draw a reset (tcpExpiry: rst), so it connects
 * and registers again: Registers at about 0 s, 2 s and 3 s, the third one past the limit of 2 in
 * 10 s. The server refuses each device's Registers for the next 16 s; the device backs off (2 s,
 * then 4 s) and registers once the block is over. Simulated seconds, at 4x.
 */
@Timeout(60)
class RegistrationLimitTest {

    private static final int DEVICES = 10;

    @TempDir
    Path results;

    @Test
    void devicesRegisteringTooOftenAreBlockedCountedAsBlockedAndRegisterAfterTheBlock() throws Exception {
        Scenario scenario = Scenarios.parse("""
                name: blocked
                durationSeconds: 40
                timeScale: 4
                lifetimeSeconds: 3600
                fleet:
                  count: %d
                  endpointPrefix: blocked-
                  transport: tcp
                  keepalive: {coapPingSeconds: 1, pongTimeoutSeconds: 5}
                  nat: {idleTimeoutSeconds: 3600, tcpExpiry: rst, flushAtSeconds: [6, 9]}
                arrival:
                  rate: 100
                registrationRetry: {initialSeconds: 2, maxSeconds: 4, multiplier: 2, jitter: 0}
                server:
                  registrationLimit: {count: 2, windowSeconds: 10, blockSeconds: 16}
                """.formatted(DEVICES));
        RunTarget target = EmbeddedServers.start(scenario.groups(), false, null, scenario.server(),
                scenario.timeScale());
        List<String> progress = new ArrayList<>();
        RunOptions options = RunOptions.defaults(results).withShards(1).withReportingPeriod(Duration.ofMillis(200))
                .withProgress(line -> {
                    synchronized (progress) {
                        progress.add(line);
                    }
                }).withReport(HtmlReport::render);
        RunOutcome outcome;
        try (AutoCloseable servers = target.closer()) {
            FleetEngine engine = FleetEngine.start(scenario, target, options);
            engine.awaitEnd();
            outcome = engine.stop();
        }

        JsonNode summary = new ObjectMapper().readTree(outcome.resultsDir().resolve("summary.json").toFile());
        JsonNode registration = summary.path("registration");
        JsonNode failures = registration.path("failures");
        assertThat(failures.size()).as("only blocked registrations failed: " + failures).isEqualTo(1);
        // registered at 0 s and again after the flushes at 6 s and 9 s: the third Register within
        // 10 s is refused at about 9 s, then at 11 s, 15 s, 19 s and 23 s; the block ends at about
        // 25 s and the next retry (27 s) registers. The flushes leave 6 s and 3 s (1.5 s and 0.75 s
        // of wall time) for the Register before them, so a slow connection is not reset mid-way
        assertThat(failures.path("blocked").asLong()).as("refusals while blocked: " + registration)
                .isEqualTo(5L * DEVICES);
        assertThat(registration.path("successes").asLong()).as("before the block and after it: " + registration)
                .isEqualTo(3L * DEVICES);
        assertThat(summary.path("devices").path("registeredAtEnd").asLong()).as("all back: " + summary.path("devices"))
                .isEqualTo(DEVICES);
        synchronized (progress) {
            assertThat(progress).as("the progress line counts blocked registrations")
                    .anyMatch(line -> line.contains(" blocked=" + 5 * DEVICES));
        }
        JsonNode limit = summary.path("server").path("registrationLimit");
        assertThat(limit.path("blockedDevices").asLong()).as("the server's count: " + limit).isEqualTo(DEVICES);
        assertThat(limit.path("blocks").asLong()).as("each device blocked once: " + limit).isEqualTo(DEVICES);
        assertThat(limit.path("refused").asLong()).as("the server refused what the devices counted as blocked")
                .isEqualTo(failures.path("blocked").asLong());
        assertThat(limit.path("ignored").asLong()).as("refused, none dropped").isZero();
        String report = Files.readString(outcome.resultsDir().resolve("report.html"));
        assertThat(report).as("the report's failures chart").contains("registration: blocked");
        assertThat(report).as("the report's registration-limit table")
                .contains("<td>Registers refused</td><td class=\"num\">" + 5 * DEVICES + "</td>")
                .contains("<td>Registrations failed as blocked (device side)</td><td class=\"num\">"
                        + 5 * DEVICES + "</td>");
    }

    @Test
    void aServerWithoutARegistrationLimitHasNoServerSection() throws Exception {
        Scenario scenario = Scenarios.parse("""
                name: open
                durationSeconds: 1
                fleet:
                  count: 1
                  transport: udp
                """);
        RunTarget target = EmbeddedServers.start(scenario.groups(), false, null, scenario.server(),
                scenario.timeScale());
        try (AutoCloseable servers = target.closer()) {
            assertThat(EmbeddedServers.protectionSummary(target)).isNull();
        }
        assertThat(EmbeddedServers.protectionSummary(RunTarget.external("127.0.0.1", 5683))).isNull();
    }
}
