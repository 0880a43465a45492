package io.fleetsim.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {

    private static final Pattern DATA_BLOCK = Pattern.compile(
            "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL);
    private static final Pattern NETWORK_REFERENCE = Pattern.compile(
            "(?i)\\b(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//");
    /** The charts a run without NAT, DTLS or traffic figures has data for, in the order of the page's JSON. */
    private static final List<String> ALL_CHARTS = List.of("chart-latency-percentiles", "chart-latency-over-time",
            "chart-registered-devices", "chart-rates-per-second", "chart-failures-by-cause", "chart-simulator-cost");
    /** Every chart, in page order. */
    private static final List<String> PAGE_ORDER = List.of("chart-registered-devices", "chart-rates-per-second",
            "chart-failures-by-cause", "chart-latency-percentiles", "chart-latency-over-time",
            "chart-handshake-percentiles", "chart-nat", "chart-reconnect-percentiles", "chart-probe-percentiles",
            "chart-traffic", "chart-simulator-cost");

    @TempDir
    Path dir;

    @Test
    void rendersReportHtmlIntoTheResultsDirectory() throws IOException {
        ResultsFixture.completeRun(dir, "quickstart");

        Path report = HtmlReport.render(dir);

        assertThat(report).isEqualTo(dir.resolve("report.html")).isRegularFile();
        assertThat(Files.readString(report, StandardCharsets.UTF_8)).isEqualTo(HtmlReport.html(dir));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".partial"));
        }
    }

    @Test
    void showsScenarioVerdictSummaryAndThresholds() throws IOException {
        ResultsFixture.completeRun(dir, "capacity-20k");

        String html = HtmlReport.html(dir);

        assertThat(html).contains("<title>fleetsim report: capacity-20k (FAIL)</title>")
                .contains("<span id=\"verdict\" class=\"verdict fail\">FAIL</span>")
                .contains("<td>Devices registered at end</td><td class=\"num\">197</td>")
                .contains("<td>Registration success ratio</td><td class=\"num\">98.0 %</td>")
                .contains("<td>Messages sent</td><td class=\"num\">803 (CON 800, ACK 3)</td>")
                .contains("<td>Scenario file</td><td class=\"num\">scenarios/capacity-20k.yaml</td>")
                .contains("<td>Target</td><td class=\"num\">coap://127.0.0.1:40123 (embedded server)</td>")
                .contains("<tr class=\"pass\"><td>registration.p99 &lt; 500ms</td><td class=\"num\">4.1</td>"
                        + "<td class=\"num\">&lt; 500</td><td class=\"result\">PASS</td></tr>")
                .contains("<tr class=\"fail\"><td>registration.successRatio &gt;= 0.99</td><td class=\"num\">0.98</td>"
                        + "<td class=\"num\">&gt;= 0.99</td><td class=\"result\">FAIL</td></tr>");
    }

    @Test
    void verdictAndThresholdsComeFirstThenSummaryChartsAndScenario() throws IOException {
        ResultsFixture.natDtlsRun(dir);

        String html = HtmlReport.html(dir);

        List<Integer> positions = new ArrayList<>();
        positions.add(html.indexOf("<span id=\"verdict\""));
        positions.add(html.indexOf("<section id=\"thresholds\""));
        positions.add(html.indexOf("<section id=\"summary\""));
        PAGE_ORDER.forEach(id -> positions.add(html.indexOf("<canvas id=\"" + id + "\"")));
        positions.add(html.indexOf("<section id=\"scenario\""));
        assertThat(positions).doesNotContain(-1).isSorted();
    }

    @Test
    void isSelfContainedWithChartJsInlinedAndNoNetworkReferences() throws IOException {
        ResultsFixture.completeRun(dir, "quickstart");

        String html = HtmlReport.html(dir);

        assertThat(html).contains("Chart.js v4.4.1").contains("window.fleetsimChartsRendered = drawn");
        assertThat(html).doesNotContain("sourceMappingURL").doesNotContain("<link");
        assertThat(NETWORK_REFERENCE.matcher(html).find()).as("src/href to the network").isFalse();
    }

    @Test
    void passesChartDataAsJsonThatMatchesTheRecordedHistograms() throws IOException {
        ResultsFixture.completeRun(dir, "quickstart");

        JsonNode charts = chartData(HtmlReport.html(dir));

        assertThat(charts.fieldNames()).toIterable().containsExactlyElementsOf(ALL_CHARTS);
        JsonNode distribution = charts.path("chart-latency-percentiles").path("series");
        assertThat(distribution.findValuesAsText("label")).containsExactly("Registration latency (corrected)",
                "Registration service time", "Update latency (corrected)");
        JsonNode corrected = distribution.get(0).path("points");
        JsonNode last = corrected.get(corrected.size() - 1);
        assertThat(corrected.get(0).path("x").asDouble()).as("0 %% at x = 1").isEqualTo(1.0);
        assertThat(last.path("x").asDouble()).as("reaches the 99th percentile").isGreaterThanOrEqualTo(100.0);
        assertThat(last.path("y").asDouble()).as("highest value recorded, in ms").isBetween(101.0, 103.0);
        JsonNode failures = charts.path("chart-failures-by-cause");
        assertThat(failures.path("labels").toString())
                .isEqualTo("[\"registration: error-response:4.03\",\"registration: timeout\",\"update: transport\"]");
        assertThat(failures.path("values").toString()).isEqualTo("[1,3,2]");
        assertThat(charts.path("chart-registered-devices").path("series").get(1).path("points").get(2).toString())
                .isEqualTo("{\"x\":3.0,\"y\":200.0}");
    }

    @Test
    void textInTheDataCannotCloseItsScriptElement() throws IOException {
        ResultsFixture fixture = ResultsFixture.completeRun(dir, "quickstart");
        fixture.summary(ResultsFixture.summaryJson(1, "quickstart", true, "pass",
                "\"</script><script>alert(1)</script>\": 5"));

        String html = HtmlReport.html(dir);

        assertThat(html.split("<script", -1)).as("only the report's own four script elements").hasSize(5);
        assertThat(chartData(html).path("chart-failures-by-cause").path("labels").get(0).asText())
                .isEqualTo("registration: </script><script>alert(1)</script>");
    }

    @Test
    void escapesTheScenarioText() throws IOException {
        ResultsFixture fixture = ResultsFixture.completeRun(dir, "quickstart");
        fixture.scenario("name: quickstart\ndescription: \"<script>alert('owned')</script> & more\"\n");

        String html = HtmlReport.html(dir);

        assertThat(html).contains("description: &quot;&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt; &amp; more&quot;")
                .doesNotContain("<script>alert('owned')");
        assertThat(html.split("<script", -1)).hasSize(5);
    }

    @Test
    void aRunKilledBeforeWritingItsSummaryStillRendersItsHistograms() throws IOException {
        // two intervals: 1..100 ms and 2..101 ms, so 1 once, 2..100 twice, 101 once
        Path killed = Files.createDirectory(dir.resolve("nat-udp-20261122-010000"));
        new ResultsFixture(killed).histograms(2);

        String html = HtmlReport.html(killed);

        assertThat(html).contains("summary.json was not written")
                .contains("<tr><td>Registration latency (corrected)</td><td class=\"num\">200</td>"
                        + "<td class=\"num\">51</td><td class=\"num\">91</td><td class=\"num\">100</td>"
                        + "<td class=\"num\">101</td><td class=\"num\">101</td></tr>")
                .contains("<tr><td>Update latency (corrected)</td><td class=\"num\">4</td><td class=\"num\">2</td>")
                .contains("<title>fleetsim report: nat-udp-20261122-010000 (INCOMPLETE)</title>")
                .contains("<canvas id=\"chart-latency-percentiles\"")
                .contains("<canvas id=\"chart-latency-over-time\"")
                .doesNotContain("<canvas id=\"chart-registered-devices\"")
                .contains("No data: timeline.csv is missing or has no rows.")
                .contains("scenario.yaml is missing");
        assertThat(chartData(html).fieldNames()).toIterable()
                .containsExactly("chart-latency-percentiles", "chart-latency-over-time");
    }

    @Test
    void anIncompleteRunIsMarkedIncompleteWhateverItsVerdictSoFar() throws IOException {
        ResultsFixture fixture = ResultsFixture.completeRun(dir, "quickstart");
        fixture.summary(ResultsFixture.summaryJson(1, "quickstart", false, "pass", ""));

        String html = HtmlReport.html(dir);

        assertThat(html).contains("class=\"verdict incomplete\">INCOMPLETE</span>")
                .contains("This run did not complete");
    }

    @Test
    void absentDataShowsNotesInsteadOfEmptyCharts() throws IOException {
        new ResultsFixture(dir).summary(ResultsFixture.summaryJson(1, "quickstart", true, "pass", "\"timeout\": 0"));

        String html = HtmlReport.html(dir);

        assertThat(html).contains("No data: histograms.hlog is missing or holds no latencies.")
                .contains("No data: timeline.csv is missing or has no rows.")
                .contains("class=\"verdict pass\">PASS</span>");
        assertThat(html.split("<canvas", -1)).as("only the failures chart (update: transport 2)").hasSize(2);
        assertThat(html).contains("<canvas id=\"chart-failures-by-cause\"");
    }

    @Test
    void aRunWithoutFailuresSaysSoInsteadOfDrawingEmptyBars() throws IOException {
        ResultsFixture fixture = ResultsFixture.completeRun(dir, "quickstart");
        fixture.summary(ResultsFixture.summaryJson(1, "quickstart", true, "pass", "\"timeout\": 0")
                .replace("\"transport\": 2", "\"transport\": 0"));

        String html = HtmlReport.html(dir);

        assertThat(html).contains("No failures recorded.").doesNotContain("<canvas id=\"chart-failures-by-cause\"");
    }

    @Test
    void marksTheRunsEventsOnTheChartsOverSimulatedTime() throws IOException {
        ResultsFixture fixture = ResultsFixture.completeRun(dir, "quickstart");
        String summary = ResultsFixture.summaryJson(1, "quickstart", true, "fail", "\"timeout\": 3");
        fixture.summary(summary.replace("\"verdict\"", "\"events\": ["
                + "{ \"atSeconds\": 1.5, \"kind\": \"serverOutage\", \"parameters\": { \"seconds\": 1 } },"
                + "{ \"atSeconds\": 1.0, \"kind\": \"reconnectStorm\","
                + " \"parameters\": { \"share\": 0.5, \"withinSeconds\": 5 } } ],\n  \"verdict\""));

        String html = HtmlReport.html(dir);

        JsonNode markers = chartData(html).path("timeline-events");
        assertThat(markers.size()).isEqualTo(3);
        assertThat(markers.get(0).path("atSeconds").asDouble()).isEqualTo(1.0);
        assertThat(markers.get(0).path("label").asText()).isEqualTo("reconnectStorm (share 0.5, withinSeconds 5)");
        assertThat(markers.get(1).path("label").asText()).isEqualTo("serverOutage (seconds 1)");
        assertThat(markers.get(2).path("atSeconds").asDouble()).isEqualTo(2.5);
        assertThat(markers.get(2).path("label").asText()).isEqualTo("server back");
        assertThat(html).contains("afterDatasetsDraw");
    }

    @Test
    void aRunWithoutEventsHasNoMarks() throws IOException {
        ResultsFixture.completeRun(dir, "quickstart");

        assertThat(chartData(HtmlReport.html(dir)).has("timeline-events")).isFalse();
    }

    private static JsonNode chartData(String html) throws IOException {
        Matcher block = DATA_BLOCK.matcher(html);
        assertThat(block.find()).as("JSON data block").isTrue();
        return new ObjectMapper().readTree(block.group(1)).path("charts");
    }
}
