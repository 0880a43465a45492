package io.fleetsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code nat}, {@code keepalive} and {@code probe} keys, profiles and their messages. */
class NatSettingsLoadingTest {

    @TempDir
    Path dir;

    private static Scenario parse(String fleetExtra) {
        return ScenarioLoader.parse("""
                name: n
                durationSeconds: 60
                fleet:
                  count: 10
                %s
                """.formatted(fleetExtra), Path.of("n.yaml"));
    }

    @Test
    void withoutNatTheGroupHasNone() {
        assertThat(parse("").groups().get(0).nat()).isEqualTo(NatSettings.NONE);
    }

    @Test
    void withNoTimeoutKeyTheNatBehavesAsLinuxDoes() {
        NatSettings nat = parse("  nat: {portAllocation: preserve}").groups().get(0).nat();

        assertThat(nat.enabled()).isTrue();
        assertThat(nat.timeouts()).containsExactly(new NatSettings.TimeoutOption(30, 120, 1));
        assertThat(nat.inboundRefresh()).isTrue();
        assertThat(nat.portAllocation()).isEqualTo(NatSettings.PortAllocation.PRESERVE);
    }

    @Test
    void aTcpGroupMayHaveANatWhoseExpiryDropsByDefaultOrResets() {
        NatSettings drop = parse("  transport: tcp\n  nat: {profile: azure-lb}").groups().get(0).nat();
        NatSettings rst = parse("  transport: tls\n  nat: {idleTimeoutSeconds: 300, tcpExpiry: rst}")
                .groups().get(0).nat();

        assertThat(drop.timeouts()).containsExactly(new NatSettings.TimeoutOption(240, 240, 1));
        assertThat(drop.tcpExpiry()).isEqualTo(NatSettings.TcpExpiry.DROP);
        assertThat(rst.tcpExpiry()).isEqualTo(NatSettings.TcpExpiry.RST);
        assertThat(NatSettings.NONE.tcpExpiry()).isEqualTo(NatSettings.TcpExpiry.DROP);
    }

    @Test
    void aTcpGroupsNatMayDelayAndLoseSegments() {
        NatSettings nat = parse("  transport: tls\n  nat: {profile: azure-lb, lossPercent: {up: 1, down: 2}, "
                + "delayMs: 80, jitterMs: 20}").groups().get(0).nat();

        assertThat(nat.uplinkLoss()).isEqualTo(0.01);
        assertThat(nat.downlinkLoss()).isEqualTo(0.02);
        assertThat(nat.delayMillis()).isEqualTo(80);
        assertThat(nat.jitterMillis()).isEqualTo(20);
    }

    @Test
    void aProfileIsReadAndTheGroupsKeysOverrideIt() {
        NatSettings nat = parse("""
                  nat:
                    profile: cellular-mixed
                    lossPercent: 2
                    flushAtSeconds: [30, 10]
                """).groups().get(0).nat();

        assertThat(nat.profile()).isEqualTo("cellular-mixed");
        assertThat(nat.timeouts()).containsExactly(new NatSettings.TimeoutOption(30, 30, 0.4),
                new NatSettings.TimeoutOption(120, 120, 0.6));
        assertThat(nat.uplinkLoss()).isEqualTo(0.02);
        assertThat(nat.downlinkLoss()).isEqualTo(0.02);
        assertThat(nat.flushAtSeconds()).containsExactly(10.0, 30.0);
    }

    @Test
    void aTimeoutGivenByTheGroupReplacesAllOfTheProfilesTimeouts() {
        NatSettings nat = parse("  nat: {profile: linux-default, idleTimeoutSeconds: 45}").groups().get(0).nat();

        assertThat(nat.timeouts()).containsExactly(new NatSettings.TimeoutOption(45, 45, 1));
        assertThat(nat.portAllocation()).as("from the profile").isEqualTo(NatSettings.PortAllocation.PRESERVE);
    }

