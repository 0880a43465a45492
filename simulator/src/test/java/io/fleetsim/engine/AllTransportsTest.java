package io.fleetsim.engine;

import static io.fleetsim.engine.Waiting.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiFunction;

import org.eclipse.leshan.core.request.ContentFormat;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fleetsim.engine.Lwm2mTestServer.ReadOutcome;
import io.fleetsim.engine.Lwm2mTestServer.Registered;
import io.fleetsim.metrics.Counter;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.Transport;
import io.fleetsim.security.FleetPki;
import io.fleetsim.transport.dtls.SecureFleet;

/**
 * One test body over every transport, against a real server for each (Leshan for udp and dtls,
 * java-coap for tcp and tls): devices register with their lifetime and objects, updates keep them
 * registered past that lifetime, the server reads their Device object, they de-register, and the
 * run's summary.json says the same. Lifetime 60 s, updates every 20 s, at 10x.
 */
@Timeout(180)
class AllTransportsTest {

    private static final int DEVICES = 5;
    private static final long LIFETIME_SECONDS = 60;
    private static final String TIMING = "lifetimeSeconds: " + LIFETIME_SECONDS + "\nupdateIntervalSeconds: 20\ntimeScale: 10";

    private static final FleetPki PKI = StreamTransports.pki();

    @TempDir
    Path results;

    /** A transport: the scenario lines that select it, the server that speaks it, the handshakes it makes. */
    enum TransportCase {
        UDP("transport: udp", Handshakes.NONE, LeshanTestServer::new),
        DTLS_PSK("transport: dtls\nsecurity:\n  mode: psk\n  pskIdentity: \"id-{endpoint}\"\n  pskKeySeed: s3cret",
                Handshakes.DTLS, LeshanTestServer::new),
        DTLS_RPK("transport: dtls\nsecurity:\n  mode: rpk", Handshakes.DTLS, LeshanTestServer::new),
        DTLS_X509("transport: dtls\nsecurity:\n  mode: x509\n  expectIssuer: \"CN=fleetsim test CA, O=fleetsim\"",
                Handshakes.DTLS, LeshanTestServer::new),
        TCP("transport: tcp", Handshakes.NONE, (scenario, pki) -> new StreamTestServer(Transport.TCP, pki)),
        TLS("transport: tls", Handshakes.TLS, (scenario, pki) -> new StreamTestServer(Transport.TLS, pki)),
        TLS_X509("transport: tls\nsecurity:\n  mode: x509", Handshakes.TLS,
                (scenario, pki) -> new StreamTestServer(Transport.TLS, pki));

        final String yaml;
        final Handshakes handshakes;
        final BiFunction<Scenario, FleetPki, Lwm2mTestServer> server;

        TransportCase(String yaml, Handshakes handshakes, BiFunction<Scenario, FleetPki, Lwm2mTestServer> server) {
            this.yaml = yaml;
            this.handshakes = handshakes;
            this.server = server;
        }

        @Override
        public String toString() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    enum Handshakes { NONE, DTLS, TLS }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TransportCase.class)
    void devicesRegisterStayRegisteredByUpdatingAnswerAReadAndDeregister(TransportCase transport) throws Exception {
        String name = "all-" + transport;
        String reader = name + "-000003";
        Scenario scenario = SecureFleet.fleet(name, DEVICES, transport.yaml, TIMING);
        RunOutcome outcome;
        try (Lwm2mTestServer server = transport.server.apply(scenario, PKI)) {
            FleetEngine engine = FleetEngine.start(scenario, server.target(), RunOptions.defaults(results));
            try {
                assertThat(engine.awaitRegistered(DEVICES, 30_000)).as("all %d devices registered over %s", DEVICES, transport)
                        .isTrue();
                for (int i = 0; i < DEVICES; i++) {
                    assertIsRegisteredWithItsLifetimeAndObjects(server, name + "-00000" + i);
                }
                Instant registeredAt = server.registration(reader).orElseThrow().lastUpdate();

                ReadOutcome read = server.read(reader, "/3/0", ContentFormat.SENML_JSON, Duration.ofSeconds(5));
                assertThat(read.success()).as("the server's Read of /3/0 succeeds: %s", read.content()).isTrue();
                assertThat(read.content()).as("the Device object holds the device's serial number").contains("FS00000003");

                waitFor(() -> engine.totals().get(Counter.UPDATES) >= 4 * DEVICES, 30_000); // 80 s simulated
                assertThat(server.registrationCount()).as("devices still registered past their lifetime").isEqualTo(DEVICES);
                assertThat(server.registration(reader).orElseThrow().lastUpdate()).as("the server saw updates")
                        .isAfter(registeredAt);
            } finally {
                outcome = engine.stop();
            }
            assertThat(server.registrationCount()).as("devices registered after de-registration").isZero();
        }
        assertTheSummaryAgrees(outcome, transport);
    }

    private static void assertIsRegisteredWithItsLifetimeAndObjects(Lwm2mTestServer server, String endpoint) {
        Registered device = server.registration(endpoint).orElseThrow(() -> new AssertionError(endpoint + " is not registered"));
        assertThat(device.lifetimeSeconds()).as("%s registered with its lifetime", endpoint).isEqualTo(LIFETIME_SECONDS);
        assertThat(device.objectLinks()).as("%s registered its objects", endpoint).contains("</1/0>", "</3/0>");
        assertThat(device.address().getAddress().isLoopbackAddress()).as("%s registered from loopback", endpoint).isTrue();
    }

    private void assertTheSummaryAgrees(RunOutcome outcome, TransportCase transport) throws Exception {
        JsonNode summary = new ObjectMapper().readTree(outcome.resultsDir().resolve("summary.json").toFile());
        assertThat(summary.path("complete").asBoolean()).as("the summary is complete").isTrue();
        assertThat(summary.path("registration").path("successes").asLong()).as("registrations").isEqualTo(DEVICES);
        assertThat(summary.path("update").path("successes").asLong()).as("updates").isGreaterThanOrEqualTo(4 * DEVICES);
        assertThat(summary.path("update").path("failures").size()).as("update failures: %s", summary.path("update"))
                .isZero();
        assertThat(summary.path("serverRequests").path("read").asLong()).as("reads served").isEqualTo(1);
        assertThat(summary.path("deregistration").path("count").asLong()).as("de-registrations").isEqualTo(DEVICES);
        assertThat(summary.path("handshake").path("successes").asLong()).as("DTLS handshakes")
                .isEqualTo(transport.handshakes == Handshakes.DTLS ? DEVICES : 0);
        assertThat(summary.path("tls").path("handshakes").asLong()).as("TLS handshakes")
                .isEqualTo(transport.handshakes == Handshakes.TLS ? DEVICES : 0);
    }
}
