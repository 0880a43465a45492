package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fleetsim.scenario.Transport;
import io.fleetsim.security.FleetPki;
import io.fleetsim.server.tcp.EmbeddedTcpLwm2mServer;

/** What a user reads in summary.json about TLS handshakes and connects, good and bad. */
@Timeout(60)
class TlsHandshakeOutcomesTest {

    private static FleetPki pki;
    private static EmbeddedTcpLwm2mServer server;

    @TempDir
    Path results;

    @BeforeAll
    static void startServer() {
        pki = StreamTransports.pki();
        server = StreamTransports.start(pki);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aServerCertificateFromACaTheDevicesDoNotTrustIsCountedAsUntrusted() throws Exception {
        FleetPki stranger = FleetPki.create("unknown CA");
        JsonNode summary = run("untrusted", stranger);

        assertThat(summary.path("devices").path("registered").asLong()).isZero();
        assertThat(summary.path("tls").path("failures").path("untrusted-certificate").asLong())
                .as(summary.path("tls").toString()).isGreaterThanOrEqualTo(3);
        assertThat(summary.path("tls").path("failureCount").asLong())
                .isEqualTo(summary.path("tls").path("failures").path("untrusted-certificate").asLong());
        assertThat(summary.path("registration").path("failures").path("handshake").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(summary.path("connections").path("connectMs").path("count").asLong()).isZero();
    }

    @Test
    void everyConnectThatWorkedIsTimedFromConnectToCsm() throws Exception {
        JsonNode summary = run("trusted", pki);

        assertThat(summary.path("devices").path("registered").asLong()).isEqualTo(3);
        assertThat(summary.path("tls").path("failureCount").asLong()).isZero();
        assertThat(summary.path("connections").path("connectMs").path("count").asLong()).isEqualTo(3);
        assertThat(summary.path("connections").path("connectMs").path("max").asDouble()).isPositive();
    }

    private JsonNode run(String name, FleetPki trusted) throws Exception {
        FleetEngine engine = FleetEngine.start(StreamTransports.fleet(name, 3, Transport.TLS, "",
                        "registrationRetry: {initialSeconds: 0.5, maxSeconds: 1}"),
                StreamTransports.target(server, Transport.TLS, trusted), RunOptions.defaults(results));
        engine.awaitRegistered(3, 3_000);
        RunOutcome outcome = engine.stop();
        return new ObjectMapper().readTree(outcome.resultsDir().resolve("summary.json").toFile());
    }
}
