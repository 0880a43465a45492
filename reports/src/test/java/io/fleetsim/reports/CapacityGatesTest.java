package io.fleetsim.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fleetsim.resultsformat.HistogramTag;

/** {@code fleetsim compare} gates on reachability, reconnect p99, time to registered and lost notifications. */
class CapacityGatesTest {

    @TempDir
    Path dir;

    @Test
    void aReachabilityDropBeyondTheToleranceIsARegression() throws IOException {
        Path baseline = run("baseline", Figures.of(0.95, 1000.0, 200.0, 0, 100));
        Path current = run("current", Figures.of(0.93, 1000.0, 200.0, 0, 100));

        ComparisonResult strict = Comparison.compare(baseline, current, limits("reachability=1%"));
        ComparisonResult lenient = Comparison.compare(baseline, current, limits("reachability=3%"));

        assertThat(strict.regressions()).singleElement().satisfies(r -> {
            assertThat(r.metric()).isEqualTo(ComparedMetric.REACHABILITY);
            assertThat(r.verdictLine()).isEqualTo("REGRESSION Exact reachability (reachability): 95.00 % -> 93.00 %"
                    + " (-2.1 %), limit at most 1 percentage points below the baseline");
        });
        assertThat(lenient.regressions()).as("2 points down is within 3").isEmpty();
        assertThat(lenient.metrics().get(ComparedMetric.REACHABILITY.ordinal()).verdictLine()).startsWith("ok ");
    }

    @Test
    void aReconnectP99RiseBeyondTheToleranceIsARegressionAndAFasterReconnectIsNot() throws IOException {
        Path baseline = run("baseline", Figures.of(0.95, 1000.0, 200.0, 0, 100));
        Path slower = run("slower", Figures.of(0.95, 1200.0, 200.0, 0, 100));
        Path faster = run("faster", Figures.of(0.95, 800.0, 200.0, 0, 100));

        assertThat(Comparison.compare(baseline, slower, limits("reconnect.p99=10%")).regressions())
                .extracting(MetricComparison::metric).containsExactly(ComparedMetric.RECONNECT_P99);
        assertThat(Comparison.compare(baseline, slower, limits("reconnect.p99=25%")).regressions()).isEmpty();
        assertThat(Comparison.compare(baseline, faster, limits("reconnect.p99=0%")).regressions()).isEmpty();
    }

    @Test
    void theReconnectHistogramIsPreferredToTheSummary() throws IOException {
        Path baseline = run("baseline", Figures.of(0.95, 1000.0, 200.0, 0, 100));
        Path current = run("current", Figures.of(0.95, 1000.0, 200.0, 0, 100));
        new ResultsFixture(current).histogramIntervals(HistogramTag.RECONNECT.wireName(),
                List.of(ResultsFixture.millisRange(1, 100, 20_000L)));

        MetricComparison reconnect = Comparison.compare(baseline, current, limits("reconnect.p99=10%"))
                .metrics().get(ComparedMetric.RECONNECT_P99.ordinal());

        assertThat(reconnect.baseline()).hasValue(1000.0);
        assertThat(reconnect.current().orElseThrow()).as("p99 of 20..2000 ms in the hlog").isCloseTo(1980.0, within(5.0));
        assertThat(reconnect.regressed()).isTrue();
    }

    @Test
    void timeToRegisteredPercentilesAreGatedByTheirOwnKeys() throws IOException {
        Path baseline = run("baseline", Figures.of(0.95, 1000.0, 200.0, 0, 100));
        Path current = run("current", Figures.of(0.95, 1000.0, 300.0, 0, 100));

        ComparisonResult result = Comparison.compare(baseline, current,
                limits("timeToRegistered.p50=10%", "timeToRegistered.p99=10%"));

        assertThat(result.regressions()).extracting(MetricComparison::metric)
                .containsExactly(ComparedMetric.TIME_TO_REGISTERED_P50, ComparedMetric.TIME_TO_REGISTERED_P99);
        assertThat(result.metrics().get(ComparedMetric.TIME_TO_REGISTERED_P90.ordinal()).current()).hasValue(300.0);
    }

    @Test
    void aLargerShareOfLostConNotificationsIsARegression() throws IOException {
        Path baseline = run("baseline", Figures.of(0.95, 1000.0, 200.0, 1, 200));
        Path current = run("current", Figures.of(0.95, 1000.0, 200.0, 10, 200));

        ComparisonResult result = Comparison.compare(baseline, current, limits("notifications.lostShare=1%"));

        assertThat(result.regressions()).singleElement().satisfies(r -> {
            assertThat(r.baseline()).hasValue(0.005);
            assertThat(r.current()).hasValue(0.05);
            assertThat(r.describe()).contains("0.50 %").contains("5.00 %")
                    .contains("at most 1 percentage points above the baseline");
        });
        assertThat(Comparison.compare(baseline, current, limits("notifications.lostShare=5%")).regressions()).isEmpty();
    }

