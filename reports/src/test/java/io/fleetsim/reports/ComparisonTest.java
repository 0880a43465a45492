package io.fleetsim.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.fleetsim.resultsformat.HistogramTag;

class ComparisonTest {

    /** Registration latencies 1..100 ms: p99 is 99 ms. */
    private static final long BASELINE_MICROS_PER_MS = 1000L;

    @TempDir
    Path dir;

    @Test
    void identicalRunsHaveNoRegressions() throws IOException {
        Path baseline = run("baseline", "quickstart", BASELINE_MICROS_PER_MS, 0.98039);
        Path current = run("current", "quickstart", BASELINE_MICROS_PER_MS, 0.98039);

        ComparisonResult result = Comparison.compare(baseline, current, limits("p99=0%", "max=0%", "successRatio=0%"));

        assertThat(result.regressions()).isEmpty();
        assertThat(result.gated()).isTrue();
        assertThat(result.metrics()).filteredOn(m -> m.missingIn().isEmpty()).isNotEmpty()
                .allSatisfy(m -> assertThat(m.absoluteDelta()).hasValue(0.0));
        assertThat(result.notes()).as("only where the update latencies come from")
                .allMatch(note -> note.contains("no update histograms"));
    }

    @Test
    void aP99TwentyPercentSlowerBreaksATenPercentLimit() throws IOException {
        Path baseline = run("baseline", "quickstart", BASELINE_MICROS_PER_MS, 0.98039);
        Path current = run("current", "quickstart", 1200L, 0.98039);

        ComparisonResult result = Comparison.compare(baseline, current, limits("p99=10%"));

        assertThat(result.regressions()).singleElement().satisfies(regression -> {
            assertThat(regression.metric()).isEqualTo(ComparedMetric.REGISTRATION_P99);
            assertThat(regression.baseline().orElseThrow()).isCloseTo(99.0, within(0.1));
            assertThat(regression.current().orElseThrow()).isCloseTo(118.8, within(0.1));
            assertThat(regression.relativeDeltaPercent().orElseThrow()).isCloseTo(20.0, within(0.2));
            assertThat(regression.describe()).isEqualTo("Registration latency p99 (p99): 99 ms -> 119 ms (+20.0 %),"
                    + " limit at most 10% above the baseline");
        });
    }

    @Test
    void aSlowdownWithinTheLimitIsNoRegression() throws IOException {
        Path baseline = run("baseline", "quickstart", BASELINE_MICROS_PER_MS, 0.98039);
        Path current = run("current", "quickstart", 1050L, 0.98039);

        ComparisonResult result = Comparison.compare(baseline, current, limits("p99=10%", "max=10%"));

        assertThat(result.regressions()).isEmpty();
        assertThat(result.metrics().get(ComparedMetric.REGISTRATION_P99.ordinal()).relativeDeltaPercent().orElseThrow())
                .isCloseTo(5.0, within(0.2));
    }

    @Test
    void withoutLimitsNothingIsGated() throws IOException {
        Path baseline = run("baseline", "quickstart", BASELINE_MICROS_PER_MS, 0.98039);
        Path current = run("current", "quickstart", 3000L, 0.5);

        ComparisonResult result = Comparison.compare(baseline, current, List.of());

        assertThat(result.gated()).isFalse();
        assertThat(result.regressions()).isEmpty();
    }

    @Test
    void aSuccessRatioDropBeyondTheLimitInPercentagePointsIsARegression() throws IOException {
        Path baseline = run("baseline", "quickstart", BASELINE_MICROS_PER_MS, 0.99);
        Path current = run("current", "quickstart", BASELINE_MICROS_PER_MS, 0.985);

        assertThat(Comparison.compare(baseline, current, limits("successRatio=0.1%")).regressions())
                .singleElement().satisfies(regression -> {
                    assertThat(regression.metric()).isEqualTo(ComparedMetric.SUCCESS_RATIO);
                    assertThat(regression.describe()).contains("99.00 %").contains("98.50 %")
                            .contains("0.1 percentage points below");
                });
        assertThat(Comparison.compare(baseline, current, limits("successRatio=1%")).regressions())
                .as("a drop of 0.5 points is within 1 point").isEmpty();
    }

    @Test
    void aBetterSuccessRatioOrFasterRunIsNoRegression() throws IOException {
        Path baseline = run("baseline", "quickstart", 1200L, 0.95);
        Path current = run("current", "quickstart", BASELINE_MICROS_PER_MS, 1.0);

        assertThat(Comparison.compare(baseline, current, limits("p99=0%", "successRatio=0%")).regressions()).isEmpty();
    }