    @Test
    void udpAndTcpIdleTimeoutsAreSeparateAndIdleTimeoutSecondsIsTheDefaultOfBoth() {
        NatSettings separate = parse("  nat: {udpIdleTimeoutSeconds: 30, tcpIdleTimeoutSeconds: 600}")
                .groups().get(0).nat();
        NatSettings both = parse("  nat: {idleTimeoutSeconds: 200}").groups().get(0).nat();
        NatSettings tcpOverIdle = parse("  nat: {idleTimeoutSeconds: 200, tcpIdleTimeoutSeconds: 900}")
                .groups().get(0).nat();

        assertThat(separate.timeouts()).containsExactly(new NatSettings.TimeoutOption(30, 30, 1));
        assertThat(separate.tcpTimeouts()).containsExactly(new NatSettings.TimeoutOption(600, 600, 1));
        assertThat(separate.timeoutsFor(Transport.DTLS)).isEqualTo(separate.timeouts());
        assertThat(separate.timeoutsFor(Transport.TLS)).isEqualTo(separate.tcpTimeouts());
        assertThat(both.timeouts()).isEqualTo(both.tcpTimeouts())
                .containsExactly(new NatSettings.TimeoutOption(200, 200, 1));
        assertThat(tcpOverIdle.timeouts()).containsExactly(new NatSettings.TimeoutOption(200, 200, 1));
        assertThat(tcpOverIdle.tcpTimeouts()).containsExactly(new NatSettings.TimeoutOption(900, 900, 1));
    }

    @Test
    void withoutATcpKeyAConnectionTimesOutAfterTheStreamTimeoutAsBefore() {
        NatSettings none = parse("  nat: {portAllocation: preserve}").groups().get(0).nat();
        NatSettings stream = parse("  nat: {streamTimeoutSeconds: 90}").groups().get(0).nat();

        assertThat(none.tcpTimeouts()).containsExactly(new NatSettings.TimeoutOption(120, 120, 1));
        assertThat(stream.tcpTimeouts()).containsExactly(new NatSettings.TimeoutOption(90, 90, 1));
    }

    @Test
    void eachTimeoutFamilyComesFromTheGroupOnlyWhenTheGroupGivesOneOfItsKeys() {
        NatSettings tcpOwn = parse("  nat: {profile: cellular-udp-30s, tcpIdleTimeoutSeconds: 600}").groups().get(0).nat();
        NatSettings udpOwn = parse("  nat: {profile: linux-default, udpIdleTimeoutSeconds: 45}").groups().get(0).nat();

        assertThat(tcpOwn.timeouts()).as("the profile's UDP timeout").containsExactly(
                new NatSettings.TimeoutOption(30, 30, 1));
        assertThat(tcpOwn.tcpTimeouts()).containsExactly(new NatSettings.TimeoutOption(600, 600, 1));
        assertThat(udpOwn.timeouts()).containsExactly(new NatSettings.TimeoutOption(45, 45, 1));
        assertThat(udpOwn.tcpTimeouts()).as("the profile's TCP timeout, nf_conntrack_tcp_timeout_established")
                .containsExactly(new NatSettings.TimeoutOption(432000, 432000, 1));
    }

    @Test
    void aUdpIdleTimeoutAndTheLinuxPairCannotBeGivenTogether() {
        ScenarioException error = catchThrowableOfType(ScenarioException.class,
                () -> parse("  nat:\n    udpIdleTimeoutSeconds: 30\n    streamTimeoutSeconds: 120"));

        assertThat(error.getMessage()).isEqualTo("n.yaml:7: fleet.nat.streamTimeoutSeconds: cannot be used together "
                + "with udpIdleTimeoutSeconds (line 6); give udpIdleTimeoutSeconds, or the Linux-style "
                + "unrepliedTimeoutSeconds and streamTimeoutSeconds");
    }

