package io.fleetsim.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fleetsim.resultsformat.HistogramTag;

/** The report of a DTLS run behind a NAT: reachability, NAT churn, reconnects, probes, handshakes, traffic. */
class NatDtlsReportTest {

    private static final Pattern DATA_BLOCK = Pattern.compile(
            "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void summaryBlocksAreRead() throws IOException {
        ResultsFixture.natDtlsRun(dir);

        RunSummary summary = ResultsDirectory.read(dir).summary().orElseThrow();

        assertThat(summary.wasAborted()).isFalse();
        assertThat(summary.reachability().exact()).isEqualTo(0.62);
        assertThat(summary.reachability().probeLatencyMs().p99()).isEqualTo(248.0);
        assertThat(summary.reconnect().detectMs().count()).isEqualTo(90L);
        assertThat(summary.handshake().failures()).containsEntry("timeout:flight-5", 3L);
        assertThat(summary.nat().dropped()).containsEntry("deadMapping", 12L);
        assertThat(summary.traffic().kinds()).containsOnlyKeys("registration", "update", "keepalive", "data",
                "handshake");
        assertThat(summary.tls().failures()).containsEntry("untrusted-certificate", 1L);
        assertThat(summary.radio().activeSecondsPerDeviceDay()).isEqualTo(40080.0);
        assertThat(summary.connections().connectMs().p99()).isEqualTo(31.0);
        assertThat(summary.deregistration().failures()).containsEntry("timeout", 2L);
        assertThat(summary.dtls().reconnects()).isEqualTo(120L);
        assertThat(summary.keepalive().pingFailures()).isEqualTo(3L);
    }

    @Test
    void headlineFiguresLeadTheSummaryTable() throws IOException {
        ResultsFixture.natDtlsRun(dir);

        String html = HtmlReport.html(dir);

        assertThat(html).contains(row("Reachability (exact)", "62.00 % (6.2 of 10 device-hours)"))
                .contains(row("Reachability (probed)",
                        "61.00 % (488 of 800 probes answered on first transmission, 0 skipped)"))
                .contains(row("Reconnect after a NAT break", "p50 90 s, p99 149 s, max 150 s (363 breaks)"))
                .contains(row("NAT break to first step back", "p50 15 s, p99 30 s, max 30 s (90 breaks)"))
                .contains(row("NAT expiries / rebindings",
                        "120 / 120 (12 / 12 per device-hour), 320 mappings made, 0 flushed"))
                .contains(row("NAT packets dropped", "12 (deadMapping 12)"))
                .contains(row("Stale TCP connections", "7 given up behind a dead mapping and left half-open on the"
                        + " server (their close could not pass the NAT)"))
                .contains(row("DTLS handshakes", "200 established, 4 failed, p99 49.9 ms"))
                .contains(row("Keepalive pings", "200 sent, 3 unanswered, 3 registrations after a broken path"))
                .contains(row("TLS handshakes", "6 established (3 resumed), 1 failed (untrusted-certificate 1)"))
                .contains(row("TCP/TLS connects", "p50 9 ms, p99 31 ms, max 31 ms (6 connects)"))
                .contains(row("Traffic per device-hour", "366.5 messages, 17,340 bytes (both directions)"))
                .contains(row("Radio on per device-day",
                        "11.1 h (46.4 % of the day; 9,516 transmissions per device-day, lte-m with a 10 s tail)"))
                .contains(row("CPU by side", "simulator 12.5 s (31 %), server 19 s (48 %), JIT 4 s (10 %), GC 1 s (3 %),"
                        + " other 0.5 s (1 %) of 40 core-seconds (2 cores, 20 s); busiest thread"
                        + " fleetsim-server-vert.x-eventloop-thread-0 (server) 98 % of the wall time"));
        assertThat(html.indexOf("<td>Reachability (exact)</td>")).isLessThan(html.indexOf("<td>Devices planned</td>"));
    }

    @Test
    void latencyTableHasTheNewTags() throws IOException {
        ResultsFixture.natDtlsRun(dir);

        String html = HtmlReport.html(dir);

        // handshake 10..50 ms, three times; probe 50..250 ms, three times
        assertThat(html).contains("<tr><td>DTLS handshake</td><td class=\"num\">123</td><td class=\"num\">30</td>")
                .contains("<tr><td>Reachability probe</td><td class=\"num\">603</td><td class=\"num\">150</td>")
                .contains("<tr><td>Reconnect after a NAT break</td><td class=\"num\">363</td>")
                .contains("<tr><td>NAT break to first step back</td><td class=\"num\">90</td>");
    }

    @Test
    void registeredAndReachableDevicesAreDrawnTogether() throws IOException {
        ResultsFixture.natDtlsRun(dir);

        JsonNode series = charts(HtmlReport.html(dir)).path(ChartData.REGISTERED).path("series");

        assertThat(series.findValuesAsText("label")).containsExactly("Started", "Registered", "Reachable");
        assertThat(series.get(2).path("points").toString())
                .isEqualTo("[{\"x\":60.0,\"y\":140.0},{\"x\":120.0,\"y\":110.0},{\"x\":180.0,\"y\":124.0}]");
    }

