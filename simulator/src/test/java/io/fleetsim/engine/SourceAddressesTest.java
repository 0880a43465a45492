package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.ScenarioException;
import io.fleetsim.scenario.ScenarioLoader;
import io.fleetsim.scenario.Transport;
import io.fleetsim.security.FleetPki;

/**
 * {@code sourceAddresses}: the devices of a group bind to the group's addresses in turn, over udp
 * (straight and behind the emulated NAT), dtls and tcp, as the servers see them; addresses this
 * machine lacks or that cannot reach the target are refused before anything starts; the socket
 * budget says how many devices cannot get a socket.
 */
class SourceAddressesTest {

    private static final FleetPki PKI = StreamTransports.pki();

    @TempDir
    Path results;

    @Test
    @Timeout(60)
    void devicesComeFromTheirGroupsAddressesEvenlyOverUdpNatDtlsAndTcp() throws Exception {
        Scenario scenario = ScenarioLoader.parse("""
                name: sources
                durationSeconds: 3600
                timeScale: 10
                groups:
                  - name: plain
                    count: 20
                    endpointPrefix: u-
                    transport: udp
                    sourceAddresses: 127.0.1.0/30
                  - name: natted
                    count: 8
                    endpointPrefix: n-
                    transport: udp
                    sourceAddresses: [127.0.2.0, 127.0.2.1]
                    nat: {idleTimeoutSeconds: 3000}
                  - name: secure
                    count: 4
                    endpointPrefix: d-
                    transport: dtls
                    security: {mode: psk}
                    sourceAddresses: 127.0.3.0/31
                  - name: stream
                    count: 20
                    endpointPrefix: t-
                    transport: tcp
                    sourceAddresses: 127.0.1.0/30
                arrival:
                  rate: 500
                """, Path.of("sources.yaml"));
        RunOutcome outcome;
        try (LeshanTestServer udp = new LeshanTestServer(scenario, PKI);
                StreamTestServer tcp = new StreamTestServer(Transport.TCP, PKI)) {
            RunTarget target = udp.target().withEndpoints(tcp.target().endpoints());
            FleetEngine engine = FleetEngine.start(scenario, target, RunOptions.defaults(results));
            try {
                assertThat(engine.awaitRegistered(52, 20_000)).as("all 52 devices registered").isTrue();
                assertThat(peers(udp, "u-", 20)).as("udp devices per source address, as Leshan saw them")
                        .isEqualTo(Map.of("127.0.1.0", 5, "127.0.1.1", 5, "127.0.1.2", 5, "127.0.1.3", 5));
                assertThat(peers(udp, "n-", 8)).as("udp devices behind the NAT per source address")
                        .isEqualTo(Map.of("127.0.2.0", 4, "127.0.2.1", 4));
                assertThat(peers(udp, "d-", 4)).as("dtls devices per source address")
                        .isEqualTo(Map.of("127.0.3.0", 2, "127.0.3.1", 2));
                assertThat(peers(tcp, "t-", 20)).as("tcp devices per source address, as the tcp server saw them")
                        .isEqualTo(Map.of("127.0.1.0", 5, "127.0.1.1", 5, "127.0.1.2", 5, "127.0.1.3", 5));
                assertThat(tcp.registration("t-000005").orElseThrow().address().getAddress().getHostAddress())
                        .as("device 5 of 4 addresses binds to the second").isEqualTo("127.0.1.1");
            } finally {
                outcome = engine.stop();
            }
        }
        JsonNode summary = new ObjectMapper().readTree(outcome.resultsDir().resolve("summary.json").toFile());
        Map<String, Integer> recorded = new TreeMap<>();
        summary.path("sourceAddresses").forEach(n -> recorded.put(n.path("address").asText(), n.path("devices").asInt()));
        assertThat(recorded).as("summary.json's sourceAddresses").isEqualTo(Map.of("127.0.1.0", 10, "127.0.1.1", 10,
                "127.0.1.2", 10, "127.0.1.3", 10, "127.0.2.0", 4, "127.0.2.1", 4, "127.0.3.0", 2, "127.0.3.1", 2));
        assertThat(summary.path("registration").path("successes").asLong()).isEqualTo(52);
    }

