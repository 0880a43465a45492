package io.fleetsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code fleetsim run}, {@code report} and {@code check} as a user calls them. */
@Timeout(120)
class RunCommandTest {

    @TempDir
    Path dir;

    private Path scenario(String name, int devices, String thresholds, String extra) throws IOException {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, """
                name: %s
                durationSeconds: 4
                fleet:
                  count: %d
                  endpointPrefix: %s-
                arrival:
                  rate: 500
                %s
                thresholds:
                %s
                """.formatted(name, devices, name, extra, thresholds));
        return file;
    }

    @Test
    void passingThresholdsExitZeroAndLeaveAFullResultsDirectory() throws IOException {
        Path out = dir.resolve("pass");
        CliRun run = CliRun.of("run", scenario("pass", 30, "  - devices.registered >= 30\n  - registration.p99 < 5s", "").toString(),
                "--out", out.toString(), "--quiet");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.PASS);
        assertThat(run.out()).contains("verdict: PASS");
        assertThat(out.resolve("histograms.hlog")).isNotEmptyFile();
        assertThat(out.resolve("timeline.csv")).isNotEmptyFile();
        assertThat(out.resolve("report.html")).isNotEmptyFile();
        assertThat(out.resolve("scenario.yaml")).isNotEmptyFile();
        assertThat(Files.readString(out.resolve("junit.xml")))
                .contains("<testcase name=\"devices.registered &gt;= 30\"").doesNotContain("<failure");
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("format").asInt()).isEqualTo(1);
        assertThat(summary.path("complete").asBoolean()).isTrue();
        assertThat(summary.path("devices").path("registered").asInt()).isEqualTo(30);
        assertThat(summary.path("registration").path("latencyMs").path("count").asInt()).isEqualTo(30);
        assertThat(summary.path("thresholds")).hasSize(2).allMatch(t -> t.path("pass").asBoolean());
        assertThat(summary.path("target").path("embedded").asBoolean()).isTrue();
    }

    @Test
    void summaryBreaksTheFleetDownByGroup() throws IOException {
        Path file = dir.resolve("groups.yaml");
        Files.writeString(file, """
                name: groups
                durationSeconds: 4
                groups:
                  - name: gateways
                    count: 5
                    endpointPrefix: gw-
                    transport: tcp
                  - name: meters
                    count: 12
                    endpointPrefix: meter-
                    transport: udp
                arrival:
                  rate: 500
                thresholds:
                  - devices.registered >= 17
                """);
        Path out = dir.resolve("groups");

        CliRun run = CliRun.of("run", file.toString(), "--out", out.toString(), "--quiet");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.PASS);
        JsonNode groups = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).path("groups");
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).path("name").asText()).isEqualTo("gateways");
        assertThat(groups.get(0).path("transport").asText()).isEqualTo("tcp");
        assertThat(groups.get(0).path("registered").asInt()).isEqualTo(5);
        assertThat(groups.get(1).path("name").asText()).as("udp devices reach the udp server, whichever group comes first")
                .isEqualTo("meters");
        assertThat(groups.get(1).path("transport").asText()).isEqualTo("udp");
        assertThat(groups.get(1).path("planned").asInt()).isEqualTo(12);
        assertThat(groups.get(1).path("registered").asInt()).isEqualTo(12);
        assertThat(groups.get(1).path("registeredAtEnd").asInt()).isEqualTo(12);
    }

    @Test
    void aFailedThresholdExitsOneAndSaysWhich() throws IOException {
        CliRun run = CliRun.of("run", scenario("strict", 10, "  - registration.p50 < 0.001ms", "").toString(),
                "--out", dir.resolve("strict").toString(), "--quiet");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).contains("FAIL registration.p50 < 0.001ms").contains("verdict: FAIL");
    }

    @Test
    void anInvalidScenarioExitsTwoNamingFileLineAndField() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: bad\ndurationSeconds: 10\nfleet:\n  count: 0\n");

        CliRun run = CliRun.of("run", bad.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("bad.yaml:4: fleet.count:").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aBadFlagExitsTwo() throws IOException {
        CliRun run = CliRun.of("run", scenario("flags", 1, "  - devices.registered >= 1", "").toString(),
                "--devices", "0");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--devices");
    }

    @Test
    void registrationsThatGetNoAnswerAreCountedAsTimeoutsAndTheRunStillFinishes() throws IOException {
        Path out = dir.resolve("silent");
        // Nothing listens on the discard port of loopback: every Register times out and is retried.
        Path file = scenario("silent", 5, "  - registration.successRatio >= 99%",
                "target: coap://127.0.0.1:9\ntimeScale: 100\ncoap:\n  ackTimeoutMs: 1000\n  maxRetransmit: 1");
        Files.writeString(file, Files.readString(file).replace("durationSeconds: 4", "durationSeconds: 60"));

        CliRun run = CliRun.of("run", file.toString(), "--out", out.toString(), "--quiet");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("registration").path("failures").path("timeout").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(summary.path("registration").path("attempts").asLong()).isGreaterThan(5);
        assertThat(summary.path("devices").path("registered").asInt()).isZero();
        assertThat(out.resolve("report.html")).isNotEmptyFile();
    }

    @Test
    void aRunAgainstADeadTargetFailsItsSuccessRatioInsteadOfPassingOnNothing() throws IOException {
        Path out = dir.resolve("dead");
        // Nothing listens on the discard port of loopback: not one Register is answered.
        Path file = scenario("dead", 5, "  - registration.successRatio >= 99.9%\n  - registration.p99 < 500ms",
                "target: coap://127.0.0.1:9\ncoap:\n  ackTimeoutMs: 500\n  maxRetransmit: 1");

        CliRun run = CliRun.of("run", file.toString(), "--out", out.toString(), "--quiet");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).contains("registered 0 of 5 devices (0 at the end); registration p99 no data")
                .contains("FAIL registration.successRatio >= 99.9% (observed 0.000)")
                .contains("FAIL registration.p99 < 500ms (no samples)")
                .contains("verdict: FAIL").doesNotContain("null");
        JsonNode registration = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).path("registration");
        assertThat(registration.path("successes").asLong()).isZero();
        assertThat(registration.path("successRatio").isNumber()).isTrue();
        assertThat(registration.path("successRatio").asDouble()).isZero();
        assertThat(registration.path("failures").path("timeout").asLong() + registration.path("unfinished").asLong())
                .as("every attempt failed or was left unfinished: %s", registration)
                .isEqualTo(registration.path("attempts").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(Files.readString(out.resolve("junit.xml")))
                .contains("<failure message=\"observed 0, limit 0.999\" type=\"threshold\">")
                .contains("<failure message=\"no samples, limit 500\" type=\"threshold\">");
    }

    @Test
    void theMinimalResponderWritesTheObservePeriodsFirstAndSaysSoInResponderJson() throws IOException {
        Path file = dir.resolve("periods.yaml");
        Files.writeString(file, """
                name: periods
                durationSeconds: 5
                fleet:
                  count: 5
                  endpointPrefix: periods-
                  objects: [{id: 3303, changeEverySeconds: 3600}]
                arrival:
                  rate: 500
                """);
        Path out = dir.resolve("periods");

        CliRun run = CliRun.of("run", file.toString(), "--server", "minimal", "--observe", "/3303/0/5700",
                "--observe-pmax", "1", "--out", out.toString(), "--quiet");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.PASS);
        JsonNode responder = new ObjectMapper().readTree(out.resolve("responder.json").toFile());
        assertThat(responder.path("observeAttributes").toString()).isEqualTo("{\"pmax\":1}");
        assertThat(responder.path("attributesWritten").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(responder.path("attributesRefused").asLong()).isZero();
        // the value does not change within the run: only pmax makes the devices notify
        long received = responder.path("notifications").path("CON").asLong()
                + responder.path("notifications").path("NON").asLong();
        assertThat(received).as("notifications at pmax 1 s from 5 devices in about 4 s").isGreaterThanOrEqualTo(10);
    }

    @Test
    void reportRendersAgainFromTheResultsDirectoryAlone() throws IOException {
        Path out = dir.resolve("again");
        CliRun.of("run", scenario("again", 5, "  - devices.registered >= 5", "").toString(), "--out", out.toString(), "--quiet");
        Files.delete(out.resolve("report.html"));

        CliRun report = CliRun.of("report", out.toString());

        assertThat(report.exitCode()).isEqualTo(ExitCodes.PASS);
        assertThat(Files.readString(out.resolve("report.html"))).contains("again").contains("devices.registered &gt;= 5");
    }

    @Test
    void compareGatesOnRegressionLimitsAndRefusesBadOnes() throws IOException {
        Path baseline = dir.resolve("baseline");
        CliRun.of("run", scenario("cmp", 5, "  - devices.registered >= 5", "").toString(), "--out", baseline.toString(), "--quiet");

        CliRun same = CliRun.of("compare", baseline.toString(), baseline.toString(), "--max-regression", "p99=10%");
        CliRun badLimit = CliRun.of("compare", baseline.toString(), baseline.toString(), "--max-regression", "p99=ten%");
        CliRun noSummary = CliRun.of("compare", baseline.toString(), dir.toString());
        String[] lostLimit = {"compare", baseline.toString(), baseline.toString(), "--max-regression",
                "notifications.lostShare=1%"};
        CliRun missingReported = CliRun.of(lostLimit);
        String[] strict = Arrays.copyOf(lostLimit, lostLimit.length + 1);
        strict[lostLimit.length] = "--fail-on-missing";
        CliRun missingFails = CliRun.of(strict);

        assertThat(same.exitCode()).as(same.err()).isEqualTo(ExitCodes.PASS);
        assertThat(same.out()).contains("no regression").contains("ok Registration latency p99 (p99): ");
        assertThat(missingReported.exitCode()).as("no CON notification in either run: reported, not failed")
                .isEqualTo(ExitCodes.PASS);
        assertThat(missingReported.out()).contains("not checked notifications.lostShare=1%:"
                + " CON notifications lost (share of CON sent) not in baseline and current");
        assertThat(missingFails.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(missingFails.out()).contains("1 limited metric(s) missing (--fail-on-missing)");
        assertThat(baseline.resolve("comparison.html")).isNotEmptyFile();
        assertThat(badLimit.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(badLimit.err()).contains("p99=ten%");
        assertThat(noSummary.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noSummary.err()).contains("summary.json");
    }

    @Test
    void reportOfSomethingThatIsNotAResultsDirectoryExitsTwo() {
        CliRun report = CliRun.of("report", dir.resolve("nothing-here").toString());

        assertThat(report.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(report.err()).contains("nothing-here");
    }

    @Test
    void checkValidatesWithoutRunning() throws IOException {
        CliRun check = CliRun.of("check", scenario("checked", 7, "  - devices.registered >= 7", "").toString());

        assertThat(check.exitCode()).isEqualTo(ExitCodes.PASS);
        assertThat(check.out()).contains("ok (7 devices");
    }

    @Test
    void bootstrappingGroupsAreCheckedWithoutAWarning() throws IOException {
        Path file = dir.resolve("bootstrap.yaml");
        Files.writeString(file, """
                name: bootstrap
                durationSeconds: 4
                target: coap://127.0.0.1:5683
                groups:
                  - {name: plain, count: 1, endpointPrefix: p-}
                  - {name: bs, count: 1, endpointPrefix: b-, bootstrap: true}
                  - {name: own, count: 1, endpointPrefix: o-, bootstrap: {uri: "coap://127.0.0.1:5690"}}
                """);

        CliRun check = CliRun.of("check", file.toString());

        assertThat(check.exitCode()).isEqualTo(ExitCodes.PASS);
        assertThat(check.err()).as("devices bootstrap: nothing to warn about").doesNotContain("bootstrap");
    }
}
