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
    void handshakeLatencyIsJudgedOnItsHistogram() {
        Map<LatencyMetric, Histogram> histograms = histograms();
        for (long ms = 1; ms <= 100; ms++) {
            histograms.get(LatencyMetric.HANDSHAKE).recordValue(ms * 1000);
        }
        ThresholdJudge judge = new ThresholdJudge(RunTotals.collect(List.of(new ShardMetrics()), 0), histograms, 0);

        assertThat(judge.observe("handshake.p99")).isCloseTo(99.0, within(0.5));
        assertThat(judge.observe("update.p99")).as("nothing measured").isNull();
    }

    private static Map<LatencyMetric, Histogram> histograms() {
        Map<LatencyMetric, Histogram> out = new EnumMap<>(LatencyMetric.class);
        for (LatencyMetric metric : LatencyMetric.values()) {
            out.put(metric, new Histogram(3));
        }
        return out;
    }
}
