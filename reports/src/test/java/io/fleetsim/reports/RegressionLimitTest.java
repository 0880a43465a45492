package io.fleetsim.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegressionLimitTest {

    @ParameterizedTest
    @CsvSource({
            "p99=10%, REGISTRATION_P99, 10",
            "registration.p999=2.5%, REGISTRATION_P999, 2.5",
            "max=0%, REGISTRATION_MAX, 0",
            "update.p99=25%, UPDATE_P99, 25",
            "successRatio=0.1%, SUCCESS_RATIO, 0.1",
            "' p50 = .5% ', REGISTRATION_P50, 0.5"})
    void parsesMetricAndPercent(String text, ComparedMetric metric, double percent) {
        assertThat(RegressionLimit.parse(text)).isEqualTo(new RegressionLimit(metric, percent));
    }

    @Test
    void aLatencyLimitIsRelativeToTheBaseline() {
        RegressionLimit limit = RegressionLimit.parse("p99=10%");

        assertThat(limit.isBrokenBy(100.0, 110.0)).isFalse();
        assertThat(limit.isBrokenBy(100.0, 110.5)).isTrue();
        assertThat(limit.isBrokenBy(100.0, 50.0)).isFalse();
    }

    @Test
    void aRatioLimitIsInAbsolutePercentagePoints() {
        RegressionLimit limit = RegressionLimit.parse("successRatio=0.1%");

        assertThat(limit.isBrokenBy(0.99, 0.9895)).isFalse();
        assertThat(limit.isBrokenBy(0.99, 0.9885)).isTrue();
        assertThat(limit.isBrokenBy(0.99, 1.0)).isFalse();
    }

    @Test
    void writesItselfBackAsGiven() {
        assertThat(RegressionLimit.parse("registration.p99=10.50%").text()).isEqualTo("p99=10.5%");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "p99=ten%     | --max-regression p99=ten%: the limit must be a number followed by %",
            "p99=10       | --max-regression p99=10: the limit must be a number followed by %",
            "p99=-5%      | --max-regression p99=-5%: the limit must be a number followed by %",
            "p99=NaN%     | --max-regression p99=NaN%: the limit must be a number followed by %",
            "p99          | --max-regression p99: expected METRIC=LIMIT%, e.g. p99=10%",
            "p98=10%      | --max-regression p98=10%: unknown metric 'p98'; use one of p50, p90, p99, p999, max,"
                    + " update.p50, update.p90, update.p99, update.p999, update.max, successRatio, reachability,"
                    + " reconnect.p99, timeToRegistered.p50, timeToRegistered.p90, timeToRegistered.p99,"
                    + " notifications.lostShare",
            "failures=10% | --max-regression failures=10%: unknown metric 'failures'; use one of p50, p90, p99, p999,"
                    + " max, update.p50, update.p90, update.p99, update.p999, update.max, successRatio, reachability,"
                    + " reconnect.p99, timeToRegistered.p50, timeToRegistered.p90, timeToRegistered.p99,"
                    + " notifications.lostShare"})
    void badTextIsRefusedWithAMessageNamingIt(String text, String message) {
        assertThatThrownBy(() -> RegressionLimit.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
