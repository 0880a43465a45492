package io.fleetsim.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.fleetsim.resultsformat.HistogramTag;

class HistogramLogTest {

    @TempDir
    Path dir;

    @Test
    void wholeRunPercentilesOfSummedIntervalsMatchWhatWasRecorded() throws IOException {
        // 1..1000 ms spread over four intervals of 250 values each
        new ResultsFixture(dir).histogramIntervals(HistogramTag.REGISTRATION.wireName(), List.of(
                ResultsFixture.millisRange(1, 250, 1000), ResultsFixture.millisRange(251, 500, 1000),
                ResultsFixture.millisRange(501, 750, 1000), ResultsFixture.millisRange(751, 1000, 1000)));

        MetricHistory registration = HistogramLog.read(dir.resolve("histograms.hlog"))
                .metric(HistogramTag.REGISTRATION).orElseThrow();

        assertThat(registration.count()).isEqualTo(1000);
        assertThat(registration.percentileMs(50)).isCloseTo(500.0, withinPercentage(0.1));
        assertThat(registration.percentileMs(90)).isCloseTo(900.0, withinPercentage(0.1));
        assertThat(registration.percentileMs(99)).isCloseTo(990.0, withinPercentage(0.1));
        assertThat(registration.percentileMs(100)).isCloseTo(1000.0, withinPercentage(0.1));
    }

    @Test
    void keepsPercentilesOfEachIntervalWithItsSimulatedStartSecond() throws IOException {
        new ResultsFixture(dir).histogramIntervals(HistogramTag.REGISTRATION.wireName(), List.of(
                ResultsFixture.millisRange(1, 100, 1000), ResultsFixture.millisRange(901, 1000, 1000)));

        List<IntervalPercentiles> intervals = HistogramLog.read(dir.resolve("histograms.hlog"))
                .metric(HistogramTag.REGISTRATION).orElseThrow().intervals();

        assertThat(intervals).hasSize(2);
        assertThat(intervals.get(0).startSeconds()).isEqualTo(0.0);
        assertThat(intervals.get(0).endSeconds()).isEqualTo(1.0);
        assertThat(intervals.get(0).p50Ms()).isCloseTo(50.0, withinPercentage(0.1));
        assertThat(intervals.get(0).p99Ms()).isCloseTo(99.0, withinPercentage(0.1));
        assertThat(intervals.get(0).maxMs()).isCloseTo(100.0, withinPercentage(0.1));
        assertThat(intervals.get(1).startSeconds()).isEqualTo(1.0);
        assertThat(intervals.get(1).p50Ms()).isCloseTo(950.0, withinPercentage(0.1));
        assertThat(intervals.get(1).count()).isEqualTo(100);
    }

    @Test
    void separatesMetricsByTag() throws IOException {
        new ResultsFixture(dir).histograms(3);

        HistogramLog log = HistogramLog.read(dir.resolve("histograms.hlog"));

        assertThat(log.metrics()).containsOnlyKeys(HistogramTag.REGISTRATION.wireName(), HistogramTag.REGISTRATION_SERVICE.wireName(),
                HistogramTag.UPDATE.wireName());
        assertThat(log.metric(HistogramTag.UPDATE).orElseThrow().count()).isEqualTo(6);
        assertThat(log.metric(HistogramTag.REGISTRATION_SERVICE).orElseThrow().percentileMs(100))
                .isCloseTo(51.0, within(0.1));
    }

    @Test
    void timestampsRelativeToAnEpochStartTimeAreMadeRelativeToTheRun() throws IOException {
        // a log without a BaseTime line: the reader adds the StartTime to each timestamp
        Path hlog = dir.resolve("histograms.hlog");
        new ResultsFixture(dir).histogramIntervals(HistogramTag.REGISTRATION.wireName(), List.of(
                List.of(1000L), List.of(1000L), List.of(1000L)));
        List<String> lines = Files.readAllLines(hlog).stream().filter(l -> !l.startsWith("#[BaseTime")).toList();
        Files.write(hlog, lines);

        List<IntervalPercentiles> intervals = HistogramLog.read(hlog)
                .metric(HistogramTag.REGISTRATION).orElseThrow().intervals();

        assertThat(intervals).extracting(IntervalPercentiles::startSeconds).containsExactly(0.0, 1.0, 2.0);
    }

    @Test
    void aTruncatedLastIntervalKeepsTheIntervalsBeforeIt() throws IOException {
        Path hlog = dir.resolve("histograms.hlog");
        new ResultsFixture(dir).histogramIntervals(HistogramTag.REGISTRATION.wireName(), List.of(
                ResultsFixture.millisRange(1, 100, 1000), ResultsFixture.millisRange(1, 100, 1000)));
        String text = Files.readString(hlog, StandardCharsets.UTF_8);
        Files.writeString(hlog, text.substring(0, text.length() - 40), StandardCharsets.UTF_8);

        MetricHistory registration = HistogramLog.read(hlog).metric(HistogramTag.REGISTRATION).orElseThrow();

        assertThat(registration.intervals()).hasSize(1);
        assertThat(registration.count()).isEqualTo(100);
    }

    @Test
    void aMissingLogIsEmpty() {
        assertThat(HistogramLog.read(dir.resolve("histograms.hlog")).isEmpty()).isTrue();
    }
}
