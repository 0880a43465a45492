package io.fleetsim.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fleetsim.resultsformat.Cause;
import io.fleetsim.resultsformat.FailureCause;

/** The report reads every cause the simulator can write and shows it by its name. */
class FailureCauseReportTest {

    private static final Pattern DATA_BLOCK = Pattern.compile(
            "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void everyCauseIsReadAndShownInTheFailuresChart() throws IOException {
        List<Cause> causes = List.of(FailureCause.values()).stream().map(FailureCauseReportTest::sample).toList();
        String failures = causes.stream().map(c -> "\"" + c.wireName() + "\": 1").collect(Collectors.joining(", "));
        ResultsFixture fixture = ResultsFixture.completeRun(dir, "every-cause");
        fixture.summary(ResultsFixture.summaryJson(1, "every-cause", true, "fail", failures));

        RunSummary summary = ResultsDirectory.read(dir).summary().orElseThrow();
        for (String written : summary.registration().failures().keySet()) {
            assertThat(Cause.parse(written)).as("cause %s read back", written).isPresent();
        }
        JsonNode labels = charts(HtmlReport.html(dir)).path(ChartData.FAILURES).path("labels");
        List<String> shown = new ArrayList<>();
        labels.forEach(label -> shown.add(label.asText()));
        assertThat(shown).containsAll(causes.stream().map(c -> "registration: " + c.wireName()).toList());
    }

    private static Cause sample(FailureCause kind) {
        return switch (kind) {
            case ERROR_RESPONSE -> Cause.errorResponse("4.04");
            case FLIGHT_TIMEOUT -> Cause.flightTimeout(5);
            case ALERT_RECEIVED -> kind.with("handshake_failure");
            case ALERT_SENT -> kind.with("bad_certificate");
            default -> kind.cause();
        };
    }

    private static JsonNode charts(String html) throws IOException {
        Matcher block = DATA_BLOCK.matcher(html);
        assertThat(block.find()).as("JSON data block").isTrue();
        return new ObjectMapper().readTree(block.group(1)).path("charts");
    }
}
