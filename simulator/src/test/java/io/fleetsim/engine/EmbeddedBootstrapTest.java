package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.fleetsim.scenario.Scenario;
import io.fleetsim.security.FleetPki;
import io.fleetsim.server.bootstrap.BootstrapFailure;
import io.fleetsim.server.bootstrap.BootstrapServerCounters;
import io.fleetsim.server.bootstrap.LeshanBootstrapClient;
import io.fleetsim.server.bootstrap.LeshanBootstrapClient.Registered;

/**
 * A run's embedded servers with groups that ask for {@code bootstrap: true}: Eclipse Leshan's own
 * client, named like a device of such a group and knowing only the bootstrap server, is handed the
 * embedded LwM2M server of the group's transport (with the group's PSK credentials for dtls) and
 * registers there with the scenario's lifetime.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EmbeddedBootstrapTest {

    private static final Scenario SCENARIO = Scenarios.parse("""
            name: bootstrap
            durationSeconds: 60
            lifetimeSeconds: 240
            groups:
              - name: plain
                count: 2
                endpointPrefix: plain-
                transport: udp
                bootstrap: true
              - name: secure
                count: 2
                endpointPrefix: secure-
                transport: dtls
                lifetimeSeconds: 120
                security:
                  mode: psk
                  pskIdentity: "id-{endpoint}"
                  pskKeySeed: "bootstrap test seed"
                bootstrap: true
              - name: direct
                count: 2
                endpointPrefix: direct-
                transport: udp
            """);

    @Test
    void udpAndDtlsPskClientsAreHandedTheirGroupsServerAndRegisterThere() throws Exception {
        FleetPki pki = FleetPki.create("bootstrap test CA");
        RunTarget target = EmbeddedServers.start(SCENARIO.groups(), false, pki, SCENARIO.server(),
                SCENARIO.timeScale(), null, SCENARIO::lifetime);
        try (AutoCloseable servers = target.closer()) {
            String bootstrapUri = EmbeddedServers.bootstrapUri(target).orElseThrow();
            assertThat(bootstrapUri).startsWith("coap://127.0.0.1:");
            try (LeshanBootstrapClient plain = LeshanBootstrapClient.start("plain-1", bootstrapUri);
                    LeshanBootstrapClient secure = LeshanBootstrapClient.start("secure-1", bootstrapUri)) {
                assertThat(plain.awaitRegistered(20))
                        .isEqualTo(new Registered("coap://127.0.0.1:" + target.port(), 240));
                assertThat(secure.awaitRegistered(20))
                        .isEqualTo(new Registered(target.dtls().uri(), 120));
            }
            BootstrapServerCounters counters = EmbeddedServers.bootstrapCounters(target).orElseThrow();
            assertThat(counters.finished()).isEqualTo(2);
            assertThat(counters.failed()).isZero();
        }
    }

    @Test
    void aDeviceOfAGroupThatDoesNotAskForBootstrapIsRefused() throws Exception {
        RunTarget target = EmbeddedServers.start(List.of(SCENARIO.groups().get(0), SCENARIO.groups().get(2)), false,
                null);
        try (AutoCloseable servers = target.closer();
                LeshanBootstrapClient stranger = LeshanBootstrapClient.start("direct-1",
                        EmbeddedServers.bootstrapUri(target).orElseThrow())) {
            BootstrapServerCounters counters = EmbeddedServers.bootstrapCounters(target).orElseThrow();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (counters.failed(BootstrapFailure.UNKNOWN_ENDPOINT) == 0 && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(counters.failed(BootstrapFailure.UNKNOWN_ENDPOINT)).isEqualTo(1);
            assertThat(stranger.registered()).isNotDone();
        }
    }

    @Test
    void noBootstrapServerWhenNoGroupAsksForIt() throws Exception {
        RunTarget target = EmbeddedServers.start(SCENARIO.groups().subList(2, 3), false, null);
        try (AutoCloseable servers = target.closer()) {
            assertThat(EmbeddedServers.bootstrapUri(target)).isEmpty();
            assertThat(EmbeddedServers.bootstrapCounters(target)).isEmpty();
        }
    }
}
