package io.fleetsim.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the report says where a run has nothing to draw: a summary from a fleetsim older than the
 * NAT, DTLS and traffic blocks, and a current run without NAT or DTLS. Never an empty chart.
 */
class ReportNotMeasuredTest {

    @TempDir
    Path dir;

    @Test
    void anOlderSummaryWithoutTheNewBlocksRendersWithNotes() throws IOException {
        ResultsFixture.completeRun(dir, "quickstart");

        String html = HtmlReport.html(dir);

        assertThat(html).contains(NoDataNotes.NO_NAT_COLUMNS)
                .contains(NoDataNotes.NO_RECONNECT.replace("'", "&#39;"))
                .contains(NoDataNotes.NO_PROBE)
                .contains(NoDataNotes.NO_HANDSHAKE)
                .contains(NoDataNotes.NO_TRAFFIC_BLOCK)
                .contains(NoDataNotes.NO_REACHABLE_COLUMN.strip())
                .contains(row("Reachability (exact)", "not measured in this run"))
                .contains(row("Reachability (probed)", "not measured in this run (no probes)"))
                .contains(row("Reconnect after a NAT break", "not measured in this run"))
                .contains(row("DTLS handshakes", "not measured in this run (no DTLS)"))
                .contains(row("Traffic per device-hour", "not measured in this run"))
                .contains(row("CPU by side", "not measured in this run"))
                .doesNotContain("This run was aborted")
                .doesNotContain("<td>Aborted</td>");
        assertThat(html.split("<canvas id=\"", -1)).as("the six charts it has data for").hasSize(7);
    }

    @Test
    void aCurrentRunWithoutNatSaysNoDeviceWasBehindANat() throws IOException {
        ResultsFixture fixture = ResultsFixture.completeRun(dir, "quickstart");
        fixture.timeline(ResultsFixture.TIMELINE_HEADER_WITH_NAT + "\n"
                + "1.0,1.0,100,60,60,0,0,0,0,0,70,68,31,180.5,0,60,1.0,0,0,0,3000,1000\n"
                + "2.0,2.0,200,200,140,0,0,0,0,0,150,150,33,201.0,0,200,1.0,0,0,0,6000,2000\n");

        String html = HtmlReport.html(dir);

        assertThat(html).contains(NoDataNotes.NO_NAT)
                .doesNotContain("<canvas id=\"chart-nat\"")
                .doesNotContain(NoDataNotes.NO_REACHABLE_COLUMN.strip())
                .contains("<canvas id=\"chart-registered-devices\"");
    }

    @Test
    void aKilledRunWithoutTimelineOrSummarySaysWhichFileIsMissing() throws IOException {
        new ResultsFixture(dir).histograms(1);

        String html = HtmlReport.html(dir);

        assertThat(html).contains(NoDataNotes.NO_TIMELINE)
                .contains("<p class=\"no-data\">" + NoDataNotes.NO_SUMMARY + "</p>")
                .contains(NoDataNotes.NO_RECONNECT.replace("'", "&#39;"));
    }

    private static String row(String label, String value) {
        return "<tr class=\"headline\"><td>" + label + "</td><td class=\"num\">" + value + "</td></tr>";
    }
}
