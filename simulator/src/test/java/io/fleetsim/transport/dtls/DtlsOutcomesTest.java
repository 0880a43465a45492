package io.fleetsim.transport.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fleetsim.engine.FleetEngine;
import io.fleetsim.engine.RunOptions;
import io.fleetsim.engine.RunOutcome;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.security.FleetPki;
import io.fleetsim.server.EmbeddedLwm2mServer;

/** What a user reads in the results when DTLS handshakes fail, and whether Connection IDs were agreed. */
@Timeout(120)
class DtlsOutcomesTest {

    private static FleetPki pki;

    @TempDir
    Path results;

    @BeforeAll
    static void makePki() throws Exception {
        pki = FleetPki.create("outcomes CA");
    }

    @Test
    void aWrongPskCountsHandshakeFailuresUnderTheirCauseAndTheRunStillEndsWithResults() throws Exception {
        // Leshan drops a Finished it cannot verify: the device's last flight times out. At 50x,
        // Scandium's 2 s .. 32 s retransmissions take about 1.3 s of wall time.
        Scenario devices = SecureFleet.fleet("wrongpsk", 3, "transport: dtls\nsecurity:\n  mode: psk\n  pskKeySeed: device-seed", "timeScale: 50");
        Scenario server = SecureFleet.fleet("wrongpsk", 3, "transport: dtls\nsecurity:\n  mode: psk\n  pskKeySeed: server-seed", "");
        JsonNode summary;
        try (EmbeddedLwm2mServer leshan = SecureFleet.server(server, pki, pki)) {
            FleetEngine engine = FleetEngine.start(devices, SecureFleet.target(leshan, pki), RunOptions.defaults(results));
            Thread.sleep(5_000);
            RunOutcome outcome = engine.stop();
            summary = new ObjectMapper().readTree(outcome.resultsDir().resolve("summary.json").toFile());
            assertThat(leshan.registrations()).isEmpty();
        }
        assertThat(summary.path("complete").asBoolean()).isTrue();
        assertThat(summary.path("devices").path("registered").asLong()).isZero();
        assertThat(summary.path("handshake").path("failures").path("timeout:flight-5").asLong())
                .as(summary.path("handshake").toString()).isGreaterThanOrEqualTo(3);
        assertThat(summary.path("registration").path("failures").path("handshake").asLong()).isGreaterThanOrEqualTo(3);
        String written = Files.readString(results.resolve("summary.json")) + Files.readString(results.resolve("histograms.hlog"));
        assertThat(written).doesNotContain("device-seed");
    }

    @Test
    void aServerCertificateFromAnotherCaIsAnIssuerMismatch() throws Exception {
        FleetPki firewall = FleetPki.create("inspecting firewall CA");
        Scenario scenario = SecureFleet.fleet("mitm", 2,
                "transport: dtls\nsecurity:\n  mode: x509\n  expectIssuer: \"CN=outcomes CA, O=fleetsim\"", "");
        RunOutcome outcome;
        try (EmbeddedLwm2mServer leshan = SecureFleet.server(scenario, firewall, pki)) {
            FleetEngine engine = FleetEngine.start(scenario, SecureFleet.target(leshan, pki), RunOptions.defaults(results));
            Thread.sleep(2_000);
            outcome = engine.stop();
        }
        JsonNode summary = new ObjectMapper().readTree(outcome.resultsDir().resolve("summary.json").toFile());
        assertThat(summary.path("handshake").path("failures").path("issuer-mismatch").asLong())
                .as(summary.path("handshake").toString()).isGreaterThanOrEqualTo(2);
        assertThat(summary.path("handshake").path("successes").asLong()).isZero();
    }

    @Test
    void connectionIdsAreNegotiatedOnlyWhenTheGroupAsksForThem() throws Exception {
        assertThat(cidNegotiations(true)).isEqualTo(4);
        assertThat(cidNegotiations(false)).isZero();
    }

    private long cidNegotiations(boolean connectionId) throws Exception {
        String name = "cid-" + connectionId;
        Scenario scenario = SecureFleet.fleet(name, 4,
                "transport: dtls\nsecurity:\n  mode: psk\n  connectionId: " + connectionId, "");
        try (EmbeddedLwm2mServer leshan = SecureFleet.server(scenario, pki, pki)) {
            FleetEngine engine = FleetEngine.start(scenario, SecureFleet.target(leshan, pki),
                    RunOptions.defaults(results.resolve(name)));
            assertThat(engine.awaitRegistered(4, 30_000)).isTrue();
            RunOutcome outcome = engine.stop();
            JsonNode summary = new ObjectMapper().readTree(outcome.resultsDir().resolve("summary.json").toFile());
            assertThat(summary.path("handshake").path("successes").asLong()).isEqualTo(4);
            return summary.path("dtls").path("connectionIdNegotiated").asLong();
        }
    }
}
