package io.fleetsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fleetsim.security.PskCredentials;

/** The {@code security} map of a group: what it accepts, and the messages for what it refuses. */
class SecurityScenarioTest {

    @TempDir
    Path dir;

    private static Scenario parse(String fleetLines) {
        return ScenarioLoader.parse("name: s\ndurationSeconds: 60\nfleet:\n  count: 2\n" + fleetLines, Path.of("sec.yaml"));
    }

    @Test
    void aPskGroupDerivesItsKeysFromTheSeedAndHidesThem() {
        Scenario scenario = parse("  transport: dtls\n  security:\n    mode: psk\n    pskIdentity: \"id-{endpoint}\"\n"
                + "    pskKeySeed: top-secret\n    connectionId: true\n");
        Security security = scenario.groups().get(0).security();
        PskCredentials psk = new PskCredentials(security);

        assertThat(security.connectionId()).isTrue();
        assertThat(psk.identity("dev-1")).isEqualTo("id-dev-1");
        assertThat(psk.endpointOf("id-dev-1")).contains("dev-1");
        assertThat(psk.key("id-dev-1").orElseThrow()).hasSize(16).isNotEqualTo(psk.key("id-dev-2").orElseThrow());
        assertThat(security.toString()).doesNotContain("top-secret");
    }

    @Test
    void securityOnAUdpGroupIsRefusedNamingItsLine() {
        assertThatThrownBy(() -> parse("  transport: udp\n  security:\n    mode: psk\n"))
                .hasMessage("sec.yaml:6: fleet.security: is only for transport dtls or tls; this group's transport is udp");
    }

    @Test
    void aDtlsGroupWithoutSecurityIsRefused() {
        assertThatThrownBy(() -> parse("  transport: dtls\n"))
                .hasMessageStartingWith("sec.yaml:5: fleet.transport: 'dtls' needs a 'security' map");
    }

    @Test
    void aMissingKeysFileIsRefusedNamingTheScenarioLineAndField() {
        assertThatThrownBy(() -> parse("  transport: dtls\n  security:\n    mode: psk\n    pskKeysFile: nowhere.csv\n"))
                .hasMessageStartingWith("sec.yaml:8: fleet.security.pskKeysFile: file '")
                .hasMessageEndingWith("nowhere.csv' not found");
    }

    @Test
    void aKeysFileGivesTheKeysAndABadLineIsNamed() throws Exception {
        Path keys = Files.writeString(dir.resolve("keys.csv"), "# identity,hexkey\ndev-1,00112233\ndev-2,zz\n");
        Path scenario = Files.writeString(dir.resolve("s.yaml"), "name: s\ndurationSeconds: 60\nfleet:\n  count: 2\n"
                + "  transport: dtls\n  security:\n    mode: psk\n    pskKeysFile: keys.csv\n");

        assertThatThrownBy(() -> ScenarioLoader.load(scenario))
                .hasMessage(keys + ":3: hexkey: not an even number of hexadecimal digits");

        Files.writeString(keys, "dev-1,00112233\n");
        Security security = ScenarioLoader.load(scenario).groups().get(0).security();
        assertThat(new PskCredentials(security).key("dev-1").orElseThrow()).containsExactly(0x00, 0x11, 0x22, 0x33);
        assertThat(new PskCredentials(security).key("dev-2")).isEmpty();
    }

    @Test
    void expectIssuerIsOnlyForX509OrTlsAndACoapTargetRefusesDtlsGroups() {
        assertThatThrownBy(() -> parse("  transport: dtls\n  security:\n    mode: psk\n    expectIssuer: \"CN=x\"\n"))
                .hasMessage("sec.yaml:8: fleet.security.expectIssuer: is only for mode x509 (or transport tls)");
        assertThatThrownBy(() -> ScenarioLoader.parse("name: s\ntarget: coap://127.0.0.1:5683\ndurationSeconds: 60\n"
                + "fleet:\n  count: 2\n  transport: dtls\n  security:\n    mode: rpk\n", Path.of("sec.yaml")))
                .hasMessageStartingWith("sec.yaml:2: target: 'coap://127.0.0.1:5683' serves transport udp");
    }
}
