package io.fleetsim.transport.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fleetsim.engine.FleetEngine;
import io.fleetsim.engine.RunOptions;
import io.fleetsim.engine.RunOutcome;
import io.fleetsim.engine.ServerProbes;
import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.LatencyMetric;
import io.fleetsim.metrics.RunTotals;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.ScenarioLoader;
import io.fleetsim.scenario.ScenarioOverrides;
import io.fleetsim.security.FleetPki;
import io.fleetsim.server.EmbeddedLwm2mServer;

/**
 * DTLS devices behind the emulated carrier NAT against Leshan's CoAPS endpoint: CoAP pings inside
 * the session, and what a rebinding does with and without a Connection ID. Without one, the
 * server cannot place records from the new address: the device's ping goes unanswered, so it makes
 * a new session and registers again. With one, the records still find the session and an Update
 * from the new address is all the server needs.
 */
@Timeout(120)
class DtlsBehindNatTest {

    private static final int DEVICES = 20;

    private static FleetPki pki;
    private static EmbeddedLwm2mServer leshan;

    @TempDir
    Path results;

    @BeforeAll
    static void start() throws Exception {
        pki = FleetPki.create("nat CA");
        // Every fleet below has the same endpoints and psk seed: one server knows them all.
        leshan = SecureFleet.server(fleet("{idleTimeoutSeconds: 30}", "{}", false, 60), pki, pki);
    }

    @AfterAll
    static void stop() {
        leshan.stop();
    }

    /** {@value #DEVICES} dtls-psk devices behind {@code nat}, at timeScale 60, updating every 500 s. */
    private static Scenario fleet(String nat, String keepalive, boolean cid, int seconds) {
        return fleet(nat, keepalive, cid, seconds, "");
    }

    private static Scenario fleet(String nat, String keepalive, boolean cid, int seconds, String extra) {
        return ScenarioOverrides.withDurationSeconds(SecureFleet.fleet("dtlsnat", DEVICES, """
                transport: dtls
                security: {mode: psk, connectionId: %s}
                nat: %s
                keepalive: %s""".formatted(cid, nat, keepalive), """
                timeScale: 60
                lifetimeSeconds: 600
                updateIntervalSeconds: 500
                %s""".formatted(extra)), seconds);
    }

    private RunOutcome run(Scenario scenario) throws Exception {
        var target = SecureFleet.target(leshan, pki).withProbe(ServerProbes.of(leshan));
        return FleetEngine.run(scenario, target, RunOptions.defaults(results));
    }

    @Test
    void pingsInsideTheSessionMoreOftenThanTheNatTimeoutKeepEveryDeviceReachableOnOneSession() throws Exception {
        RunTotals totals = run(fleet("{idleTimeoutSeconds: 30}", "{coapPingSeconds: 20}", false, 600))
                .summary().totals();

        assertThat(totals.reachability()).isGreaterThanOrEqualTo(0.99);
        assertThat(totals.get(Counter.PINGS)).isGreaterThanOrEqualTo(DEVICES * 25L);
        assertThat(totals.get(Counter.PING_FAILURES)).isZero();
        assertThat(totals.get(Counter.NAT_EXPIRIES)).isZero();
        assertThat(totals.get(Counter.DTLS_HANDSHAKES)).isEqualTo(DEVICES);
    }

    @Test
    void withoutConnectionIdARebindingCostsANewHandshakeAndARegistration() throws Exception {
        RunOutcome outcome = run(fleet("{idleTimeoutSeconds: 30}", "{coapPingSeconds: 60}", false, 900));
        RunTotals totals = outcome.summary().totals();

        assertThat(totals.get(Counter.NAT_REBINDINGS)).isGreaterThanOrEqualTo(DEVICES * 5L);
        assertThat(totals.get(Counter.PING_FAILURES)).as("pings from a new address go unanswered").isPositive();
        assertThat(totals.get(Counter.DTLS_RECONNECTS)).isPositive();
        assertThat(totals.get(Counter.DTLS_HANDSHAKES)).isEqualTo(DEVICES + totals.get(Counter.DTLS_RECONNECTS));
        assertThat(totals.get(Counter.PATH_BROKEN_REREGISTRATIONS)).isPositive();
        assertThat(totals.get(Counter.TRAFFIC_HANDSHAKE_SENT)).as("handshake flights are traffic too")
                .isGreaterThanOrEqualTo(3 * totals.get(Counter.DTLS_HANDSHAKES));
        assertThat(outcome.summary().histograms().get(LatencyMetric.RECONNECT).getTotalCount()).isPositive();
    }

