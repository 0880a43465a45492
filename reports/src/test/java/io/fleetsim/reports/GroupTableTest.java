package io.fleetsim.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report breaks the fleet down by device group when the summary has the groups. */
class GroupTableTest {

    @TempDir
    Path dir;

    @Test
    void eachGroupGetsARowWithItsTransportAndFigures() throws Exception {
        ResultsFixture fixture = ResultsFixture.completeRun(dir, "mixed");
        String summary = ResultsFixture.summaryJson(1, "mixed", true, "pass", "").trim();
        fixture.summary(summary.substring(0, summary.length() - 1) + """
                ,
                  "groups": [
                    {"name": "meters", "transport": "udp", "planned": 150, "started": 150, "registered": 149,
                     "registeredAtEnd": 148, "registrationFailures": 7, "registrationGaveUp": 2, "reconnects": 31, "reachability": 0.91234},
                    {"name": "gateways", "transport": "tls", "planned": 50, "started": 50, "registered": 50,
                     "registeredAtEnd": 50, "registrationFailures": 0}
                  ]
                }
                """);

        String html = HtmlReport.html(dir);

        assertThat(html).contains("<td>meters</td><td>udp</td><td class=\"num\">150</td><td class=\"num\">150</td>"
                + "<td class=\"num\">149</td><td class=\"num\">148</td><td class=\"num\">7</td><td class=\"num\">2</td>"
                + "<td class=\"num\">31</td><td class=\"num\">91.23 %</td>");
        assertThat(html).as("a summary written before groups had give-ups, reconnects and reachability")
                .contains("<td class=\"num\">0</td><td class=\"num\">-</td><td class=\"num\">-</td>"
                        + "<td class=\"num\">-</td></tr>");
        assertThat(html).contains("<th>Registration failures</th><th>Gave up</th>");
        assertThat(html).contains("<td>gateways</td><td>tls</td>");
        assertThat(html).doesNotContain("No per-group figures");
    }

    @Test
    void aRunWhoseSimulatorFellBehindSaysSoAtTheTop() throws Exception {
        ResultsFixture fixture = ResultsFixture.completeRun(dir, "late");
        String summary = ResultsFixture.summaryJson(1, "late", true, "pass", "").trim();
        fixture.summary(summary.substring(0, summary.length() - 1)
                + ", \"clock\": {\"simulatedLagP99Ms\": 4800.0, \"behind\": true}}");

        assertThat(HtmlReport.html(dir)).contains("The simulator fell behind its clock").contains("4800.0 ms");
    }

    @Test
    void aSummaryWithoutGroupsSaysSo() throws Exception {
        ResultsFixture.completeRun(dir, "old");

        assertThat(HtmlReport.html(dir)).contains("No per-group figures");
    }
}
