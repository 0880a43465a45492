package io.fleetsim.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.fleetsim.scenario.NatSettings;
import io.fleetsim.scenario.ScenarioLoader;

/** A device's NAT timeout comes from the UDP timeouts for udp and dtls, from the TCP ones for tcp and tls. */
class TimeoutsByTransportTest {

    private static NatSettings nat(String keys) {
        return ScenarioLoader.parse("""
                name: n
                durationSeconds: 60
                fleet:
                  count: 10
                  nat: {%s}
                """.formatted(keys), Path.of("n.yaml")).groups().get(0).nat();
    }

    @Test
    void udpDevicesDrawFromTheUdpTimeoutsAndTcpConnectionsFromTheTcpOnes() {
        NatSettings nat = nat("udpIdleTimeoutSeconds: [{seconds: 30, weight: 1}, {seconds: 120, weight: 1}], "
                + "tcpIdleTimeoutSeconds: {uniform: [1800, 3600]}");

        assertThat(IntStream.range(0, 200).mapToDouble(i -> NatShard.timeoutOf(nat, i).streamSeconds()).distinct())
                .containsExactlyInAnyOrder(30.0, 120.0);
        assertThat(IntStream.range(0, 200).mapToDouble(i -> NatShard.tcpTimeoutOf(nat, i).streamSeconds()))
                .allSatisfy(seconds -> assertThat(seconds).isBetween(1800.0, 3600.0));
        assertThat(NatShard.timeoutsOf(nat, 7).streamMillis()).isIn(30_000L, 120_000L);
    }

    @Test
    void withOneIdleTimeoutBothTransportsGetIt() {
        NatSettings nat = nat("idleTimeoutSeconds: 240");

        assertThat(NatShard.timeoutOf(nat, 3).streamSeconds()).isEqualTo(240);
        assertThat(NatShard.tcpTimeoutOf(nat, 3).streamSeconds()).isEqualTo(240);
    }
}