    @Test
    void natChartHasExpiriesAndRebindingsPerSecondAndMappingsAlive() throws IOException {
        ResultsFixture.natDtlsRun(dir);

        JsonNode series = charts(HtmlReport.html(dir)).path(ChartData.NAT).path("series");

        assertThat(series.findValuesAsText("key")).containsExactly("natExpiries", "natRebindings", "mappingsAlive");
        assertThat(series.get(0).path("points").toString())
                .isEqualTo("[{\"x\":60.0,\"y\":0.0},{\"x\":120.0,\"y\":1.5},{\"x\":180.0,\"y\":0.5}]");
        assertThat(series.get(1).path("points").get(2).toString()).isEqualTo("{\"x\":180.0,\"y\":1.0}");
        assertThat(series.get(2).path("points").toString())
                .isEqualTo("[{\"x\":60.0,\"y\":150.0},{\"x\":120.0,\"y\":120.0},{\"x\":180.0,\"y\":180.0}]");
    }

    @Test
    void reconnectProbeAndHandshakeDistributionsUseThePercentileAxis() throws IOException {
        ResultsFixture.natDtlsRun(dir);

        JsonNode charts = charts(HtmlReport.html(dir));

        JsonNode reconnect = charts.path(ChartData.RECONNECT).path("series");
        assertThat(reconnect.findValuesAsText("key")).containsExactly("reconnect", "reconnect.detect");
        assertThat(lastY(reconnect.get(0))).isCloseTo(150_000.0, within(150.0));
        assertThat(lastY(reconnect.get(1))).isCloseTo(30_000.0, within(30.0));
        assertThat(reconnect.get(0).path("points").get(0).path("x").asDouble()).as("0 %% at x = 1").isEqualTo(1.0);
        assertThat(lastY(charts.path(ChartData.HANDSHAKE).path("series").get(0))).isCloseTo(50.0, within(0.1));
        assertThat(lastY(charts.path(ChartData.PROBE).path("series").get(0))).isCloseTo(250.0, within(0.3));
        String html = HtmlReport.html(dir);
        assertThat(html).contains("\"chart-reconnect-percentiles\": percentileChart")
                .contains("\"chart-handshake-percentiles\": percentileChart")
                .contains("\"chart-probe-percentiles\": percentileChart");
    }

    @Test
    void trafficBarsArePerDeviceHourByKind() throws IOException {
        ResultsFixture.natDtlsRun(dir);

        JsonNode traffic = charts(HtmlReport.html(dir)).path(ChartData.TRAFFIC);

        assertThat(traffic.path("labels").toString())
                .isEqualTo("[\"registration\",\"update\",\"keepalive\",\"data\",\"handshake\"]");
        assertThat(traffic.path("sets").findValuesAsText("key")).containsExactly("messagesPerDeviceHour",
                "bytesPerDeviceHour");
        assertThat(traffic.path("sets").get(0).path("values").toString()).isEqualTo("[60.0,8.0,39.7,128.8,130.0]");
        assertThat(traffic.path("sets").get(1).path("values").toString()).isEqualTo("[2240.0,200.0,158.8,1740.8,13000.0]");
    }

    @Test
    void failuresOfEveryOperationShareOneChart() throws IOException {
        ResultsFixture.natDtlsRun(dir);

        JsonNode failures = charts(HtmlReport.html(dir)).path(ChartData.FAILURES);

        assertThat(failures.path("labels").toString()).isEqualTo("[\"registration: handshake\","
                + "\"deregistration: timeout\",\"handshake: alert-received:handshake_failure\","
                + "\"handshake: timeout:flight-5\",\"tls handshake: untrusted-certificate\","
                + "\"connection lost: pong-timeout\"]");
        assertThat(failures.path("values").toString()).isEqualTo("[4,2,1,3,1,2]");
    }

    @Test
    void everyChartHasData() throws IOException {
        ResultsFixture.natDtlsRun(dir);

        String html = HtmlReport.html(dir);

        assertThat(charts(html).size()).isEqualTo(11);
        assertThat(html.split("<canvas id=\"", -1)).hasSize(12);
        assertThat(html).doesNotContain("Not measured in this run").doesNotContain("not measured in this run");
    }

    @Test
    void anAbortedRunSaysSoPlainly() throws IOException {
        ResultsFixture fixture = ResultsFixture.natDtlsRun(dir);
        fixture.summary(ResultsFixture.natDtlsSummaryJson(true, "SIGTERM"));

        String html = HtmlReport.html(dir);

        assertThat(html).contains("<p class=\"note\">This run was aborted by SIGTERM (aborted: true in summary.json):"
                        + " it was stopped early, so its figures cover only the part that ran.</p>")
                .contains(row("Aborted", "yes, by SIGTERM: the figures cover the part that ran"));
        assertThat(html.indexOf("This run was aborted")).isLessThan(html.indexOf("<section id=\"thresholds\""));
    }

    @Test
    void allHandshakesFailingSaysHowManyInsteadOfNotMeasured() throws IOException {
        ResultsFixture fixture = ResultsFixture.natDtlsRun(dir);
        fixture.histograms(1, java.util.Map.of(HistogramTag.REGISTRATION.wireName(), java.util.List.of(1000L)));

        String html = HtmlReport.html(dir);

        assertThat(html).contains("No DTLS handshake succeeded; 4 failed (see failures by cause).")
                .doesNotContain("<canvas id=\"chart-handshake-percentiles\"");
    }

    private static String row(String label, String value) {
        return "<tr class=\"headline\"><td>" + label + "</td><td class=\"num\">" + value + "</td></tr>";
    }

    private static double lastY(JsonNode series) {
        JsonNode points = series.path("points");
        return points.get(points.size() - 1).path("y").asDouble();
    }

    private static JsonNode charts(String html) throws IOException {
        Matcher block = DATA_BLOCK.matcher(html);
        assertThat(block.find()).as("JSON data block").isTrue();
        return new ObjectMapper().readTree(block.group(1)).path("charts");
    }
}
