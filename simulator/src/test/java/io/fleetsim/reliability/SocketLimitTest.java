package io.fleetsim.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@link FaultCase#OUT_OF_FILE_DESCRIPTORS}: {@code fleetsim run} under {@code ulimit -n 256}
 * with more devices than that: one clear message, a finished partial result, exit code 3.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SocketLimitTest {

    @TempDir
    Path dir;

    @Test
    void moreDevicesThanTheOpenFileLimitGiveOneMessageAndAFinishedPartialResult() throws Exception {
        Path scenario = dir.resolve("many.yaml");
        Files.writeString(scenario, """
                name: many
                durationSeconds: 4
                fleet:
                  count: 400
                  endpointPrefix: many-
                arrival:
                  rate: 1000
                """);
        Path out = dir.resolve("results");
        try (ChildFleetsim child = ChildFleetsim.start(dir, List.of("bash", "-c", "ulimit -n 256 && exec \"$@\"", "bash"),
                "run", scenario.toString(), "--out", out.toString(), "--quiet", "--server", "minimal")) {
            assertThat(child.awaitExit(60)).as(child.output()).isEqualTo(3);
            assertThat(child.stderr()).contains("out of sockets", "ulimit -n").doesNotContain("\tat ")
                    .doesNotContain("Exception");
        }
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("complete").asBoolean()).isTrue();
        assertThat(summary.path("registration").path("failures").path("socket-limit").asLong()).isPositive();
        assertThat(summary.path("devices").path("registered").asInt()).isBetween(1, 399);
        assertThat(out.resolve("report.html")).isNotEmptyFile();
    }
}
