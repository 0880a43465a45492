package io.fleetsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fleetsim.engine.ServerHost;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.ScenarioLoader;
import io.fleetsim.security.FleetPki;
import picocli.CommandLine;

/**
 * {@code fleetsim run --server-host ADDRESS}: the embedded servers listen on ADDRESS and every URI
 * names it; an address that is not one of this machine's, the wildcard or a name is refused before
 * anything starts. Only 127.0.0.1 is ever bound or sent to.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ServerHostRunTest {

    private static final String UDP_TLS_BOOTSTRAP = """
            name: server-host
            durationSeconds: 5
            groups:
              - name: udp
                count: 2
                endpointPrefix: u-
                transport: udp
              - name: tls
                count: 2
                endpointPrefix: t-
                transport: tls
              - name: bootstrapping
                count: 1
                endpointPrefix: b-
                transport: udp
                bootstrap: true
            arrival: {rate: 50}
            """;

    @TempDir
    Path dir;

    @Test
    void theEmbeddedServersListenOnTheServerHostAndEveryUriNamesIt() throws Exception {
        Path scenario = Files.writeString(dir.resolve("s.yaml"), UDP_TLS_BOOTSTRAP);
        Path out = dir.resolve("out");

        CliRun run = CliRun.of("run", scenario.toString(), "--server-host", "127.0.0.1", "--out", out.toString(),
                "--quiet");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.PASS);
        assertThat(run.out()).containsPattern("devices against coap://127\\.0\\.0\\.1:\\d+ \\(embedded leshan\\)");
        ObjectMapper json = new ObjectMapper();
        JsonNode summary = json.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("target").path("uri").asText()).matches("coap://127\\.0\\.0\\.1:\\d+");
        for (JsonNode group : summary.path("groups")) {
            if (!group.path("name").asText().equals("bootstrapping")) {
                assertThat(group.path("registered").asLong()).as(group.toString())
                        .isEqualTo(group.path("planned").asLong());
            }
        }
        assertThat(json.readTree(out.resolve("bootstrap-server.json").toFile()).path("uri").asText())
                .matches("coap://127\\.0\\.0\\.1:\\d+");
        assertThat(FleetPki.loadOrCreate(out.resolve("pki"), "unused").serverIpAddresses()).contains("127.0.0.1");
    }

    @Test
    void anAddressNoInterfaceHasIsRefusedBeforeAnythingStarts() throws Exception {
        // 192.0.2.1 is TEST-NET-1 (RFC 5737): no interface of a test machine has it
        CliRun run = refused("192.0.2.1");

        assertThat(run.err()).contains("--server-host: 192.0.2.1 is not an address of this machine");
    }

    @Test
    void theWildcardIsRefusedSayingWhy() throws Exception {
        assertThat(refused("0.0.0.0").err()).contains("--server-host: 0.0.0.0 is the wildcard address")
                .contains("listen on every interface");
        assertThat(refused("::").err()).contains("--server-host: :: is the wildcard address");
    }

    @Test
    void aHostNameIsRefused() throws Exception {
        assertThat(refused("lwm2m.example.net").err())
                .contains("--server-host: 'lwm2m.example.net' is not an IP address");
        assertThat(refused("localhost").err()).contains("--server-host: 'localhost' is not an IP address");
    }

    @Test
    void aRunThatStartsNoEmbeddedServerRefusesTheFlag() throws Exception {
        Path scenario = Files.writeString(dir.resolve("target.yaml"), """
                name: with-target
                target: coap://127.0.0.1:9
                durationSeconds: 1
                fleet: {count: 1}
                """);
        Path out = dir.resolve("out");

        CliRun run = CliRun.of("run", scenario.toString(), "--server-host", "127.0.0.1", "--out", out.toString());

        assertOneLineBadInput(run, out);
        assertThat(run.err()).contains("--server-host 127.0.0.1: this run starts no embedded server")
                .contains("coap://127.0.0.1:9");
    }

    @Test
    void aClusterOnAnotherInterfaceIsAllowedWithTheEmbeddedServersOnlyWithAServerHost() throws Exception {
        Path scenario = Files.writeString(dir.resolve("s.yaml"), UDP_TLS_BOOTSTRAP);
        // validation only: no cluster is joined and nothing binds 10.0.0.4
        RunCommand run = parsedRun(scenario, "--cluster", "--cluster-host", "10.0.0.4", "--cluster-secret", "s");
        Scenario loaded = ScenarioLoader.load(scenario);

        ClusterRun accepted = ClusterRun.check(run, loaded, "10.0.0.4");
        accepted.close();

        assertThatThrownBy(() -> ClusterRun.check(run, loaded, ServerHost.DEFAULT))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("--cluster-host 10.0.0.4: the embedded servers listen on 127.0.0.1 only")
                .hasMessageContaining("give --server-host ADDRESS")
                .hasMessageContaining("--server-host 10.0.0.4");
    }

    @Test
    void aClusterOnANetworkAddressOfThisMachinePutsTheEmbeddedServersThereUnlessToldOtherwise() throws Exception {
        String local = nonLoopbackAddressOfThisMachine();
        assumeTrue(local != null, "this machine has an IPv4 address beside loopback");
        Path scenario = Files.writeString(dir.resolve("s.yaml"), UDP_TLS_BOOTSTRAP);
        Scenario loaded = ScenarioLoader.load(scenario);
        // resolution only: no cluster is joined and nothing binds the address
        assertThat(parsedRun(scenario, "--cluster", "--cluster-host", local, "--cluster-secret", "s")
                .clusterServerHost(loaded)).as("the cluster host, which the agents reach").isEqualTo(local);
        assertThat(parsedRun(scenario, "--cluster", "--cluster-secret", "s").clusterServerHost(loaded))
                .as("a cluster on loopback keeps the servers there").isEqualTo(ServerHost.DEFAULT);
        assertThat(parsedRun(scenario, "--cluster", "--cluster-host", "10.0.0.4", "--cluster-secret", "s")
                .clusterServerHost(loaded)).as("not an address of this machine: ClusterRun.check refuses it")
                .isEqualTo(ServerHost.DEFAULT);
        assertThat(parsedRun(scenario, "--cluster-host", local).clusterServerHost(loaded))
                .as("no cluster").isEqualTo(ServerHost.DEFAULT);
    }

    private static String nonLoopbackAddressOfThisMachine() throws java.net.SocketException {
        for (var nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (var address : java.util.Collections.list(nic.getInetAddresses())) {
                if (address instanceof java.net.Inet4Address && !address.isLoopbackAddress()
                        && !address.isLinkLocalAddress()) {
                    return address.getHostAddress();
                }
            }
        }
        return null;
    }

    @Test
    void aClusterOnLoopbackOrWithATargetNeedsNoServerHost() throws Exception {
        Path scenario = Files.writeString(dir.resolve("s.yaml"), UDP_TLS_BOOTSTRAP);
        ClusterRun.check(parsedRun(scenario, "--cluster", "--cluster-secret", "s"), ScenarioLoader.load(scenario),
                ServerHost.DEFAULT).close();
        Path withTarget = Files.writeString(dir.resolve("t.yaml"), """
                name: with-target
                target: coap://192.0.2.1:5683
                durationSeconds: 1
                fleet: {count: 1}
                """);
        ClusterRun.check(parsedRun(withTarget, "--cluster", "--cluster-host", "10.0.0.4", "--cluster-secret", "s"),
                ScenarioLoader.load(withTarget), ServerHost.DEFAULT).close();
    }

    private static RunCommand parsedRun(Path scenario, String... flags) {
        String[] args = new String[flags.length + 2];
        args[0] = "run";
        args[1] = scenario.toString();
        System.arraycopy(flags, 0, args, 2, flags.length);
        CommandLine.ParseResult parsed = FleetsimCommand.newCommandLine().parseArgs(args);
        return (RunCommand) parsed.subcommand().commandSpec().userObject();
    }

    private CliRun refused(String address) throws Exception {
        Path scenario = Files.writeString(dir.resolve("s.yaml"), UDP_TLS_BOOTSTRAP);
        Path out = dir.resolve("refused");
        CliRun run = CliRun.of("run", scenario.toString(), "--server-host", address, "--out", out.toString());
        assertOneLineBadInput(run, out);
        return run;
    }

    private static void assertOneLineBadInput(CliRun run, Path out) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.out()).as("nothing started").doesNotContain("devices against");
        assertThat(out).as("no results directory: nothing ran").doesNotExist();
    }
}
