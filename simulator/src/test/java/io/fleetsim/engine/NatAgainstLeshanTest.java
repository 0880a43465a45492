package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.LatencyMetric;
import io.fleetsim.metrics.RunTotals;
import io.fleetsim.scenario.Scenario;

/**
 * Devices behind the emulated carrier NAT against a real Leshan server on loopback: keepalive
 * against the NAT timeout, rebinding, flushes and reachability, exact and probed.
 */
@Timeout(60)
class NatAgainstLeshanTest {

    @RegisterExtension
    static final LeshanServerExtension LESHAN = new LeshanServerExtension();

    @TempDir
    Path results;

    private RunTarget target() {
        return LESHAN.target().withProbe(ServerProbes.of(LESHAN.server()));
    }

    private RunTotals run(Scenario scenario) throws IOException {
        RunOutcome outcome = FleetEngine.run(scenario, target(), RunOptions.defaults(results));
        return outcome.summary().totals();
    }

    /** A scenario with {@code count} devices behind {@code nat} with {@code keepalive}, at timeScale 60. */
    private static Scenario natScenario(String name, int count, int seconds, String nat, String keepalive,
            String extra) {
        return natScenario(name, count, seconds, 500, nat, keepalive, extra);
    }

    private static Scenario natScenario(String name, int count, int seconds, int updateSeconds, String nat,
            String keepalive, String extra) {
        return Scenarios.parse("""
                name: %s
                durationSeconds: %d
                timeScale: 60
                lifetimeSeconds: 600
                updateIntervalSeconds: %d
                fleet:
                  count: %d
                  endpointPrefix: %s-
                  nat: %s
                  keepalive: %s
                arrival:
                  rate: 1000
                %s
                """.formatted(name, seconds, updateSeconds, count, name, nat, keepalive, extra));
    }

    @Test
    void pingsMoreOftenThanTheNatTimeoutKeepEveryDeviceReachableOnOneMapping() throws IOException {
        Scenario scenario = natScenario("natping", 30, 600, "{idleTimeoutSeconds: 30}",
                "{coapPingSeconds: 20}", "");

        RunTotals totals = run(scenario);

        assertThat(totals.reachability()).isGreaterThanOrEqualTo(0.99);
        assertThat(totals.get(Counter.NAT_EXPIRIES)).isZero();
        assertThat(totals.get(Counter.NAT_REBINDINGS)).isZero();
        assertThat(totals.get(Counter.PINGS)).isGreaterThanOrEqualTo(30L * 25);
        assertThat(totals.get(Counter.PING_FAILURES)).isZero();
    }

    @Test
    void aDevicePingingEvery20sKeepsItsRadioOnForOneTailPerPing() throws IOException {
        // A ping and its RST share one 10 s tail: the radio is on 10 s of every 20 s, a little more
        // for registration and the Updates; with a 25 s tail the tails overlap and it never goes off.
        double lteM = radioOnShare(natScenario("radio10", 20, 600, "{idleTimeoutSeconds: 3600}", "{coapPingSeconds: 20}",
                "radio: {profile: lte-m}"));
        double long25 = radioOnShare(natScenario("radio25", 20, 600, "{idleTimeoutSeconds: 3600}", "{coapPingSeconds: 20}",
                "radio: {profile: nb-iot, tailSeconds: 25}"));

        assertThat(lteM).isCloseTo(0.5, within(0.05));
        assertThat(long25).isGreaterThan(0.97);
    }

    private double radioOnShare(Scenario scenario) throws IOException {
        RunTotals totals = run(scenario);
        return totals.get(Counter.RADIO_ACTIVE_MILLIS) / (totals.deviceHours() * 3_600_000);
    }