    @Test
    void updateLatencyIsLimitedByItsOwnKey() throws IOException {
        Path baseline = run("baseline", "quickstart", BASELINE_MICROS_PER_MS, 0.98039);
        Path current = run("current", "quickstart", BASELINE_MICROS_PER_MS, 0.98039);
        new ResultsFixture(current).summary(ResultsFixture.summaryJson(1, "quickstart", true, "pass", "")
                .replace("\"p99\": 2.0", "\"p99\": 3.0"));

        ComparisonResult result = Comparison.compare(baseline, current, limits("update.p99=10%"));

        assertThat(result.regressions()).extracting(MetricComparison::metric).containsExactly(ComparedMetric.UPDATE_P99);
        assertThat(result.notes()).contains("The baseline has no update histograms in histograms.hlog;"
                + " its update latencies come from summary.json.");
    }

    @Test
    void latenciesComeFromTheSummaryWhenThereAreNoHistograms() throws IOException {
        Path baseline = Files.createDirectory(dir.resolve("baseline"));
        new ResultsFixture(baseline).summary(ResultsFixture.summaryJson(1, "quickstart", true, "pass", ""));
        Path current = run("current", "quickstart", BASELINE_MICROS_PER_MS, 0.98039);

        ComparisonResult result = Comparison.compare(baseline, current, List.of());

        MetricComparison p99 = result.metrics().get(ComparedMetric.REGISTRATION_P99.ordinal());
        assertThat(p99.baseline()).hasValue(4.1);
        assertThat(result.notes()).anyMatch(note -> note.startsWith("The baseline has no registration histograms"));
    }

    @Test
    void reportsRegistrationFailuresAndRetransmissions() throws IOException {
        Path baseline = run("baseline", "quickstart", BASELINE_MICROS_PER_MS, 0.98039);
        Path current = Files.createDirectory(dir.resolve("current"));
        new ResultsFixture(current).summary(ResultsFixture.summaryJson(1, "quickstart", true, "fail",
                "\"timeout\": 3, \"error-response:4.03\": 1").replace("\"retransmissions\": 7", "\"retransmissions\": 9"));

        ComparisonResult result = Comparison.compare(baseline, current, List.of());

        MetricComparison failures = result.metrics().get(ComparedMetric.REGISTRATION_FAILURES.ordinal());
        assertThat(failures.baseline()).hasValue(0.0);
        assertThat(failures.current()).hasValue(4.0);
        assertThat(result.metrics().get(ComparedMetric.RETRANSMISSIONS.ordinal()).absoluteDelta()).hasValue(2.0);
    }

    @Test
    void notesIncompleteRunsAndDifferentScenarios() throws IOException {
        Path baseline = run("baseline", "quickstart", BASELINE_MICROS_PER_MS, 0.98039);
        Path current = Files.createDirectory(dir.resolve("current"));
        new ResultsFixture(current).summary(ResultsFixture.summaryJson(1, "capacity-20k", false, "pass", ""));

        ComparisonResult result = Comparison.compare(baseline, current, List.of());

        assertThat(result.notes()).contains(
                "The current run did not complete (complete: false); its figures cover only part of a run.",
                "The runs come from different scenarios: quickstart and capacity-20k.");
    }

    @Test
    void refusesADirectoryWithoutSummaryNamingIt() throws IOException {
        Path baseline = run("baseline", "quickstart", BASELINE_MICROS_PER_MS, 0.98039);
        Path killed = Files.createDirectory(dir.resolve("killed-run"));
        new ResultsFixture(killed).histograms(2);

        assertThatThrownBy(() -> Comparison.compare(baseline, killed, List.of()))
                .isInstanceOf(ResultsFormatException.class)
                .hasMessageStartingWith(killed + ": the current run has no summary.json");
        assertThatThrownBy(() -> Comparison.compare(killed, baseline, List.of()))
                .hasMessageStartingWith(killed + ": the baseline has no summary.json");
    }

    @Test
    void refusesTwoLimitsOnOneMetric() throws IOException {
        Path baseline = run("baseline", "quickstart", BASELINE_MICROS_PER_MS, 0.98039);

        assertThatThrownBy(() -> Comparison.compare(baseline, baseline, limits("p99=10%", "registration.p99=5%")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--max-regression p99=5%: p99 is already limited by p99=10%");
    }

    private static List<RegressionLimit> limits(String... texts) {
        return Arrays.stream(texts).map(RegressionLimit::parse).toList();
    }

    /** A finished run whose registration latencies are 1..100 steps of {@code microsPerStep}, over two intervals. */
    private Path run(String name, String scenario, long microsPerStep, double successRatio) throws IOException {
        Path run = Files.createDirectory(dir.resolve(name));
        ResultsFixture fixture = new ResultsFixture(run);
        fixture.summary(ResultsFixture.summaryJson(1, scenario, true, "pass", "\"timeout\": 0")
                .replace("\"successRatio\": 0.98039", "\"successRatio\": " + successRatio));
        fixture.histogramIntervals(HistogramTag.REGISTRATION.wireName(), List.of(
                ResultsFixture.millisRange(1, 50, microsPerStep), ResultsFixture.millisRange(51, 100, microsPerStep)));
        return run;
    }
}
