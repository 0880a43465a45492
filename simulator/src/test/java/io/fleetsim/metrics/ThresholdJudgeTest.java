package io.fleetsim.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import io.fleetsim.scenario.Threshold;

class ThresholdJudgeTest {

    @Test
    void errorRatioIsFailuresOverEveryOperationThatEnded() {
        ShardMetrics shard = new ShardMetrics();
        for (int i = 0; i < 90; i++) {
            shard.increment(Counter.REGISTRATIONS);
        }
        for (int i = 0; i < 6; i++) {
            shard.increment(Counter.REGISTRATION_FAILURES);
        }
        for (int i = 0; i < 2; i++) {
            shard.increment(Counter.UPDATE_FAILURES);
            shard.increment(Counter.DEREGISTRATION_FAILURES);
        }
        ThresholdJudge judge = new ThresholdJudge(RunTotals.collect(List.of(shard), 0), histograms(), 90);

        assertThat(judge.observe("errors.ratio")).isCloseTo(10.0 / 100, within(1e-9));
        assertThat(judge.judge(new Threshold("errors.ratio < 0.001", "errors.ratio",
                Threshold.Comparator.LT, 0.001, 1)).pass()).isFalse();
    }

    @Test
    void perGroupThresholdsAreJudgedOnTheGroupsOwnFiguresAndHistograms() {
        ShardMetrics shard = new ShardMetrics();
        for (long ms = 1; ms <= 100; ms++) {
            shard.recordForGroup("trackers", LatencyMetric.REGISTRATION, ms * 1000);
            shard.recordForGroup("meters.v2", LatencyMetric.REGISTRATION, 5_000);
        }
        Map<String, Map<LatencyMetric, Histogram>> byGroup = new java.util.HashMap<>();
        shard.takeGroupHistograms(byGroup);
        List<GroupFigures> groups = List.of(
                new GroupFigures("trackers", "udp", 10, 10, 9, 8, 3, 1, 1000, 750),
                new GroupFigures("meters.v2", "udp", 5, 5, 5, 5, 0, 0, 0, 0),
                new GroupFigures("meters", "udp", 5, 0, 0, 0, 0, 0, 0, 0));
        ThresholdJudge judge = new ThresholdJudge(RunTotals.collect(List.of(shard), 0), histograms(), 13,
                groups, byGroup);

        assertThat(judge.observe("groups.trackers.registration.p99")).isCloseTo(99.0, within(0.5));
        assertThat(judge.observe("groups.meters.v2.registration.max")).as("the longest group name that fits")
                .isCloseTo(5.0, within(0.01));
        assertThat(judge.observe("groups.meters.registration.p99")).as("nothing measured").isNull();
        assertThat(judge.observe("groups.trackers.devices.registeredAtEnd")).isEqualTo(8.0);
        assertThat(judge.observe("groups.trackers.registration.failures")).isEqualTo(3.0);
        assertThat(judge.observe("groups.trackers.reachability")).isEqualTo(0.75);
        assertThat(judge.observe("groups.meters.reachability")).as("never observed").isNull();
        assertThat(judge.observe("groups.trackers.timeToRegistered.p99")).isNull();
        assertThat(judge.observe("registration.p99")).as("the run's own histogram is apart").isNull();
    }

    @Test
    void handshakeLatencyIsJudgedOnItsHistogram() {
        Map<LatencyMetric, Histogram> histograms = histograms();
        for (long ms = 1; ms <= 100; ms++) {
            histograms.get(LatencyMetric.HANDSHAKE).recordValue(ms * 1000);
        }
        ThresholdJudge judge = new ThresholdJudge(RunTotals.collect(List.of(new ShardMetrics()), 0), histograms, 0);

        assertThat(judge.observe("handshake.p99")).isCloseTo(99.0, within(0.5));
        assertThat(judge.observe("update.p99")).as("nothing measured").isNull();
    }

    @Test
    void registrationsStillPendingAtTheEndCountAgainstTheSuccessRatio() {
        ShardMetrics shard = new ShardMetrics();
        shard.add(Counter.REGISTRATION_ATTEMPTS, 200);
        shard.inFlightDelta(FailureKind.REGISTRATION, 200);
        ThresholdJudge judge = new ThresholdJudge(RunTotals.collect(List.of(shard), 0), histograms(), 0);

        ThresholdResult result = judge.judge(threshold("registration.successRatio", Threshold.Comparator.GE, 0.999));

        assertThat(result.observed()).isEqualTo(0.0);
        assertThat(result.pass()).isFalse();
        assertThat(judge.observe("errors.ratio")).as("unfinished requests are errors too").isEqualTo(1.0);
    }

    @Test
    void successRatioIsSuccessesOverSuccessesFailuresAndUnfinished() {
        ShardMetrics shard = new ShardMetrics();
        shard.add(Counter.REGISTRATIONS, 97);
        shard.add(Counter.REGISTRATION_FAILURES, 2);
        shard.inFlightDelta(FailureKind.REGISTRATION, 1);
        shard.add(Counter.UPDATES, 9);
        shard.inFlightDelta(FailureKind.UPDATE, 1);
        RunTotals totals = RunTotals.collect(List.of(shard), 0);

        assertThat(new ThresholdJudge(totals, histograms(), 0).observe("registration.successRatio"))
                .isCloseTo(0.97, within(1e-9));
        assertThat(totals.successRatio(FailureKind.UPDATE)).isCloseTo(0.9, within(1e-9));
        assertThat(totals.successRatio(FailureKind.DEREGISTRATION)).as("no de-registration at all").isNull();
    }

    @Test
    void aThresholdOnAMetricWithNoSamplesFailsAndSaysSo() {
        ThresholdJudge judge = new ThresholdJudge(RunTotals.collect(List.of(new ShardMetrics()), 0), histograms(), 0);

        List<ThresholdResult> results = judge.judge(List.of(
                threshold("registration.successRatio", Threshold.Comparator.GE, 0.999),
                threshold("errors.ratio", Threshold.Comparator.LT, 0.01),
                threshold("reachability", Threshold.Comparator.GE, 0.9),
                threshold("update.p99", Threshold.Comparator.LT, 500)));

        assertThat(results).allSatisfy(r -> {
            assertThat(r.pass()).as(r.threshold().metric()).isFalse();
            assertThat(r.observed()).isNull();
            assertThat(r.observedText()).isEqualTo("no samples");
        });
    }

    private static Threshold threshold(String metric, Threshold.Comparator comparator, double limit) {
        return new Threshold(metric + " " + comparator.symbol() + " " + limit, metric, comparator, limit, 1);
    }

    private static Map<LatencyMetric, Histogram> histograms() {
        Map<LatencyMetric, Histogram> out = new EnumMap<>(LatencyMetric.class);
        for (LatencyMetric metric : LatencyMetric.values()) {
            out.put(metric, new Histogram(3));
        }
        return out;
    }
}
