package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fleetsim.scenario.Transport;
import io.fleetsim.security.FleetPki;

/** What a user reads in summary.json about TLS handshakes and connects, good and bad. */
@Timeout(60)
class TlsHandshakeOutcomesTest {

    @RegisterExtension
    final StreamServerExtension stream = new StreamServerExtension();

    @TempDir
    Path results;

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
        JsonNode summary = run("trusted", stream.pki());

        assertThat(summary.path("devices").path("registered").asLong()).isEqualTo(3);
        assertThat(summary.path("tls").path("failureCount").asLong()).isZero();
        assertThat(summary.path("connections").path("connectMs").path("count").asLong()).isEqualTo(3);
        assertThat(summary.path("connections").path("connectMs").path("max").asDouble()).isPositive();
    }

    private JsonNode run(String name, FleetPki trusted) throws Exception {
        FleetEngine engine = FleetEngine.start(StreamTransports.fleet(name, 3, Transport.TLS, "",
                        "registrationRetry: {initialSeconds: 0.5, maxSeconds: 1}"),
                StreamTransports.target(stream.server(), Transport.TLS, trusted), RunOptions.defaults(results));
        engine.awaitRegistered(3, 3_000);
        RunOutcome outcome = engine.stop();
        return new ObjectMapper().readTree(outcome.resultsDir().resolve("summary.json").toFile());
    }
}
