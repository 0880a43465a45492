package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.fleetsim.scenario.Scenario;
import io.fleetsim.security.FleetPki;
import io.fleetsim.security.PskCredentials;
import io.fleetsim.server.EmbeddedLwm2mServer;
import io.fleetsim.server.bootstrap.BootstrapFailure;
import io.fleetsim.server.bootstrap.BootstrapServerCounters;
import io.fleetsim.server.bootstrap.LeshanBootstrapClient;
import io.fleetsim.server.bootstrap.LeshanBootstrapClient.Registered;
import io.vertx.core.json.JsonObject;

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
    void udpAndDtlsPskClientsAreHandedTheirGroupsServerAndRegisterThere(@TempDir Path results) throws Exception {
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
            EmbeddedServers.writeBootstrapServerCounts(target, results);
            JsonObject written = new JsonObject(Files.readString(results.resolve("bootstrap-server.json")));
            assertThat(written.getString("uri")).isEqualTo(bootstrapUri);
            assertThat(written.getLong("requests")).isEqualTo(2);
            assertThat(written.getLong("finished")).isEqualTo(2);
            assertThat(written.getJsonObject("failed").getLong("timeout")).isZero();
            assertThat(written.getString("lastFailure")).isNull();
        }
    }

    @Test
    void aDtlsPskDeviceBootstrapsOverDtlsWithItsGroupsKeyButNotAsAnotherEndpoint() throws Exception {
        FleetPki pki = FleetPki.create("bootstrap test CA");
        RunTarget target = EmbeddedServers.start(SCENARIO.groups(), false, pki, SCENARIO.server(),
                SCENARIO.timeScale(), null, SCENARIO::lifetime);
        PskCredentials psk = new PskCredentials(SCENARIO.groups().get(1).security());
        try (AutoCloseable servers = target.closer()) {
            String secureUri = EmbeddedServers.bootstrapSecureUri(target).orElseThrow();
            assertThat(secureUri).startsWith("coaps://127.0.0.1:");
            try (LeshanBootstrapClient secure = LeshanBootstrapClient.startPsk("secure-2", secureUri, "id-secure-2",
                    psk.key("id-secure-2").orElseThrow());
                    LeshanBootstrapClient impostor = LeshanBootstrapClient.startPsk("secure-3", secureUri,
                            "id-secure-1", psk.key("id-secure-1").orElseThrow())) {
                assertThat(secure.awaitRegistered(20)).isEqualTo(new Registered(target.dtls().uri(), 120));
                assertThatThrownBy(() -> impostor.bootstrapped().get(20, TimeUnit.SECONDS))
                        .hasMessageContaining("FORBIDDEN");
            }
            BootstrapServerCounters counters = EmbeddedServers.bootstrapCounters(target).orElseThrow();
            assertThat(counters.finished()).isEqualTo(1);
            assertThat(counters.failed(BootstrapFailure.UNAUTHORIZED)).isEqualTo(1);
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
    void aServerFleetsimDidNotStartIsHandedOutToo_andAGroupsOwnTargetToItsDevices() throws Exception {
        try (EmbeddedLwm2mServer users = EmbeddedLwm2mServer.start();
                EmbeddedLwm2mServer groupsOwn = EmbeddedLwm2mServer.start()) {
            Scenario scenario = Scenarios.parse("""
                    name: external
                    durationSeconds: 60
                    groups:
                      - name: main
                        count: 1
                        endpointPrefix: main-
                        transport: udp
                        bootstrap: true
                      - name: own
                        count: 1
                        endpointPrefix: own-
                        transport: udp
                        target: %s
                        bootstrap: true
                    """.formatted(groupsOwn.coapUri()));
            RunTarget target = EmbeddedServers.withBootstrap(
                    RunTarget.external("127.0.0.1", users.coapAddress().getPort()), scenario.groups(),
                    scenario::lifetime);
            try (AutoCloseable bootstrap = target.closer();
                    LeshanBootstrapClient main = LeshanBootstrapClient.start("main-1",
                            EmbeddedServers.bootstrapUri(target).orElseThrow());
                    LeshanBootstrapClient own = LeshanBootstrapClient.start("own-1",
                            EmbeddedServers.bootstrapUri(target).orElseThrow())) {
                assertThat(main.awaitRegistered(20).serverUri()).isEqualTo(users.coapUri());
                assertThat(own.awaitRegistered(20).serverUri()).isEqualTo(groupsOwn.coapUri());
                assertThat(users.registration("main-1")).isPresent();
                assertThat(groupsOwn.registration("own-1")).isPresent();
            }
        }
    }

    @Test
    void noBootstrapServerWhenNoGroupAsksForIt() throws Exception {
        RunTarget target = EmbeddedServers.start(SCENARIO.groups().subList(2, 3), false, null);
        try (AutoCloseable servers = target.closer()) {
            assertThat(EmbeddedServers.bootstrapUri(target)).isEmpty();
            assertThat(EmbeddedServers.bootstrapSecureUri(target)).isEmpty();
            assertThat(EmbeddedServers.bootstrapCounters(target)).isEmpty();
        }
    }
}
