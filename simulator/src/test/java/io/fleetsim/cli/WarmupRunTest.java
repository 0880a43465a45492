package io.fleetsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code fleetsim run --warmup}: throw-away registrations before the run, none of them in the results. */
@Timeout(60)
class WarmupRunTest {

    @TempDir
    Path dir;

    private Path scenario(String name, int devices) throws IOException {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, """
                name: %s
                durationSeconds: 3
                groups:
                  - name: plain
                    count: %d
                    endpointPrefix: %s-udp-
                  - name: stream
                    count: %d
                    endpointPrefix: %s-tcp-
                    transport: tcp
                arrival:
                  rate: 500
                """.formatted(name, devices, name, devices, name));
        return file;
    }

    /** Runs {@code devices} per group with {@code --warmup warmup}; expects a pass and returns summary.json. */
    private JsonNode passingRun(String name, int devices, String warmup) throws IOException {
        Path out = dir.resolve(name);
        CliRun run = CliRun.of("run", scenario(name, devices).toString(), "--warmup", warmup, "--out", out.toString(),
                "--quiet");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.PASS);
        assertThat(run.out()).contains("registered " + 2 * devices + " of " + 2 * devices + " devices");
        return new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    }

    @Test
    void warmUpDevicesRegisterButOnlyTheFleetIsCounted() throws IOException {
        JsonNode summary = passingRun("warm", 10, "1");

        assertThat(summary.path("devices").path("registered").asInt()).isEqualTo(20);
        assertThat(summary.path("registration").path("latencyMs").path("count").asInt()).isEqualTo(20);
        assertThat(summary.path("groups").findValuesAsText("name")).contains("plain", "stream");
        JsonNode warmup = summary.path("warmup");
        assertThat(warmup.path("seconds").asDouble()).isGreaterThanOrEqualTo(1.0);
        // the warm-up registered far more throw-away devices than the fleet has, none of them counted above
        assertThat(warmup.path("operations").asLong()).isGreaterThan(20);
        assertThat(warmup.path("failures").asLong()).isZero();
    }

    @Test
    void offLeavesNoWarmupBlock() throws IOException {
        JsonNode summary = passingRun("cold", 3, "off");

        assertThat(summary.path("devices").path("registered").asInt()).isEqualTo(6);
        assertThat(summary.has("warmup")).isFalse();
    }

    @Test
    void anInvalidWarmupIsNamedBeforeAnythingRuns() throws IOException {
        CliRun run = CliRun.of("run", scenario("bad", 1).toString(), "--warmup", "soon", "--out",
                dir.resolve("bad").toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).contains("--warmup: 'soon' is not a number of seconds (0 to 600), off or auto");
        assertThat(run.out()).doesNotContain("devices against");

        CliRun negative = CliRun.of("run", scenario("neg", 1).toString(), "--warmup", "-5", "--out",
                dir.resolve("neg").toString());
        assertThat(negative.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(negative.err()).contains("--warmup: '-5'");
    }
}
