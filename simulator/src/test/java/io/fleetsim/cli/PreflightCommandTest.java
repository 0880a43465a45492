package io.fleetsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fleetsim.scenario.Transport;
import io.fleetsim.security.FleetPki;
import io.fleetsim.server.EmbeddedLwm2mServer;
import io.fleetsim.server.FleetSecurityStore;
import io.fleetsim.server.tcp.EmbeddedTcpLwm2mServer;

/** {@code fleetsim preflight} against servers on 127.0.0.1 made here: what it prints and its exit code. */
@Timeout(60)
class PreflightCommandTest {

    private static final String SERVICE_CA = "Preflight Service CA";

    private static FleetPki servicePki;
    private static EmbeddedLwm2mServer coap;
    private static EmbeddedTcpLwm2mServer service;
    private static EmbeddedTcpLwm2mServer inspectingProxy;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServers() throws Exception {
        servicePki = FleetPki.create(SERVICE_CA);
        coap = EmbeddedLwm2mServer.start();
        service = EmbeddedTcpLwm2mServer.start(Set.of(Transport.TCP, Transport.TLS), servicePki);
        inspectingProxy = EmbeddedTcpLwm2mServer.start(Set.of(Transport.TLS), FleetPki.create("Inspecting Proxy CA"));
    }

    @AfterAll
    static void stopServers() {
        for (AutoCloseable server : new AutoCloseable[] { coap, service, inspectingProxy }) {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }

    @Test
    void aCoapServerOverUdpAnswersThePing() {
        CliRun run = CliRun.of("preflight", coapUri());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.PASS);
        assertThat(run.out()).contains("PASS  dns             literal address 127.0.0.1 (no lookup)")
                .containsPattern("PASS  coap-ping +answered in [0-9.]+ ms \\(try 1 of 4\\)")
                .contains("1 target(s): 1 passed, 0 failed");
    }