    @Test
    void pingsLessOftenThanTheNatTimeoutRebindAndLeaveDevicesReachableForTimeoutOverInterval() throws IOException {
        // 30 s NAT, a ping every 60 s: with the port preserved, each ping brings the old address back.
        Scenario scenario = natScenario("natslow", 30, 900,
                "{idleTimeoutSeconds: 30, portAllocation: preserve}", "{coapPingSeconds: 60}", "");

        RunTotals totals = run(scenario);

        assertThat(totals.reachability()).isCloseTo(30.0 / 60, within(0.05));
        assertThat(totals.get(Counter.NAT_EXPIRIES)).isGreaterThanOrEqualTo(30L * 12);
        assertThat(totals.get(Counter.NAT_REBINDINGS)).isGreaterThanOrEqualTo(30L * 12);
    }

    @Test
    void withRandomPortsOnlyAnUpdateTellsTheServerTheNewAddress() throws IOException {
        Scenario scenario = natScenario("natupd", 30, 900, "{idleTimeoutSeconds: 30}",
                "{coapPingSeconds: 60, method: update}", "");

        RunTotals totals = run(scenario);

        assertThat(totals.reachability()).isCloseTo(30.0 / 60, within(0.05));
        assertThat(totals.get(Counter.NAT_REBINDINGS)).isGreaterThanOrEqualTo(30L * 12);
        assertThat(totals.get(Counter.UPDATE_FAILURES)).isZero();
    }

    @Test
    void aNatFlushMakesEveryDeviceReconnect() throws IOException {
        Scenario scenario = natScenario("natflush", 40, 200, "{idleTimeoutSeconds: 3600, flushAtSeconds: [100]}",
                "{coapPingSeconds: 30, method: update}", "");

        RunOutcome outcome = FleetEngine.run(scenario, target(), RunOptions.defaults(results));

        var reconnects = outcome.summary().histograms().get(LatencyMetric.RECONNECT);
        assertThat(outcome.summary().totals().get(Counter.NAT_FLUSHED)).isEqualTo(40);
        assertThat(reconnects.getTotalCount()).isEqualTo(40);
        assertThat(reconnects.getMaxValue() / 1_000_000.0).as("reconnect within one keepalive, s").isLessThan(35);
        assertThat(outcome.summary().histograms().get(LatencyMetric.RECONNECT_DETECT).getTotalCount()).isEqualTo(40);
    }

    @Test
    void probedReachabilityAgreesWithTheExactFigure() throws IOException {
        // Flushes every 100 s; a device is unreachable from a flush until its next update (every 60 s).
        Scenario scenario = natScenario("natprobe", 60, 1200, 60,
                "{idleTimeoutSeconds: 3600, flushAtSeconds: [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100]}",
                "{queueMode: false}", "probe: {ratePerSecond: 2, sample: 1}");

        RunTotals totals = run(scenario);

        assertThat(totals.get(Counter.PROBES)).isGreaterThan(1500);
        assertThat(totals.reachability()).isBetween(0.5, 0.9);
        assertThat(totals.probedReachability()).isCloseTo(totals.reachability(), within(0.02));
    }

    @Test
    void aNatRunLeavesNoTimersSocketsOrExchangesBehind() throws IOException {
        // Delay and jitter hold packets in timers, loss makes retransmissions, 20 s mappings expire
        // before every 30 s ping (close and rebind), and one flush is still to come when the run ends.
        Scenario scenario = natScenario("natleft", 30, 120, 40,
                "{idleTimeoutSeconds: 20, delayMs: 50, jitterMs: 200, lossPercent: 5, flushAtSeconds: [60, 100000]}",
                "{coapPingSeconds: 30}", "");

        FleetEngine engine = FleetEngine.start(scenario, target(), RunOptions.defaults(results));
        engine.awaitEnd();
        RunOutcome outcome = engine.stop();

        assertThat(outcome.summary().totals().get(Counter.NAT_REBINDINGS)).isPositive();
        assertThat(outcome.summary().totals().get(Counter.NAT_FLUSHED)).isPositive();
        assertThat(engine.leftovers()).isEqualTo(new FleetEngine.Leftovers(0, 0, 0));
    }
}
