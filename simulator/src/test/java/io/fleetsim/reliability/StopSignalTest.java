package io.fleetsim.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fleetsim.cli.FleetsimCommand;

/**
 * {@link FaultCase#SIGTERM} and {@link FaultCase#SIGKILL}: a {@code fleetsim run} in a child JVM
 * is stopped mid-run, and what it leaves must be usable. While it runs, its sockets are checked
 * too: nothing it opens listens beyond 127.0.0.1.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class StopSignalTest {

    private static final int DEVICES = 20;

    @TempDir
    Path dir;

    private Path scenario() throws IOException {
        Path file = dir.resolve("long.yaml");
        Files.writeString(file, """
                name: long
                durationSeconds: 3600
                fleet:
                  count: %d
                  endpointPrefix: long-
                arrival:
                  rate: 200
                """.formatted(DEVICES));
        return file;
    }

    @Test
    void sigtermStopsTheRunWithinSecondsAndLeavesCompleteAbortedResults() throws Exception {
        Path out = dir.resolve("results");
        try (ChildFleetsim child = ChildFleetsim.start(dir, "run", scenario().toString(), "--out", out.toString(),
                "--quiet")) {
            child.awaitLines(out.resolve("timeline.csv"), 3, 60);
            assertOnlyLoopbackListeners(child.process().pid());
            long signalled = System.nanoTime();

            child.process().destroy(); // SIGTERM

            assertThat(child.awaitExit(15)).as(child.output()).isEqualTo(3);
            assertThat((System.nanoTime() - signalled) / 1e9).isLessThan(10);
            assertThat(child.stderr()).contains("aborted (SIGTERM)").doesNotContain("\tat ");
        }
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("complete").asBoolean()).isTrue();
        assertThat(summary.path("aborted").asBoolean()).isTrue();
        assertThat(summary.path("abortReason").asText()).isEqualTo("SIGTERM");
        assertThat(summary.path("devices").path("registered").asInt()).isEqualTo(DEVICES);
        assertThat(summary.path("deregistration").path("count").asInt()).isEqualTo(DEVICES);
        assertThat(out.resolve("report.html")).isNotEmptyFile();
    }

    /**
     * The device sockets and the embedded server are bound to 127.0.0.1, and nothing else is
     * bound at all: no wildcard socket, not even one for name resolution.
     */
    private static void assertOnlyLoopbackListeners(long pid) throws IOException {
        var loopback = ListeningSockets.ofProcess(pid).stream().filter(s -> s.address().isLoopbackAddress()).toList();
        assertThat(loopback).as("device sockets and the embedded server").hasSizeGreaterThan(DEVICES);
        assertThat(ListeningSockets.beyondLoopback(pid)).as("sockets beyond loopback").isEmpty();
    }

    @Test
    void afterSigkillTheIntervalLogIsEnoughForAReport() throws Exception {
        Path out = dir.resolve("killed");
        try (ChildFleetsim child = ChildFleetsim.start(dir, "run", scenario().toString(), "--out", out.toString(),
                "--quiet", "--server", "minimal")) {
            child.awaitLines(out.resolve("timeline.csv"), 3, 60);

            child.process().destroyForcibly(); // SIGKILL

            assertThat(child.awaitExit(10)).isEqualTo(137);
        }
        assertThat(out.resolve("report.html")).doesNotExist();

        int exit = FleetsimCommand.execute("report", out.toString());

        assertThat(exit).isZero();
        assertThat(Files.readString(out.resolve("report.html"))).contains("did not complete");
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("complete").asBoolean()).isFalse();
        assertThat(summary.path("devices").path("registered").asInt()).isEqualTo(DEVICES);
    }
}