    @Test
    void withConnectionIdAnUpdateFromTheNewAddressIsEnoughAndNoHandshakeIsRepeated() throws Exception {
        RunTotals totals = run(fleet("{idleTimeoutSeconds: 30}", "{coapPingSeconds: 60, method: update}", true, 900))
                .summary().totals();

        assertThat(totals.get(Counter.NAT_REBINDINGS)).isGreaterThanOrEqualTo(DEVICES * 12L);
        assertThat(totals.get(Counter.UPDATE_FAILURES)).isZero();
        assertThat(totals.get(Counter.DTLS_HANDSHAKES)).isEqualTo(DEVICES);
        assertThat(totals.get(Counter.DTLS_RECONNECTS)).isZero();
        assertThat(totals.reachability()).isCloseTo(30.0 / 60, within(0.05));
        assertThat(totals.get(Counter.TRAFFIC_HANDSHAKE_SENT)).as("one handshake per device, a few flights each")
                .isBetween(3L * DEVICES, 6L * DEVICES);
    }

    @Test
    void probedReachabilityAgreesWithTheExactFigureOverDtls() throws Exception {
        RunTotals totals = run(fleet("{idleTimeoutSeconds: 3600, flushAtSeconds: [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100]}",
                "{coapPingSeconds: 60, method: update}", true, 1200, "probe: {ratePerSecond: 2, sample: 1}"))
                .summary().totals();

        assertThat(totals.get(Counter.PROBES)).isGreaterThan(1500);
        assertThat(totals.reachability()).isBetween(0.3, 0.9);
        assertThat(totals.probedReachability()).isCloseTo(totals.reachability(), within(0.02));
    }

    @Test
    void groupsThatDifferOnlyInConnectionIdCompareSideBySideInTheSummary() throws Exception {
        String group = """
                  - name: %s
                    count: 15
                    endpointPrefix: %s-
                    transport: dtls
                    security: {mode: psk, connectionId: %s}
                    nat: {idleTimeoutSeconds: 30}
                    keepalive: {coapPingSeconds: 60, method: update}
                """;
        Scenario scenario = ScenarioLoader.parse("""
                name: cid-or-not
                durationSeconds: 900
                timeScale: 60
                lifetimeSeconds: 600
                updateIntervalSeconds: 500
                groups:
                %s%s
                arrival: {rate: 1000}
                """.formatted(group.formatted("with-cid", "withcid", true), group.formatted("without-cid", "nocid", false)),
                Path.of("cid-or-not.yaml"));
        JsonNode groups;
        try (EmbeddedLwm2mServer server = SecureFleet.server(scenario, pki, pki)) {
            RunOutcome outcome = FleetEngine.run(scenario, SecureFleet.target(server, pki), RunOptions.defaults(results));
            groups = new ObjectMapper().readTree(outcome.resultsDir().resolve("summary.json").toFile()).path("groups");
        }

        JsonNode withCid = groups.get(0);
        JsonNode withoutCid = groups.get(1);
        assertThat(withCid.path("name").asText()).isEqualTo("with-cid");
        assertThat(withCid.path("reachability").asDouble()).isCloseTo(30.0 / 60, within(0.05));
        assertThat(withoutCid.path("reachability").asDouble()).as("an Update from a new address without a CID times out"
                + " before the device makes a new session").isLessThan(withCid.path("reachability").asDouble() - 0.1);
        assertThat(withCid.path("reconnects").asLong()).isGreaterThanOrEqualTo(15L * 12);
        assertThat(withoutCid.path("reconnects").asLong()).isPositive();
    }
}
