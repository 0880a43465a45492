package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.LatencyMetric;
import io.fleetsim.metrics.RunTotals;
import io.fleetsim.nat.PathDelay;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.Transport;

/**
 * TCP devices behind an emulated NAT that delays and loses segments, against the embedded
 * CoAP-over-TCP server on loopback. A delay holds every frame each way, so a Register and its
 * response take at least twice the delay; a lost segment is not lost to the device but comes
 * with TCP's retransmission, at least one RTO (1 s) later, so no registration fails.
 */
@Timeout(120)
class TcpPathDelayTest {

    @RegisterExtension
    final StreamServerExtension stream = new StreamServerExtension();

    @TempDir
    Path results;

    private RunOutcome registerAndStop(String name, int count, String nat, double timeScale) throws Exception {
        Scenario scenario = StreamTransports.fleet(name, count, Transport.TCP, "nat: " + nat,
                "timeScale: " + timeScale);
        FleetEngine engine = stream.startRegistered(scenario, Transport.TCP, count, results);
        RunOutcome outcome = engine.stop();
        assertThat(engine.leftovers()).isEqualTo(new FleetEngine.Leftovers(0, 0, 0));
        return outcome;
    }

    @Test
    void aDelayHoldsTheRegisterAndItsResponseSoTheServiceTimeGrowsByTwiceTheDelay() throws Exception {
        long delayMs = 300;
        long jitterMs = 50;
        RunOutcome outcome = registerAndStop("tcpdelay", 5,
                "{idleTimeoutSeconds: 3600, delayMs: %d, jitterMs: %d}".formatted(delayMs, jitterMs), 1);

        Histogram service = outcome.summary().histograms().get(LatencyMetric.REGISTRATION_SERVICE);
        assertThat(service.getTotalCount()).isEqualTo(5);
        assertThat(service.getMinValue()).as("µs: the Register and its response each held").isGreaterThanOrEqualTo(
                2 * delayMs * 1_000);
        assertThat(service.getMaxValue()).as("µs: no more than twice the longest hold, and some loopback")
                .isLessThan(2 * (delayMs + jitterMs) * 1_000 + 1_000_000);
        assertThat(outcome.summary().totals().get(Counter.REGISTRATION_FAILURES)).isZero();
    }

    @Test
    void lostSegmentsComeLateWithTheirRetransmissionButAllArrive() throws Exception {
        int count = 20;
        RunOutcome outcome = registerAndStop("tcploss", count, "{idleTimeoutSeconds: 3600, lossPercent: 20}", 10);
        RunTotals totals = outcome.summary().totals();

        assertThat(totals.get(Counter.REGISTRATIONS)).isEqualTo(count);
        assertThat(totals.get(Counter.REGISTRATION_FAILURES)).isZero();
        assertThat(totals.get(Counter.NAT_DROPPED_UP) + totals.get(Counter.NAT_DROPPED_DOWN))
                .as("segments lost and sent again").isPositive();
        assertThat(totals.get(Counter.TRAFFIC_REGISTRATION_RECEIVED)).as("a response to every Register and De-register")
                .isEqualTo(totals.get(Counter.TRAFFIC_REGISTRATION_SENT)).isEqualTo(2L * count);
        Histogram service = outcome.summary().histograms().get(LatencyMetric.REGISTRATION_SERVICE);
        assertThat(service.getMaxValue()).as("µs: a lost Register or response waited an RTO")
                .isGreaterThanOrEqualTo(PathDelay.INITIAL_RTO_MILLIS * 1_000);
    }
}
