package io.fleetsim.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetsim.resultsformat.HistogramTag;

class ResultsDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void readsACompleteRun() throws IOException {
        ResultsFixture.completeRun(dir, "quickstart");

        ResultsDirectory results = ResultsDirectory.read(dir);

        RunSummary summary = results.summary().orElseThrow();
        assertThat(summary.scenario().name()).isEqualTo("quickstart");
        assertThat(summary.devices().registeredAtEnd()).isEqualTo(197);
        assertThat(summary.registration().failures()).containsEntry("timeout", 3L);
        assertThat(summary.thresholds()).extracting(RunSummary.Threshold::pass).containsExactly(true, false);
        assertThat(results.complete()).isTrue();
        assertThat(results.timeline().rows()).hasSize(3);
        assertThat(results.histograms().metric(HistogramTag.REGISTRATION)).isPresent();
        assertThat(results.scenarioYaml()).hasValueSatisfying(yaml -> assertThat(yaml).contains("name: quickstart"));
    }

    @Test
    void refusesAnUnknownFormatVersionNamingFileAndVersion() throws IOException {
        new ResultsFixture(dir).summary(ResultsFixture.summaryJson(2, "quickstart", true, "pass", ""));

        assertThatThrownBy(() -> ResultsDirectory.read(dir))
                .isInstanceOf(ResultsFormatException.class)
                .hasMessageContaining(dir.resolve("summary.json").toString())
                .hasMessageContaining("version 2");
    }

    @Test
    void anUnparsableSummaryNamesTheFile() throws IOException {
        new ResultsFixture(dir).summary("{ \"format\": 1, \"scenario\": ");

        assertThatThrownBy(() -> ResultsDirectory.read(dir))
                .isInstanceOf(ResultsFormatException.class)
                .hasMessageContaining(dir.resolve("summary.json").toString())
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void aDirectoryWithoutAnyResultsNamesTheMissingSummary() {
        assertThatThrownBy(() -> ResultsDirectory.read(dir))
                .isInstanceOf(ResultsFormatException.class)
                .hasMessageContaining(dir.resolve("summary.json").toString())
                .hasMessageContaining("not found");
    }

    @Test
    void missingHistogramsAndTimelineAreEmptyData() throws IOException {
        new ResultsFixture(dir).summary(ResultsFixture.summaryJson(1, "early-kill", false, "pass", ""));

        ResultsDirectory results = ResultsDirectory.read(dir);

        assertThat(results.histograms().isEmpty()).isTrue();
        assertThat(results.timeline().isEmpty()).isTrue();
        assertThat(results.scenarioYaml()).isEmpty();
        assertThat(results.complete()).isFalse();
    }

    @Test
    void toleratesATruncatedLastTimelineLine() throws IOException {
        ResultsFixture fixture = new ResultsFixture(dir);
        fixture.histograms(1);
        fixture.timeline(ResultsFixture.TIMELINE_HEADER + "\n"
                + "1.0,1.0,100,60,60,2,0,0,0,1,70,68\n"
                + "2.0,2.0,200,150,90,2,10,0,0,0,110,108\n"
                + "3.0,3.0,200,2");

        Timeline timeline = ResultsDirectory.read(dir).timeline();

        assertThat(timeline.column("t")).containsExactly(1.0, 2.0);
        assertThat(timeline.column("registered")).containsExactly(60.0, 150.0);
    }

    @Test
    void readsTimelineColumnsByNameAndKeepsUnknownOnes() throws IOException {
        ResultsFixture fixture = new ResultsFixture(dir);
        fixture.histograms(1);
        fixture.timeline("registered,t,started,natRebinds\n5,1.0,10,3\n8,2.0,10,4\n");

        Timeline timeline = ResultsDirectory.read(dir).timeline();

        assertThat(timeline.column("registered")).containsExactly(5.0, 8.0);
        assertThat(timeline.column("t")).containsExactly(1.0, 2.0);
        assertThat(timeline.column("natRebinds")).containsExactly(3.0, 4.0);
        assertThat(timeline.hasColumn("updates")).isFalse();
    }
}
