package io.fleetsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code fleetsim run} with a group that asks for {@code bootstrap: true} starts the embedded
 * bootstrap server and writes what it counted to {@code bootstrap-server.json}; a run without one
 * writes no such file.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BootstrapRunTest {

    @TempDir
    Path dir;

    @Test
    void aRunWhoseGroupAsksForBootstrapWritesTheBootstrapServersCounts() throws Exception {
        Path out = run("""
                name: bootstrap-run
                durationSeconds: 2
                fleet:
                  count: 2
                  endpointPrefix: bs-
                  transport: udp
                  bootstrap: true
                arrival: {rate: 50}
                """);
        JsonNode counts = new ObjectMapper().readTree(out.resolve("bootstrap-server.json").toFile());
        assertThat(counts.path("format").asInt()).isEqualTo(1);
        assertThat(counts.path("uri").asText()).matches("coap://127\\.0\\.0\\.1:\\d+");
        long failed = 0;
        for (JsonNode cause : counts.path("failed")) {
            failed += cause.asLong();
        }
        assertThat(counts.path("failed")).hasSize(7);
        assertThat(counts.path("requests").asLong()).as("every request finished, failed or under way")
                .isEqualTo(counts.path("finished").asLong() + failed + counts.path("active").asLong());
    }

    @Test
    void aRunWithoutBootstrapWritesNoBootstrapServerFile() throws Exception {
        Path out = run("""
                name: no-bootstrap-run
                durationSeconds: 1
                fleet:
                  count: 1
                  endpointPrefix: nb-
                  transport: udp
                arrival: {rate: 50}
                """);
        assertThat(out.resolve("summary.json")).exists();
        assertThat(out.resolve("bootstrap-server.json")).doesNotExist();
    }

    private Path run(String yaml) throws Exception {
        Path scenario = dir.resolve("scenario.yaml");
        Files.writeString(scenario, yaml);
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("run", scenario.toString(), "--out", out.toString(), "--quiet");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.PASS);
        return out;
    }
}
