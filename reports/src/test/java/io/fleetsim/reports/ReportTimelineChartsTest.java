package io.fleetsim.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The charts made of timeline.csv: rates per simulated second and the simulator's own cost. */
class ReportTimelineChartsTest {

    private static final Pattern DATA_BLOCK = Pattern.compile(
            "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void ratesArePerSimulatedSecondWhateverThePeriodLength() throws IOException {
        ResultsFixture fixture = ResultsFixture.completeRun(dir, "scaled");
        // time scale 60: each one-second period spans 60 simulated seconds
        fixture.timeline(ResultsFixture.TIMELINE_HEADER_WITH_PROCESS + "\n"
                + "60.0,1.0,200,100,600,6,0,0,0,0,700,690,31,180.5\n"
                + "120.0,2.0,200,150,300,0,120,3,0,0,420,420,31,181.0\n");

        JsonNode rates = charts(HtmlReport.html(dir)).path("chart-rates-per-second").path("series");

        assertThat(rates.findValuesAsText("label")).containsExactly("Registrations/s", "Registration failures/s",
                "Updates/s", "Update failures/s");
        assertThat(rates.get(0).path("points").toString()).isEqualTo("[{\"x\":60.0,\"y\":10.0},{\"x\":120.0,\"y\":5.0}]");
        assertThat(rates.get(1).path("points").toString()).isEqualTo("[{\"x\":60.0,\"y\":0.1},{\"x\":120.0,\"y\":0.0}]");
        assertThat(rates.get(2).path("points").get(1).path("y").asDouble()).isEqualTo(2.0);
        assertThat(HtmlReport.html(dir)).contains("<h3 class=\"chart-title\">Registrations, updates, failures and notifications per second</h3>");
    }

    @Test
    void simulatorCostShowsThreadsAndResidentMemoryOverTime() throws IOException {
        ResultsFixture.completeRun(dir, "quickstart");

        String html = HtmlReport.html(dir);
        JsonNode cost = charts(html).path("chart-simulator-cost").path("series");

        assertThat(html).contains("<h3 class=\"chart-title\">Simulator cost over time</h3>").contains("<canvas id=\"chart-simulator-cost\"");
        assertThat(cost.findValuesAsText("key")).containsExactly("threads", "rssMb");
        assertThat(cost.get(0).path("points").toString())
                .isEqualTo("[{\"x\":1.0,\"y\":31.0},{\"x\":2.0,\"y\":33.0},{\"x\":3.0,\"y\":33.0}]");
        assertThat(cost.get(1).path("points").get(2).toString()).isEqualTo("{\"x\":3.0,\"y\":204.2}");
    }

    @Test
    void unknownResidentMemoryIsLeftOutAndOldTimelinesSayTheyHaveNoCostColumns() throws IOException {
        ResultsFixture fixture = ResultsFixture.completeRun(dir, "quickstart");
        fixture.timeline(ResultsFixture.TIMELINE_HEADER_WITH_PROCESS + "\n1.0,1.0,1,1,1,0,0,0,0,0,2,2,30,-1.0\n");
        assertThat(charts(HtmlReport.html(dir)).path("chart-simulator-cost").findValuesAsText("key"))
                .containsExactly("threads");

        fixture.timeline(ResultsFixture.TIMELINE_HEADER + "\n1.0,1.0,1,1,1,0,0,0,0,0,2,2\n");
        String html = HtmlReport.html(dir);
        assertThat(html).contains("No data: timeline.csv has no threads or rssMb columns.")
                .doesNotContain("<canvas id=\"chart-simulator-cost\"");
        assertThat(charts(html).has("chart-simulator-cost")).isFalse();
    }

    private static JsonNode charts(String html) throws IOException {
        Matcher block = DATA_BLOCK.matcher(html);
        assertThat(block.find()).as("JSON data block").isTrue();
        return new ObjectMapper().readTree(block.group(1)).path("charts");
    }
}
