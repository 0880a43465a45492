package io.fleetsim.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's line on DNS: how many lookups the run made and how many gave a new address. */
class DnsReportTest {

    @TempDir
    Path dir;

    @Test
    void aRunThatLookedNamesUpSaysHowManyGaveANewAddress() throws IOException {
        ResultsFixture fixture = ResultsFixture.completeRun(dir, "quickstart");
        fixture.summary(ResultsFixture.summaryJson(1, "quickstart", true, "fail", "\"timeout\": 3")
                .replace("\"retransmissions\": 7,", "\"retransmissions\": 7,\n"
                        + "  \"dns\": { \"lookups\": 4, \"failures\": 1, \"newAddresses\": 2 },"));

        assertThat(ResultsDirectory.read(dir).summary().orElseThrow().dns())
                .isEqualTo(new SummaryBlocks.Dns(4L, 1L, 2L));
        assertThat(HtmlReport.html(dir)).contains("<tr class=\"headline\"><td>DNS lookups</td><td class=\"num\">"
                + "4 lookups, 2 gave a new address, 1 failed</td></tr>");
    }

    @Test
    void aRunWithoutLookupsHasNoDnsLine() throws IOException {
        ResultsFixture.completeRun(dir, "quickstart");

        assertThat(HtmlReport.html(dir)).doesNotContain("DNS lookups");
    }
}
