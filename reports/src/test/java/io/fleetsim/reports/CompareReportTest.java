package io.fleetsim.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetsim.resultsformat.HistogramTag;

class CompareReportTest {

    private static final Pattern DATA_BLOCK = Pattern.compile(
            "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL);
    private static final Pattern NETWORK_REFERENCE = Pattern.compile(
            "(?i)\\b(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//");

    @TempDir
    Path dir;

    @Test
    void writesOneOfflinePageNamingBothRunsWithTheOverlaidDistribution() throws IOException {
        ComparisonResult result = compare("nightly-baseline", "nightly", 1200L, "p99=10%");

        Path page = CompareReport.writeHtml(result, dir.resolve("comparison.html"));

        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertThat(html).isEqualTo(CompareReport.html(result))
                .contains("<h3>Baseline: nightly-baseline</h3>").contains("<h3>Current: nightly</h3>")
                .contains("<canvas id=\"chart-latency-percentiles\"")
                .contains("Chart.js v4.4.1").contains("window.fleetsimChartsRendered = drawn")
                .doesNotContain("sourceMappingURL").doesNotContain("<link");
        assertThat(NETWORK_REFERENCE.matcher(html).find()).as("src/href to the network").isFalse();
        assertThat(html.split("<script", -1)).as("the page's own three script elements").hasSize(4);
        JsonNode series = chartData(html).path("chart-latency-percentiles").path("series");
        assertThat(series.findValuesAsText("label")).containsExactly("Baseline: nightly-baseline", "Current: nightly");
        JsonNode slower = series.get(1).path("points");
        assertThat(slower.get(slower.size() - 1).path("y").asDouble()).as("current max, ms").isBetween(119.0, 121.0);
    }

    @Test
    void flagsRegressionsInRedWithAbsoluteAndRelativeDeltas() throws IOException {
        String html = CompareReport.html(compare("quickstart", "quickstart", 1200L, "p99=10%"));

        assertThat(html).contains("class=\"verdict regression\">REGRESSION</span>")
                .contains("<tr class=\"regression\"><td>Registration latency p99</td><td class=\"num\">99 ms</td>"
                        + "<td class=\"num\">119 ms</td><td class=\"num\">+19.8 ms</td>"
                        + "<td class=\"num\">+20.0 %</td><td>p99=10%</td></tr>")
                .contains("<tr class=\"ok\"><td>Registration latency p50</td>")
                .contains("<li>Registration latency p99 (p99): 99 ms -&gt; 119 ms (+20.0 %)");
    }

    @Test
    void withoutLimitsThePageSaysItOnlyReports() throws IOException {
        String html = CompareReport.html(compare("quickstart", "quickstart", 1000L));

        assertThat(html).contains("class=\"verdict report-only\">REPORT ONLY</span>")
                .contains("No --max-regression limits were given")
                .doesNotContain("<tr class=\"regression\">");
    }

    @Test
    void escapesScenarioNames() throws IOException {
        String html = CompareReport.html(compare("<script>alert(1)</script>", "b&c", 1000L));

        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt; vs b&amp;c")
                .doesNotContain("<script>alert(1)");
        assertThat(html.split("<script", -1)).hasSize(4);
    }

    private ComparisonResult compare(String baselineScenario, String currentScenario, long currentMicrosPerMs,
                                     String... limits) throws IOException {
        Path baseline = run("baseline", baselineScenario, 1000L);
        Path current = run("current", currentScenario, currentMicrosPerMs);
        return Comparison.compare(baseline, current, List.of(limits).stream().map(RegressionLimit::parse).toList());
    }

    private Path run(String name, String scenario, long microsPerStep) throws IOException {
        Path run = Files.createDirectory(dir.resolve(name));
        ResultsFixture fixture = new ResultsFixture(run);
        fixture.summary(ResultsFixture.summaryJson(1, scenario, true, "pass", "\"timeout\": 0"));
        fixture.histogramIntervals(HistogramTag.REGISTRATION.wireName(), List.of(ResultsFixture.millisRange(1, 100, microsPerStep)));
        return run;
    }

    private static JsonNode chartData(String html) throws IOException {
        Matcher block = DATA_BLOCK.matcher(html);
        assertThat(block.find()).as("JSON data block").isTrue();
        return new ObjectMapper().readTree(block.group(1)).path("charts");
    }
}