    @Test
    void aFigureMissingInOneRunIsNotCheckedAndNotAFailure() throws IOException {
        Path baseline = run("baseline", Figures.without());
        Path current = run("current", Figures.of(0.5, 9000.0, 9000.0, 50, 100));

        ComparisonResult result = Comparison.compare(baseline, current,
                limits("reachability=0%", "reconnect.p99=0%", "timeToRegistered.p99=0%", "notifications.lostShare=0%"));

        assertThat(result.regressions()).isEmpty();
        assertThat(result.unchecked()).extracting(MetricComparison::metric).containsExactly(
                ComparedMetric.REACHABILITY, ComparedMetric.RECONNECT_P99, ComparedMetric.TIME_TO_REGISTERED_P99,
                ComparedMetric.NOTIFICATIONS_LOST);
        assertThat(result.unchecked().get(0).verdictLine())
                .isEqualTo("not checked reachability=0%: Exact reachability not in baseline");
        assertThat(Comparison.compare(current, baseline, limits("notifications.lostShare=0%")).unchecked())
                .singleElement().satisfies(m -> assertThat(m.verdictLine()).endsWith("not in current"));
    }

    @Test
    void noConNotificationsSentMeansNoLostShare() throws IOException {
        Path baseline = run("baseline", Figures.of(0.95, 1000.0, 200.0, 0, 0));

        MetricComparison lost = Comparison.compare(baseline, baseline, List.of())
                .metrics().get(ComparedMetric.NOTIFICATIONS_LOST.ordinal());

        assertThat(lost.baseline()).isEmpty();
        assertThat(lost.missingIn()).hasValue("baseline and current");
    }

    /** The figures of a run these gates read; null fields are left out of summary.json. */
    private record Figures(Double reachability, Double reconnectP99, Double timeToRegistered, Integer lost,
                           Integer sentCon) {

        static Figures of(double reachability, double reconnectP99, double timeToRegistered, int lost, int sentCon) {
            return new Figures(reachability, reconnectP99, timeToRegistered, lost, sentCon);
        }

        static Figures without() {
            return new Figures(null, null, null, null, null);
        }

        String apply(String json) {
            StringBuilder blocks = new StringBuilder();
            if (reachability != null) {
                blocks.append("\"reachability\": { \"exact\": ").append(reachability)
                        .append(", \"observedDeviceHours\": 10.0, \"reachableDeviceHours\": 9.0 },\n");
            }
            if (reconnectP99 != null) {
                blocks.append("\"reconnect\": { \"count\": 10, \"latencyMs\": ").append(latency(reconnectP99)).append(" },\n");
            }
            if (lost != null) {
                blocks.append("\"notifications\": { \"sent\": { \"CON\": ").append(sentCon).append(", \"NON\": 40 },")
                        .append(" \"acknowledged\": ").append(sentCon - lost).append(", \"lost\": ").append(lost)
                        .append(", \"observations\": { \"started\": 10, \"ended\": 0, \"resetByServer\": 0,")
                        .append(" \"activeAtEnd\": 10 } },\n");
            }
            String withBlocks = json.replace("\"retransmissions\": 7,", "\"retransmissions\": 7,\n" + blocks);
            return timeToRegistered == null ? withBlocks : withBlocks.replace("\"serviceTimeMs\": {",
                    "\"timeToRegisteredMs\": " + latency(timeToRegistered) + ",\n\"serviceTimeMs\": {");
        }

        /** A latency object with every percentile at {@code value}. */
        private static String latency(double value) {
            return ("{ \"count\": 10, \"min\": %s, \"p50\": %s, \"p90\": %s, \"p99\": %s, \"p999\": %s, \"max\": %s,"
                    + " \"mean\": %s }").formatted(value, value, value, value, value, value, value);
        }
    }

    private Path run(String name, Figures figures) throws IOException {
        Path run = Files.createDirectory(dir.resolve(name));
        new ResultsFixture(run).summary(figures.apply(ResultsFixture.summaryJson(1, "capacity", true, "pass", "")));
        return run;
    }

    private static List<RegressionLimit> limits(String... texts) {
        return Arrays.stream(texts).map(RegressionLimit::parse).toList();
    }
}