    /** Registrations per peer address of the {@code count} devices whose endpoints start with {@code prefix}. */
    private static Map<String, Integer> peers(Lwm2mTestServer server, String prefix, int count) {
        Map<String, Integer> out = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            String endpoint = prefix + String.format("%06d", i);
            String address = server.registration(endpoint).orElseThrow(() -> new AssertionError(endpoint + " is not registered"))
                    .address().getAddress().getHostAddress();
            out.merge(address, 1, Integer::sum);
        }
        return out;
    }

    @Test
    void anAddressThisMachineLacksIsRefusedBeforeTheRunStartsNamingFileLineAndKey() {
        // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): no interface has it; nothing is sent anywhere
        Scenario scenario = ScenarioLoader.parse("""
                name: sources
                durationSeconds: 60
                fleet:
                  count: 4
                  sourceAddresses: [127.0.1.1, 192.0.2.77]
                """, Path.of("sources.yaml"));
        boolean[] closed = new boolean[1];
        RunTarget target = new RunTarget("127.0.0.1", 5683, true, () -> closed[0] = true);
        assertThatThrownBy(() -> FleetEngine.start(scenario, target, RunOptions.defaults(results)))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("sources.yaml:5: fleet.sourceAddresses: 192.0.2.77 is not an address of this machine "
                        + "(no network interface has it; see 'ip -brief address'); on Linux every address of "
                        + "127.0.0.0/8 is on the loopback interface")
                .satisfies(e -> assertThat(((ScenarioException) e).line()).isEqualTo(5));
        assertThat(closed[0]).as("the embedded server is stopped").isTrue();
        assertThat(results).as("no results directory content").isEmptyDirectory();
    }

    @Test
    void anAddressOfTheOtherFamilyThanTheTargetIsRefused() {
        Scenario scenario = ScenarioLoader.parse("""
                name: sources
                durationSeconds: 60
                groups:
                  - count: 4
                    endpointPrefix: a-
                  - count: 4
                    endpointPrefix: b-
                    sourceAddresses: "fd00::1"
                """, Path.of("sources.yaml"));
        assertThatThrownBy(() -> SourceAddressCheck.check(scenario, RunTarget.external("127.0.0.1", 5683), a -> true))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("sources.yaml:8: groups[1].sourceAddresses: fd00:0:0:0:0:0:0:1 is IPv6 but group 'b-' "
                        + "sends to 127.0.0.1, an IPv4 address; give IPv4 source addresses");
    }

    @Test
    void aLoopbackAddressForATargetOffLoopbackIsRefused() {
        Scenario scenario = ScenarioLoader.parse("""
                name: sources
                durationSeconds: 60
                target: coap://192.0.2.10:5683
                fleet:
                  count: 4
                  sourceAddresses: 127.0.1.0/31
                """, Path.of("sources.yaml"));
        assertThatThrownBy(() -> SourceAddressCheck.check(scenario, RunTarget.external("192.0.2.10", 5683), a -> true))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("sources.yaml:6: fleet.sourceAddresses: 127.0.1.0 is a loopback address, which cannot "
                        + "reach group 'fleetsim-''s target 192.0.2.10; give addresses of an interface that routes to it");
    }

    @Test
    void loopbackAddressesAreLocalOnLinux() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"));
        assertThat(SourceAddressCheck.isLocal(address("127.0.1.3"))).isTrue();
        assertThat(SourceAddressCheck.isLocal(address("192.0.2.77"))).isFalse();
    }

    @Test
    void theSocketBudgetSaysHowManyDevicesCannotGetASocketAndHowToRaiseTheLimit() {
        Scenario oneAddress = ScenarioLoader.parse("""
                name: big
                durationSeconds: 60
                fleet:
                  count: 40000
                """, Path.of("big.yaml"));
        SocketBudgetCheck.PortRange ports = new SocketBudgetCheck.PortRange(32768, 60999);
        List<String> problems = SocketBudgetCheck.problems(SocketBudgetCheck.loads(oneAddress, "127.0.0.1"), ports,
                20_000, 19_900);
        assertThat(problems).containsExactly(
                "socket budget: 40000 devices need 40000 sockets, but this process may open 20000 files (ulimit -n), "
                        + "which leaves room for 19900 device sockets: 20100 devices will not get a socket; raise the "
                        + "limit with 'ulimit -n 40100' (up to 'ulimit -Hn') or spread the fleet over several processes",
                "socket budget: 40000 udp and dtls devices bind to 127.0.0.1, but the ephemeral port range "
                        + "32768-60999 holds 28232 ports per address: 11768 devices will not get a port; widen the "
                        + "range with 'sudo sysctl -w net.ipv4.ip_local_port_range=\"1024 65535\"' or spread the group "
                        + "over more addresses with sourceAddresses");

        Scenario spread = ScenarioLoader.parse("""
                name: big
                durationSeconds: 60
                groups:
                  - count: 40000
                    endpointPrefix: u-
                    sourceAddresses: 127.0.1.0/31
                  - count: 30000
                    endpointPrefix: t-
                    transport: tcp
                """, Path.of("big.yaml"));
        assertThat(SocketBudgetCheck.problems(SocketBudgetCheck.loads(spread, "127.0.0.1"), ports, 100_000, 99_900))
                .as("20000 udp devices on each of two addresses fit; 30000 tcp devices on one do not")
                .containsExactly("socket budget: 30000 tcp and tls devices bind to 127.0.0.1, but the ephemeral port "
                        + "range 32768-60999 holds 28232 ports per address: 1768 devices will not get a port; widen "
                        + "the range with 'sudo sysctl -w net.ipv4.ip_local_port_range=\"1024 65535\"' or spread the "
                        + "group over more addresses with sourceAddresses");
        assertThat(SocketBudgetCheck.problems(SocketBudgetCheck.loads(spread, "127.0.0.1"), null, 100_000, 70_000))
                .as("no port range known, files enough").isEmpty();
    }

    @Test
    void thePortRangeIsReadFromProcFormat(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ip_local_port_range");
        Files.writeString(file, "32768\t60999\n");
        assertThat(SocketBudgetCheck.PortRange.read(file)).isEqualTo(new SocketBudgetCheck.PortRange(32768, 60999));
        assertThat(SocketBudgetCheck.PortRange.read(dir.resolve("missing"))).isNull();
    }

    private static java.net.InetAddress address(String literal) {
        try {
            return java.net.InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