    @Test
    void aUdpPortThatDropsEverythingFailsAfterFourTries() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            long start = System.nanoTime();
            CliRun run = CliRun.of("preflight", "coap://127.0.0.1:" + silent.getLocalPort(), "--timeout", "0.05");
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAILED);
            assertThat(run.out()).contains("FAIL  coap-ping       no answer to 4 tries in 0.8 s")
                    .contains("means: nothing answers CoAP on UDP port " + silent.getLocalPort())
                    .contains("do:    open UDP port " + silent.getLocalPort());
            assertThat(millis).as("0.05 + 0.1 + 0.2 + 0.4 s of waiting").isGreaterThanOrEqualTo(700);
        }
    }

    @Test
    void coapOverTcpAndTlsWithTheExpectedIssuerPass() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), FleetPki.pem(List.of(servicePki.caCertificate())));

        CliRun run = CliRun.of("preflight", service.uri(Transport.TCP), service.uri(Transport.TLS),
                // most significant first, as openssl prints it: compared attribute by attribute
                "--expect-issuer", "O=fleetsim, CN=" + SERVICE_CA, "--cafile", ca.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.PASS);
        assertThat(run.out()).containsPattern("PASS  tcp-connect +connected in [0-9.]+ ms")
                .containsPattern("PASS  tls-handshake +TLSv1\\.[23] ")
                .contains("PASS  certificate     subject O=fleetsim,CN=fleetsim server; issuer O=fleetsim,CN=" + SERVICE_CA
                        + "; valid ")
                .contains("; key EC 256 bit")
                .contains("PASS  issuer          issued by O=fleetsim,CN=" + SERVICE_CA + " as expected")
                .contains("PASS  chain           verified against --cafile (1 certificate(s))")
                .containsPattern("PASS  csm +exchanged in [0-9.]+ ms; server Max-Message-Size 16384")
                .containsPattern("PASS  coap-ping +Pong in [0-9.]+ ms")
                .contains("2 target(s): 2 passed, 0 failed");
        assertThat(run.out().split("PASS  coap-ping", -1)).as("a Pong over TCP and over TLS").hasSize(3);
    }

    @Test
    void withoutCafileThePartialChainIsNotVerified() {
        CliRun run = CliRun.of("preflight", service.uri(Transport.TLS));

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.PASS);
        assertThat(run.out()).contains("PASS  chain           not verified; partial chains are expected")
                .doesNotContain("issuer          ");
    }

    @Test
    void httpsStopsAfterTheCertificate() {
        CliRun run = CliRun.of("preflight", "https://127.0.0.1:" + service.address(Transport.TLS).getPort());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.PASS);
        assertThat(run.out()).contains("PASS  tls-handshake   TLSv1.").contains("PASS  certificate     subject ")
                .doesNotContain("csm").doesNotContain("coap-ping");
    }

    @Test
    void anotherIssuerIsReportedAsTlsInspection() {
        CliRun run = CliRun.of("preflight", inspectingProxy.uri(Transport.TLS),
                "--expect-issuer", "CN=" + SERVICE_CA + ", O=fleetsim");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out())
                .contains("FAIL  issuer          issued by O=fleetsim,CN=Inspecting Proxy CA; expected CN=" + SERVICE_CA
                        + ",O=fleetsim")
                .contains("means: probable TLS inspection")
                .contains("do:    exempt the service's host names and ports from TLS inspection")
                .contains("1 target(s): 0 passed, 1 failed");
    }

    @Test
    void overDtlsTheServerCertificateIsCapturedWithoutClientCredentials() {
        try (EmbeddedLwm2mServer dtls = EmbeddedLwm2mServer.startSecure(new FleetSecurityStore(List.of(), servicePki),
                servicePki.server(), servicePki.caCertificate())) {
            CliRun run = CliRun.of("preflight", "coaps://127.0.0.1:" + dtls.coapsAddress().getPort(),
                    "--expect-issuer", "CN=Inspecting Proxy CA, O=fleetsim");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAILED);
            // Leshan demands a device certificate: preflight stops after the server's, as openssl s_client does
            assertThat(run.out())
                    .contains("PASS  dtls-handshake  stopped after the server certificate")
                    .contains("PASS  certificate     subject O=fleetsim,CN=fleetsim server; issuer O=fleetsim,CN="
                            + SERVICE_CA)
                    .contains("FAIL  issuer          issued by O=fleetsim,CN=" + SERVICE_CA
                            + "; expected CN=Inspecting Proxy CA,O=fleetsim");
        }
    }

    @Test
    void jsonNamesEveryCheckAndTheFailure() throws Exception {
        CliRun run = CliRun.of("preflight", "--json", coapUri(), inspectingProxy.uri(Transport.TLS),
                "--expect-issuer", "CN=" + SERVICE_CA + ", O=fleetsim");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAILED);
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.get("passed").asBoolean()).isFalse();
        JsonNode udp = root.get("targets").get(0);
        assertThat(udp.get("scheme").asText()).isEqualTo("coap");
        assertThat(udp.get("port").asInt()).isEqualTo(coap.coapAddress().getPort());
        assertThat(udp.get("passed").asBoolean()).isTrue();
        JsonNode ping = udp.get("checks").get(1);
        assertThat(ping.get("name").asText()).isEqualTo("coap-ping");
        assertThat(ping.get("status").asText()).isEqualTo("PASS");
        assertThat(ping.get("millis").asDouble()).isPositive();
        JsonNode tls = root.get("targets").get(1);
        assertThat(tls.get("scheme").asText()).isEqualTo("coaps+tcp");
        assertThat(tls.get("passed").asBoolean()).isFalse();
        JsonNode issuer = null;
        for (JsonNode check : tls.get("checks")) {
            if (check.get("name").asText().equals("issuer")) {
                issuer = check;
            }
        }
        assertThat(issuer).isNotNull();
        assertThat(issuer.get("status").asText()).isEqualTo("FAIL");
        assertThat(issuer.get("figure").asText()).contains("CN=Inspecting Proxy CA");
        assertThat(issuer.get("meaning").asText()).startsWith("probable TLS inspection");
        assertThat(issuer.get("action").asText()).isNotBlank();
    }

    @Test
    void theDnsAnswerIsRenewedAfterItsTtl() throws Exception {
        // the first answer is never probed: preflight probes the fresh one, 127.0.0.1
        try (LoopbackDnsServer dns = new LoopbackDnsServer("fleet.test", "127.0.0.2", "127.0.0.1", 1)) {
            CliRun run = CliRun.of("preflight", "coap://fleet.test:" + coap.coapAddress().getPort(),
                    "--dns-server", dns.address(), "--watch-dns", "5");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.PASS);
            assertThat(run.out()).contains("PASS  dns             127.0.0.2; TTL 1 s; resolver " + dns.address()
                            + " (--dns-server)")
                    .containsPattern("PASS  dns-fresh +after 1\\.[0-9] s: fresh answer 127\\.0\\.0\\.1 \\(was 127\\.0\\.0\\.2\\); TTL 1 s")
                    .contains("PASS  coap-ping");
            assertThat(dns.aQueries()).isEqualTo(2);
        }
    }

    @Test
    void aTtlLongerThanTheWatchIsNotWatched() throws Exception {
        try (LoopbackDnsServer dns = new LoopbackDnsServer("fleet.test", "127.0.0.1", "127.0.0.1", 300)) {
            CliRun run = CliRun.of("preflight", "coap://fleet.test:" + coap.coapAddress().getPort(),
                    "--dns-server", dns.address(), "--watch-dns", "2");

            assertThat(run.exitCode()).as("a warning is not a failure: " + run.out()).isEqualTo(ExitCodes.PASS);
            assertThat(run.out()).contains("WARN  dns-fresh       TTL 300 s is longer than --watch-dns 2 s: not watched")
                    .contains("do:    give --watch-dns at least 301");
        }
    }

    @Test
    void anUnknownNameFailsAtDns() throws Exception {
        try (LoopbackDnsServer dns = new LoopbackDnsServer("fleet.test", "127.0.0.1", "127.0.0.1", 60)) {
            CliRun run = CliRun.of("preflight", "coaps+tcp://other.test", "--dns-server", dns.address());

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAILED);
            assertThat(run.out()).contains("FAIL  dns             " + dns.address() + " answered NXDOMAIN (no such name)")
                    .contains("means: the devices' DNS server cannot resolve other.test")
                    .doesNotContain("tcp-connect");
        }
    }

    @Test
    void anUnknownSchemeIsBadInput() {
        CliRun run = CliRun.of("preflight", "ftp://127.0.0.1");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).contains("target 'ftp://127.0.0.1': unknown scheme 'ftp'; use coap://");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anIssuerThatIsNoNameIsBadInput() {
        CliRun run = CliRun.of("preflight", coapUri(), "--expect-issuer", "izuma");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--expect-issuer 'izuma' is neither a preset (izuma-bootstrap)");
    }

    @Test
    void aDnsServerThatIsNoAddressIsBadInput() {
        CliRun run = CliRun.of("preflight", coapUri(), "--dns-server", "dns.example:53");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--dns-server: 'dns.example:53' is not an IP address");
    }

    private static String coapUri() {
        return "coap://127.0.0.1:" + coap.coapAddress().getPort();
    }
}
