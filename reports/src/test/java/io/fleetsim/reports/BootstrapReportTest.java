package io.fleetsim.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fleetsim.resultsformat.HistogramTag;

/** The report of a run whose devices bootstrapped shows the bootstraps' outcome and latency; others show nothing of it. */
class BootstrapReportTest {

    @TempDir
    Path dir;

    @Test
    void aRunWithBootstrapShowsAttemptsFailuresByCauseAndLatency() throws IOException {
        ResultsFixture fixture = ResultsFixture.natDtlsRun(dir);
        fixture.summary(ResultsFixture.natDtlsSummaryJson(false, null).replaceFirst("\\{", """
                {
                  "bootstrap": { "attempts": 12, "successes": 9, "unfinished": 0, "successRatio": 0.75,
                    "failures": { "error-response:4.03": 2, "no-finish": 1 },
                    "latencyMs": { "count": 9, "min": 20.0, "p50": 40.0, "p90": 70.0, "p99": 80.0, "p999": 80.0, "max": 80.0, "mean": 45.0 } },
                """));
        Map<String, List<Long>> tags = new LinkedHashMap<>();
        tags.put(HistogramTag.REGISTRATION.wireName(), ResultsFixture.millisRange(1, 100, 1000L));
        tags.put(HistogramTag.BOOTSTRAP.wireName(), ResultsFixture.millisRange(20, 80, 1000L));
        fixture.histograms(3, tags);

        String html = HtmlReport.html(dir);

        assertThat(html).contains(row("LwM2M bootstraps",
                "9 of 12 attempts finished, 3 failed (error-response:4.03 2, no-finish 1)"))
                .contains("<td>Bootstrap latency</td>")
                .contains("Bootstrap to Bootstrap-Finish (corrected)");
    }

    @Test
    void aRunWithoutBootstrapHasNoBootstrapRows() throws IOException {
        ResultsFixture.natDtlsRun(dir);

        String html = HtmlReport.html(dir);

        assertThat(html).doesNotContain("LwM2M bootstraps").doesNotContain("Bootstrap to Bootstrap-Finish");
    }

    private static String row(String label, String value) {
        return "<tr class=\"headline\"><td>" + label + "</td><td class=\"num\">" + value + "</td></tr>";
    }
}
