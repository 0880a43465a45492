package io.fleetsim.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run against a target that never answered: nothing succeeded, the registrations were still
 * pending at the end, no latency was recorded. The report, junit.xml and compare say "no data"
 * and "no samples", never null, NaN or an empty cell, and show the unfinished requests.
 */
class NoSamplesReportTest {

    @TempDir
    Path dir;

    @Test
    void figuresWithoutSamplesShowNoDataAndTheUnfinishedRequestsAreShown() throws IOException {
        deadTargetRun(dir);

        String html = HtmlReport.html(dir);

        assertThat(html).contains(row("Registration unfinished (no answer by the end)", "200"))
                .contains(row("Registration success ratio", "0.0 %"))
                .contains(row("Update success ratio", "no data"))
                .contains(row("De-registration unfinished (no answer by the end)", "0"))
                .contains(row("De-registration success ratio", "no data"))
                .contains("<td>registration.p99 &lt; 500ms</td><td class=\"num\">no samples</td>")
                .doesNotContain(">null<").doesNotContain("null ms").doesNotContain(">NaN<")
                .doesNotContain("<td class=\"num\"></td>");
        assertThat(html).contains("id=\"verdict\"").containsPattern("class=\"verdict[^\"]*\">FAIL<");
    }

    @Test
    void aThresholdWithNoSamplesFailsInJunitXmlEvenWhenTheFileSaysItPassed() throws IOException {
        deadTargetRun(dir);

        String xml = Files.readString(JunitReport.write(dir));

        assertThat(xml).contains("<failure message=\"no samples, limit 500\" type=\"threshold\">"
                + "threshold failed: registration.p99 &lt; 500ms (no samples)</failure>")
                .contains("<testsuite name=\"fleetsim.dead\" tests=\"4\" failures=\"3\"")
                .doesNotContain("null").doesNotContain("NaN");
    }

    @Test
    void compareShowsNoDataForARatioWithNoSamples() throws IOException {
        Path baseline = dir.resolve("baseline");
        Path current = dir.resolve("current");
        Files.createDirectories(baseline);
        Files.createDirectories(current);
        ResultsFixture.completeRun(baseline, "dead");
        deadTargetRun(current);
        Files.writeString(current.resolve(ResultsDirectory.SUMMARY_FILE),
                Files.readString(current.resolve(ResultsDirectory.SUMMARY_FILE))
                        .replace("\"successRatio\": 0.0", "\"successRatio\": null"));

        ComparisonResult result = Comparison.compare(baseline, current, java.util.List.<RegressionLimit>of());

        assertThat(result.metrics()).filteredOn(m -> m.metric() == ComparedMetric.SUCCESS_RATIO)
                .singleElement().extracting(MetricComparison::describe)
                .isEqualTo("Registration success ratio (successRatio): 98.04 % -> no data");
    }

    /** What fleetsim writes for the quickstart against a port where nothing listens. */
    private static void deadTargetRun(Path dir) throws IOException {
        ResultsFixture fixture = new ResultsFixture(dir);
        fixture.summary("""
                {
                  "format": 1,
                  "tool": "fleetsim 0.1.0",
                  "complete": true,
                  "aborted": false,
                  "scenario": { "name": "dead", "file": "scenarios/dead.yaml" },
                  "startedAt": "2026-11-22T01:00:00Z",
                  "timeScale": 1.0,
                  "target": { "uri": "coap://127.0.0.1:9", "embedded": false },
                  "durationSeconds": { "simulated": 10.0, "wall": 40.1 },
                  "devices": { "planned": 200, "started": 200, "registered": 0, "registeredAtEnd": 0,
                    "allRegisteredAtSeconds": null },
                  "registration": {
                    "attempts": 200, "successes": 0, "unfinished": 200, "successRatio": 0.0,
                    "latencyMs": { "count": 0, "min": null, "p50": null, "p90": null, "p99": null, "p999": null, "max": null, "mean": null },
                    "serviceTimeMs": { "count": 0, "min": null, "p50": null, "p90": null, "p99": null, "p999": null, "max": null, "mean": null },
                    "failures": {}
                  },
                  "update": {
                    "attempts": 0, "successes": 0, "unfinished": 0, "successRatio": null,
                    "latencyMs": { "count": 0, "min": null, "p50": null, "p90": null, "p99": null, "p999": null, "max": null, "mean": null },
                    "failures": {}
                  },
                  "deregistration": { "count": 0, "unfinished": 0, "successRatio": null, "failures": {} },
                  "messages": {
                    "sent": { "CON": 1000, "NON": 0, "ACK": 0, "RST": 0 },
                    "received": { "CON": 0, "NON": 0, "ACK": 0, "RST": 0 }
                  },
                  "retransmissions": 800,
                  "thresholds": [
                    { "expression": "registration.p99 < 500ms", "metric": "registration.p99",
                      "comparator": "<", "limit": 500.0, "observed": null, "pass": true },
                    { "expression": "registration.successRatio >= 99.9%", "metric": "registration.successRatio",
                      "comparator": ">=", "limit": 0.999, "observed": 0.0, "pass": false },
                    { "expression": "devices.registeredAtEnd >= 200", "metric": "devices.registeredAtEnd",
                      "comparator": ">=", "limit": 200.0, "observed": 0.0, "pass": false }
                  ],
                  "verdict": "fail"
                }
                """);
        fixture.timeline(ResultsFixture.TIMELINE_HEADER + "\n1.0,1.0,200,0,0,0,0,0,0,0,200,0\n");
    }

    private static String row(String label, String value) {
        return "<tr><td>" + label + "</td><td class=\"num\">" + value + "</td></tr>";
    }
}
