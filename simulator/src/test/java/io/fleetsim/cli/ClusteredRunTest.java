package io.fleetsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fleetsim.engine.cluster.Agent;
import io.fleetsim.engine.cluster.ClusterSettings;

/**
 * {@code fleetsim run --cluster} with agents in this JVM: each a Hazelcast member of its own on
 * 127.0.0.1, joined by TCP to the named members only, as separate processes would be.
 */
@Timeout(60)
class ClusteredRunTest {

    private static final String SECRET = "test-secret-" + UUID.randomUUID();

    @TempDir
    Path dir;

    private final String clusterName = "fleetsim-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<Agent> agents = new ArrayList<>();

    @AfterEach
    void closeAgents() {
        agents.forEach(Agent::close);
    }

    @Test
    void twoAgentsRunTheFleetAndTheMergedSummaryCountsEveryDeviceOnce() throws IOException {
        int[] ports = {freePort(), freePort(), freePort()};
        String members = members(ports);
        agent(ports[1], members, SECRET);
        agent(ports[2], members, SECRET);
        Path out = dir.resolve("clustered");

        CliRun run = coordinator(ports[0], members, SECRET, 2, 30, scenario(8), out);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.PASS);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("complete").asBoolean()).isTrue();
        assertThat(summary.path("devices").path("planned").asInt()).isEqualTo(60);
        assertThat(summary.path("devices").path("started").asInt()).isEqualTo(60);
        assertThat(summary.path("devices").path("registered").asInt()).isEqualTo(60);
        assertThat(summary.path("devices").path("registeredAtEnd").asInt()).isEqualTo(60);
        assertThat(summary.path("registration").path("attempts").asInt()).isEqualTo(60);
        assertThat(summary.path("registration").path("successes").asInt()).isEqualTo(60);
        assertThat(summary.path("bootstrap").path("successes").asInt())
                .as("the sensors bootstrapped from the coordinator's embedded bootstrap server: " + summary.path("bootstrap"))
                .isEqualTo(20);
        assertThat(summary.path("bootstrap").path("attempts").asInt()).isEqualTo(20);
        assertThat(summary.path("registration").path("latencyMs").path("count").asInt())
                .as("one registration latency per device, from both agents' histograms").isEqualTo(60);
        assertThat(summary.path("deregistration").path("count").asInt()).as("every device de-registered at the end")
                .isEqualTo(60);
        JsonNode groups = summary.path("groups");
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).path("planned").asInt()).isEqualTo(40);
        assertThat(groups.get(0).path("registered").asInt()).isEqualTo(40);
        assertThat(groups.get(1).path("planned").asInt()).isEqualTo(20);
        assertThat(groups.get(1).path("registered").asInt()).isEqualTo(20);
        JsonNode cluster = summary.path("cluster");
        assertThat(cluster.path("devicesLost").asInt()).isZero();
        JsonNode perAgent = cluster.path("agents");
        assertThat(perAgent).hasSize(2);
        long sumRegistered = 0;
        for (JsonNode agent : perAgent) {
            assertThat(agent.path("devices").asInt()).isEqualTo(30);
            assertThat(agent.path("registeredAtEnd").asInt()).as("registered when the run ended, before de-registering")
                    .isEqualTo(30);
            assertThat(agent.path("left").asBoolean()).isFalse();
            assertThat(agent.path("clockOffsetMs").isIntegralNumber()).isTrue();
            sumRegistered += agent.path("registered").asLong();
        }
        assertThat(sumRegistered).as("the merged count is the sum of the agents' counts").isEqualTo(60);
        assertThat(summary.path("clock").path("timerLatenessMs").path("count").asLong())
                .as("the agents' timers, the only ones of the run, count in its clock health").isPositive();
        assertThat(Files.readString(out.resolve("histograms.hlog"))).contains("Tag=registration");
        String report = Files.readString(out.resolve("report.html"));
        assertThat(report).as("the report's per-agent table").contains("<h2>Cluster agents</h2>");
        for (JsonNode agent : perAgent) {
            assertThat(report).contains("<tr><td>" + agent.path("name").asText() + "</td><td>"
                    + agent.path("host").asText() + "</td><td class=\"num\">30</td>");
        }
    }

    @Test
    void dtlsAndTlsGroupsRegisterFromAgentsWithTheCoordinatorsCredentials() throws IOException {
        int[] ports = {freePort(), freePort(), freePort()};
        String members = members(ports);
        agent(ports[1], members, SECRET);
        agent(ports[2], members, SECRET);
        Path out = dir.resolve("secure");
        Path file = dir.resolve("secure.yaml");
        Files.writeString(file, """
                name: clustered-secure
                durationSeconds: 6
                groups:
                  - name: psk
                    count: 10
                    endpointPrefix: psk-
                    transport: dtls
                    security:
                      mode: psk
                      pskKeySeed: cluster-test-seed
                  - name: dtlscert
                    count: 6
                    endpointPrefix: dcert-
                    transport: dtls
                    security:
                      mode: x509
                  - name: tls
                    count: 6
                    endpointPrefix: tls-
                    transport: tls
                  - name: tlscert
                    count: 4
                    endpointPrefix: tcert-
                    transport: tls
                    security:
                      mode: x509
                arrival:
                  rate: 100
                """);

        CliRun run = coordinator(ports[0], members, SECRET, 2, 30, file, out);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.PASS);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("devices").path("registered").asInt()).isEqualTo(26);
        assertThat(summary.path("devices").path("registeredAtEnd").asInt()).isEqualTo(26);
        JsonNode groups = summary.path("groups");
        assertThat(groups).hasSize(4);
        int[] expected = {10, 6, 6, 4};
        for (int i = 0; i < expected.length; i++) {
            assertThat(groups.get(i).path("registered").asInt()).as(groups.get(i).path("group").asText())
                    .isEqualTo(expected[i]);
        }
        JsonNode perAgent = summary.path("cluster").path("agents");
        assertThat(perAgent).hasSize(2);
        for (JsonNode agent : perAgent) {
            assertThat(agent.path("registeredAtEnd").asInt()).as("each agent ran its share of the secure groups")
                    .isEqualTo(13);
        }
        assertThat(run.out() + run.err()).doesNotContain("PRIVATE KEY").doesNotContain("cluster-test-seed");
    }

    @Test
    void aPinnedGroupRunsOnItsNamedAgentOnly() throws IOException {
        int[] ports = {freePort(), freePort(), freePort()};
        String members = members(ports);
        agent(ports[1], members, SECRET, "edge-a");
        agent(ports[2], members, SECRET, "edge-b");
        Path out = dir.resolve("pinned");
        Path file = dir.resolve("pinned.yaml");
        Files.writeString(file, """
                name: clustered-pinned
                durationSeconds: 5
                groups:
                  - name: meters
                    count: 20
                    endpointPrefix: meter-
                    agents: [edge-b]
                  - name: sensors
                    count: 10
                    endpointPrefix: sensor-
                arrival:
                  rate: 200
                """);

        CliRun run = coordinator(ports[0], members, SECRET, 2, 30, file, out);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.PASS);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("devices").path("registered").asInt()).isEqualTo(30);
        java.util.Map<String, Integer> devicesByAgent = new java.util.HashMap<>();
        for (JsonNode agent : summary.path("cluster").path("agents")) {
            devicesByAgent.put(agent.path("name").asText(), agent.path("registeredAtEnd").asInt());
        }
        assertThat(devicesByAgent).as("edge-b runs every meter and half the sensors")
                .containsEntry("edge-a", 5).containsEntry("edge-b", 25);
    }

    @Test
    void aPinnedAgentThatDoesNotComeIsNamedAndOthersDoNotTakeItsPlace() throws IOException {
        int[] ports = {freePort(), freePort()};
        String members = members(ports);
        agent(ports[1], members, SECRET, "edge-a");
        Path file = dir.resolve("pinned-away.yaml");
        Files.writeString(file, """
                name: clustered-pinned-away
                durationSeconds: 4
                groups:
                  - name: meters
                    count: 4
                    endpointPrefix: meter-
                    agents: edge-z
                """);

        CliRun run = coordinator(ports[0], members, SECRET, 1, 5, file, dir.resolve("away"));
        CliRun tooFew = coordinator(ports[0], members, SECRET, 1, 5, scenarioPinnedToTwo(), dir.resolve("few"));

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.ABORTED);
        assertThat(run.err()).contains("0 came").contains("pins groups to agents that did not come: [edge-z]");
        assertThat(tooFew.exitCode()).as(tooFew.out() + tooFew.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(tooFew.err()).contains("--agents: 1, but the scenario pins groups to 2 agents [edge-a, edge-b]");
    }

    private Path scenarioPinnedToTwo() throws IOException {
        Path file = dir.resolve("pinned-two.yaml");
        Files.writeString(file, """
                name: pinned-two
                durationSeconds: 4
                groups:
                  - name: meters
                    count: 4
                    endpointPrefix: meter-
                    agents: [edge-a, edge-b]
                """);
        return file;
    }

    @Test
    void waitingForThreeAgentsWhenOneCameFailsNamingHowManyCame() throws IOException {
        int[] ports = {freePort(), freePort()};
        String members = members(ports);
        agent(ports[1], members, SECRET);
        long started = System.nanoTime();

        CliRun run = coordinator(ports[0], members, SECRET, 3, 6, scenario(4), dir.resolve("short"));

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.ABORTED);
        assertThat(run.err()).contains("waited 6 s for 3 agents").contains("1 came: [agent-1 (127.0.0.1)]")
                .doesNotContain(SECRET).doesNotContain("Exception");
        assertThat((System.nanoTime() - started) / 1e9).as("seconds until the coordinator gave up").isLessThan(40);

        Path out = dir.resolve("next");
        CliRun next = coordinator(ports[0], members, SECRET, 1, 20, scenario(2), out);
        assertThat(next.exitCode()).as("the agent that came waits for the next coordinator: " + next.out() + next.err())
                .isEqualTo(ExitCodes.PASS);
        assertThat(new ObjectMapper().readTree(out.resolve("summary.json").toFile()).path("devices").path("registered")
                .asInt()).isEqualTo(60);
    }

    @Test
    void anAgentWithAnotherSecretIsNotLetIntoTheCluster() throws IOException {
        int[] ports = {freePort(), freePort()};
        String members = members(ports);
        Agent intruder = agent(ports[1], members, "not-the-secret");

        CliRun run = coordinator(ports[0], members, SECRET, 1, 6, scenario(4), dir.resolve("refused"));

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.ABORTED);
        assertThat(run.err()).contains("waited 6 s for 1 agent").contains("0 came");
        assertThat(intruder.clusterMembers()).as("members the intruder sees, itself included").isEqualTo(1);
        assertThat(run.out() + run.err()).doesNotContain(SECRET).doesNotContain("not-the-secret");
    }

    @Test
    void anAgentThatLeavesMidRunIsNamedAndTheRunStillFinishes() throws Exception {
        int[] ports = {freePort(), freePort(), freePort()};
        String members = members(ports);
        agent(ports[1], members, SECRET, "staying");
        Agent leaving = agent(ports[2], members, SECRET, "leaving");
        Path out = dir.resolve("left");
        Path file = scenario(10);

        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(
                () -> coordinator(ports[0], members, SECRET, 2, 30, file, out));
        waitUntilRegistered(out.resolve("summary.json"), 60, 40_000);
        leaving.close();
        CliRun done = run.get();

        assertThat(done.exitCode()).as(done.out() + done.err()).isIn(ExitCodes.PASS, ExitCodes.FAILED);
        assertThat(done.err()).contains("leaving left the cluster during the run");
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("complete").asBoolean()).isTrue();
        assertThat(summary.path("devices").path("registered").asInt())
                .as("what the agent that left measured is kept").isEqualTo(60);
        assertThat(summary.path("devices").path("registeredAtEnd").asInt()).isEqualTo(30);
        JsonNode cluster = summary.path("cluster");
        assertThat(cluster.path("devicesLost").asInt()).isEqualTo(30);
        java.util.Map<String, JsonNode> byName = new java.util.HashMap<>();
        cluster.path("agents").forEach(a -> byName.put(a.path("name").asText(), a));
        assertThat(byName.get("leaving").path("left").asBoolean()).isTrue();
        assertThat(byName.get("leaving").path("leftAtSeconds").asDouble()).isPositive();
        assertThat(byName.get("staying").path("left").asBoolean()).isFalse();
    }

    @Test
    void clusterFlagsAreCheckedBeforeAnythingStarts() throws IOException {
        Path file = scenario(4);

        CliRun agentsAlone = CliRun.of("run", file.toString(), "--agents", "2", "--out", dir.resolve("a").toString());
        CliRun badCount = CliRun.of("run", file.toString(), "--cluster", "--agents", "0", "--cluster-secret", "s",
                "--out", dir.resolve("b").toString());
        CliRun badPort = CliRun.of("agent", "--cluster-port", "70000", "--cluster-secret", "s");

        assertThat(agentsAlone.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(agentsAlone.err()).contains("--agents: only with --cluster");
        assertThat(badCount.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(badCount.err()).contains("--agents: 0 is not a number of agents");
        assertThat(badPort.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(badPort.err()).contains("--cluster-port: 70000 is not a port");
        if (System.getenv(ClusterSettings.SECRET_ENV) == null) {
            CliRun noSecret = CliRun.of("agent");
            assertThat(noSecret.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(noSecret.err()).contains("--cluster-secret").contains(ClusterSettings.SECRET_ENV);
        }
    }

    private CliRun coordinator(int port, String members, String secret, int agentCount, int timeoutSeconds,
            Path scenario, Path out) {
        return CliRun.of("run", scenario.toString(), "--cluster", "--agents", String.valueOf(agentCount),
                "--agent-timeout", String.valueOf(timeoutSeconds), "--cluster-host", "127.0.0.1",
                "--cluster-port", String.valueOf(port), "--cluster-name", clusterName, "--members", members,
                "--cluster-secret", secret, "--out", out.toString(), "--quiet");
    }

    private Agent agent(int port, String members, String secret) {
        return agent(port, members, secret, null);
    }

    private Agent agent(int port, String members, String secret, String name) {
        Agent agent = Agent.start(new ClusterSettings("127.0.0.1", port, clusterName, List.of(members.split(",")),
                secret), 1, name);
        agents.add(agent);
        Thread serving = new Thread(() -> agent.serve(() -> false), "test-agent-" + port);
        serving.setDaemon(true);
        serving.start();
        return agent;
    }

    private Path scenario(int durationSeconds) throws IOException {
        Path file = dir.resolve("cluster-" + durationSeconds + ".yaml");
        Files.writeString(file, """
                name: clustered
                durationSeconds: %d
                groups:
                  - name: meters
                    count: 40
                    endpointPrefix: meter-
                  - name: sensors
                    count: 20
                    endpointPrefix: sensor-
                    bootstrap: true
                arrival:
                  rate: 200
                """.formatted(durationSeconds));
        return file;
    }

    private static void waitUntilRegistered(Path summary, int devices, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(summary)) {
                try {
                    if (new ObjectMapper().readTree(summary.toFile()).path("devices").path("registered").asInt() >= devices) {
                        return;
                    }
                } catch (IOException partial) {
                    // being rewritten: read again
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the fleet did not register within " + timeoutMillis + " ms");
    }

    private static String members(int[] ports) {
        StringBuilder out = new StringBuilder();
        for (int port : ports) {
            out.append(out.isEmpty() ? "" : ",").append("127.0.0.1:").append(port);
        }
        return out.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
