package io.fleetsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code expectIssuer} over TLS: a server certificate from the expected CA registers; one from
 * any other issuer (a TLS-inspecting firewall) is counted as {@code issuer-mismatch}.
 */
@Timeout(120)
class TlsIssuerTest {

    @TempDir
    Path dir;

    @Test
    void theRunsOwnCaIsAccepted() throws IOException {
        JsonNode summary = run("trusted", "CN=fleetsim CA, O=fleetsim");

        assertThat(summary.path("devices").path("registered").asInt()).isEqualTo(3);
        assertThat(summary.path("registration").path("failures").has("issuer-mismatch")).isFalse();
    }

    @Test
    void anyOtherIssuerIsCountedAsAnInspectingFirewall() throws IOException {
        JsonNode summary = run("inspected", "CN=Corporate Inspection CA, O=Example");

        assertThat(summary.path("devices").path("registered").asInt()).isZero();
        assertThat(summary.path("registration").path("failures").path("issuer-mismatch").asLong())
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void withoutADeviceCertificateTheIssuerIsCheckedToo() throws IOException {
        JsonNode trusted = run("plain-trusted", "", "CN=fleetsim CA, O=fleetsim");
        JsonNode inspected = run("plain-inspected", "", "CN=Corporate Inspection CA, O=Example");

        assertThat(trusted.path("devices").path("registered").asInt()).isEqualTo(3);
        assertThat(inspected.path("devices").path("registered").asInt()).isZero();
        assertThat(inspected.path("registration").path("failures").path("issuer-mismatch").asLong())
                .isGreaterThanOrEqualTo(3);
    }

    private JsonNode run(String name, String expectIssuer) throws IOException {
        return run(name, "    mode: x509\n", expectIssuer);
    }

    private JsonNode run(String name, String modeLine, String expectIssuer) throws IOException {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, """
                name: %s
                durationSeconds: 4
                fleet:
                  count: 3
                  endpointPrefix: %s-
                  transport: tls
                  security:
                %s    expectIssuer: "%s"
                arrival:
                  rate: 100
                thresholds:
                  - devices.registered >= 0
                """.formatted(name, name, modeLine, expectIssuer));
        Path out = dir.resolve(name);
        CliRun run = CliRun.of("run", file.toString(), "--out", out.toString(), "--quiet");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.PASS);
        return new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    }
}