    @Test
    void filteringIsNamedAfterRfc4787AndDefaultsToAddressAndPortDependent() {
        assertThat(parse("  nat: {seed: 2}").groups().get(0).nat().filtering())
                .isEqualTo(NatSettings.Filtering.ADDRESS_AND_PORT_DEPENDENT);
        assertThat(parse("  nat: {filtering: address-and-port-dependent}").groups().get(0).nat().filtering())
                .isEqualTo(NatSettings.Filtering.ADDRESS_AND_PORT_DEPENDENT);
        assertThat(parse("  nat: {filtering: address-dependent}").groups().get(0).nat().filtering())
                .isEqualTo(NatSettings.Filtering.ADDRESS_DEPENDENT);
        assertThat(parse("  nat: {filtering: endpoint-independent}").groups().get(0).nat().filtering())
                .isEqualTo(NatSettings.Filtering.ENDPOINT_INDEPENDENT);

        ScenarioException error = catchThrowableOfType(ScenarioException.class,
                () -> parse("  nat: {filtering: port-dependent}"));
        assertThat(error.getMessage()).startsWith("n.yaml:5: fleet.nat.filtering: unknown value 'port-dependent'")
                .contains("address-and-port-dependent, address-dependent, endpoint-independent");
    }

    @Test
    void aDeadMappingsSocketIsHeldFor93SecondsByDefaultAndZeroClosesItAtOnce() {
        assertThat(parse("  nat: {seed: 2}").groups().get(0).nat().deadMappingHoldSeconds()).isEqualTo(93);
        assertThat(parse("  nat: {deadMappingHoldSeconds: 0}").groups().get(0).nat().deadMappingHoldSeconds())
                .isZero();

        ScenarioException error = catchThrowableOfType(ScenarioException.class,
                () -> parse("  nat: {deadMappingHoldSeconds: 7200}"));
        assertThat(error.getMessage()).startsWith("n.yaml:5: fleet.nat.deadMappingHoldSeconds:").contains("7200");
    }

    @Test
    void keepaliveAndProbeAreRead() {
        Scenario scenario = ScenarioLoader.parse("""
                name: n
                durationSeconds: 60
                probe: {ratePerSecond: 5, sample: 0.5}
                fleet:
                  count: 10
                  keepalive: {coapPingSeconds: 25, method: update, queueMode: true}
                """, Path.of("n.yaml"));

        Keepalive keepalive = scenario.groups().get(0).keepalive();
        assertThat(keepalive.coapPingInterval()).isEqualTo(Duration.ofSeconds(25));
        assertThat(keepalive.method()).isEqualTo(Keepalive.Method.UPDATE);
        assertThat(keepalive.queueMode()).isTrue();
        assertThat(scenario.probe()).isEqualTo(new ProbeSettings(5, 0.5));
    }

    @Test
    void aProfileBesideTheScenarioWinsAndItsMistakesNameTheProfileFileLineAndField() throws IOException {
        Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(dir.resolve("profiles/my-carrier.yaml"), "# my carrier\nidleTimeoutSeconds: 0\n");
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, "name: s\ndurationSeconds: 60\nfleet:\n  count: 1\n  nat: {profile: my-carrier}\n");

        ScenarioException error = catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(scenario));

        assertThat(error.getMessage()).isEqualTo(dir.resolve("profiles/my-carrier.yaml").toAbsolutePath()
                + ":2: nat.idleTimeoutSeconds: must be greater than 0, got 0");
    }

    @Test
    void everyShippedProfileLoads() {
        for (String profile : NatProfiles.BUILT_IN) {
            NatSettings nat = parse("  nat: {profile: " + profile + "}").groups().get(0).nat();
            assertThat(nat.timeouts()).as(profile).isNotEmpty();
            assertThat(nat.tcpTimeouts()).as(profile).isNotEmpty();
        }
        NatSettings gcp = parse("  nat: {profile: gcp-cloud-nat}").groups().get(0).nat();
        assertThat(gcp.timeouts()).containsExactly(new NatSettings.TimeoutOption(30, 30, 1));
        assertThat(gcp.tcpTimeouts()).containsExactly(new NatSettings.TimeoutOption(1200, 1200, 1));
        NatSettings rfc = parse("  nat: {profile: cellular-udp-120s}").groups().get(0).nat();
        assertThat(rfc.timeouts()).containsExactly(new NatSettings.TimeoutOption(120, 120, 1));
        assertThat(rfc.tcpTimeouts()).as("RFC 5382 REQ-5: 2 h 4 min")
                .containsExactly(new NatSettings.TimeoutOption(7440, 7440, 1));
        assertThat(List.copyOf(NatProfiles.BUILT_IN)).hasSize(7);
    }
}
