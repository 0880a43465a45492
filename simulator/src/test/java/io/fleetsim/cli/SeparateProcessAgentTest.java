package io.fleetsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fleetsim.engine.cluster.ClusterSettings;

/**
 * {@code fleetsim run --cluster} with its agent in a JVM of its own ({@code fleetsim agent}, started
 * with this test's classpath), as on a real cluster: the latencies the agent measured must reach
 * the coordinator's summary while the run goes on, not only its counters.
 */
@Timeout(60)
class SeparateProcessAgentTest {

    private static final int DEVICES = 40;
    private static final int DURATION_SECONDS = 6;
    private static final Pattern AGENT_MEASURED = Pattern.compile(
            "run over; registration latency \\(ms\\) sent to the coordinator \\{count=(\\d+), .*max=([0-9.]+|null),");

    @TempDir
    Path dir;

    @Test
    void anAgentInAnotherProcessSendsItsLatencyHistogramsToTheMergedSummary() throws Exception {
        int coordinatorPort = freePort();
        int agentPort = freePort();
        String members = "127.0.0.1:" + coordinatorPort + ",127.0.0.1:" + agentPort;
        String cluster = "fleetsim-proc-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = "test-secret-" + UUID.randomUUID();
        Path agentLog = dir.resolve("agent.log");
        Path scenario = dir.resolve("proc.yaml");
        Files.writeString(scenario, """
                name: clustered-process
                durationSeconds: %d
                fleet:
                  count: %d
                  endpointPrefix: proc-
                arrival:
                  rate: 200
                """.formatted(DURATION_SECONDS, DEVICES));
        ProcessBuilder agentCommand = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), FleetsimCommand.class.getName(), "agent",
                "--cluster-host", "127.0.0.1", "--cluster-port", String.valueOf(agentPort),
                "--cluster-name", cluster, "--members", members, "--shards", "1"))
                .redirectErrorStream(true).redirectOutput(agentLog.toFile());
        agentCommand.environment().put(ClusterSettings.SECRET_ENV, secret);
        Process agent = agentCommand.start();
        try {
            Path out = dir.resolve("run");
            CliRun run = CliRun.of("run", scenario.toString(), "--cluster", "--agents", "1", "--agent-timeout", "30",
                    "--cluster-host", "127.0.0.1", "--cluster-port", String.valueOf(coordinatorPort),
                    "--cluster-name", cluster, "--members", members, "--cluster-secret", secret,
                    "--out", out.toString(), "--quiet");

            assertThat(run.exitCode()).as(run.out() + run.err() + agentLogText(agentLog)).isEqualTo(ExitCodes.PASS);
            JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
            JsonNode registration = summary.path("registration");
            assertThat(registration.path("successes").asInt()).isEqualTo(DEVICES);
            assertThat(registration.path("latencyMs").path("count").asInt())
                    .as("one registration latency per registration, from the agent process").isEqualTo(DEVICES);
            assertThat(timelineRegisteredBeforeTheEnd(out.resolve("timeline.csv")))
                    .as("the agent's periodic figures reached the coordinator during the run (timeline)")
                    .isEqualTo(DEVICES);

            Matcher measured = awaitAgentMeasured(agentLog);
            assertThat(Long.parseLong(measured.group(1))).as("registrations the agent measured").isEqualTo(DEVICES);
            assertThat(registration.path("latencyMs").path("max").asDouble())
                    .as("merged maximum equals the agent's own").isEqualTo(Double.parseDouble(measured.group(2)));
        } finally {
            agent.destroy();
            if (!agent.waitFor(10, TimeUnit.SECONDS)) {
                agent.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** The most devices registered at once in the timeline rows before the run's end (periodic figures only). */
    private static int timelineRegisteredBeforeTheEnd(Path timeline) throws IOException {
        List<String> lines = Files.readAllLines(timeline);
        List<String> header = List.of(lines.get(0).split(","));
        int t = header.indexOf("t");
        int registered = header.indexOf("registered");
        int most = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            if (Double.parseDouble(cells[t]) < DURATION_SECONDS - 0.5) {
                most = Math.max(most, Integer.parseInt(cells[registered]));
            }
        }
        return most;
    }

    /** The agent logs what it sent when its run is over (the coordinator stops it as the run ends). */
    private static Matcher awaitAgentMeasured(Path agentLog) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            Matcher m = AGENT_MEASURED.matcher(agentLogText(agentLog));
            if (m.find()) {
                return m;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the agent did not log its measured latencies:\n" + agentLogText(agentLog));
            }
            Thread.sleep(100);
        }
    }

    private static String agentLogText(Path agentLog) {
        try {
            return Files.exists(agentLog) ? Files.readString(agentLog) : "";
        } catch (IOException e) {
            return "(agent log unreadable: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
