package io.fleetsim.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fleetsim.resultsformat.FailureCause;

/** The Prometheus endpoint shows the devices' bootstraps: attempts, successes, failures by cause and latency. */
class BootstrapMetersTest {

    @Test
    void bootstrapCountersFailuresAndLatencyAreScraped() {
        ShardMetrics shard = new ShardMetrics();
        shard.add(Counter.BOOTSTRAP_ATTEMPTS, 5);
        shard.add(Counter.BOOTSTRAP_SUCCESSES, 3);
        shard.add(Counter.BOOTSTRAP_FAILURES, 2);
        shard.failure(FailureKind.BOOTSTRAP, FailureCause.NO_FINISH.cause());
        shard.failure(FailureKind.BOOTSTRAP, io.fleetsim.resultsformat.Cause.errorResponse("4.03"));
        LiveFigures figures = new LiveFigures() {
            @Override
            public RunTotals totals() {
                return RunTotals.collect(List.of(shard));
            }

            @Override
            public long plannedDevices() {
                return 5;
            }

            @Override
            public Double percentileMs(LatencyMetric metric, double percentile) {
                return metric == LatencyMetric.BOOTSTRAP ? 250.0 : null;
            }
        };

        String scraped = new FleetMeters(figures).scrape();

        assertThat(scraped).contains("fleetsim_bootstrap_attempts_total 5.0", "fleetsim_bootstraps_total 3.0",
                "fleetsim_failures_total{cause=\"no-finish\",operation=\"bootstrap\"} 1.0",
                "fleetsim_failures_total{cause=\"error-response:4.03\",operation=\"bootstrap\"} 1.0",
                "fleetsim_bootstrap_latency_seconds{quantile=\"0.99\"} 0.25");
        assertThat(RunTotals.collect(List.of(shard)).successRatio(FailureKind.BOOTSTRAP)).isEqualTo(0.6);
    }
}
