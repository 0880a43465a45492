package io.fleetsim.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the report shows of a capacity run: the load stages' plan beside the registered devices, the
 * embedded server's registration limit beside the devices' blocked registrations, notifications per
 * second and the server requests the devices served, and a clustered run's agents.
 */
@Timeout(120)
class CapacityReportTest {

    private static final Pattern DATA_BLOCK = Pattern.compile(
            "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL);
    private static final Pattern BODY = Pattern.compile("<body([^>]*)>");
    /** The timeline columns fleetsim writes now, notifications last. */
    static final String TIMELINE_HEADER_WITH_NOTIFICATIONS = ResultsFixture.TIMELINE_HEADER_WITH_NAT
            + ",reconnects,notifications,notificationsLost";

    @TempDir
    Path dir;

    /**
     * A staged run of 200 devices at time scale 10 (periods of 10 simulated seconds): up to 200 over
     * 20 s, hold for 10 s, down to 50 over 10 s; a third stage of 60 s the run did not reach.
     * Notifications from 20 s on, one CON of them lost in the last period.
     */
    static ResultsFixture capacityRun(Path dir, String extraSections) throws IOException {
        ResultsFixture fixture = ResultsFixture.completeRun(dir, "capacity");
        String summary = ResultsFixture.summaryJson(1, "capacity", true, "pass", "\"blocked\": 12").trim();
        fixture.summary(summary.substring(0, summary.length() - 1) + ",\n" + extraSections + "\n}\n");
        fixture.timeline(TIMELINE_HEADER_WITH_NOTIFICATIONS + "\n"
                + "10.0,1.0,100,90,90,0,0,0,0,0,100,100,31,180.0,0,90,1.0,0,0,0,100,100,0,0,0\n"
                + "20.0,2.0,200,180,90,0,0,0,0,0,100,100,31,180.0,0,180,1.0,0,0,0,100,100,0,50,0\n"
                + "30.0,3.0,200,200,20,0,0,0,0,0,100,100,31,180.0,0,200,1.0,0,0,0,100,100,0,400,0\n"
                + "40.0,4.0,200,60,0,0,0,0,140,0,100,100,31,180.0,0,60,1.0,0,0,0,100,100,0,200,1\n");
        return fixture;
    }

    static final String STAGES = """
              "arrival": {
                "plan": [ {"atSeconds": 0.0, "devices": 0.0}, {"atSeconds": 20.0, "devices": 200.0},
                          {"atSeconds": 30.0, "devices": 200.0}, {"atSeconds": 40.0, "devices": 50.0},
                          {"atSeconds": 100.0, "devices": 20.0} ],
                "stages": [ {"stage": "1", "endSeconds": 20.0, "devices": 200.0, "registered": 180},
                            {"stage": "2", "endSeconds": 30.0, "devices": 200.0, "registered": 200},
                            {"stage": "3", "endSeconds": 40.0, "devices": 50.0, "registered": 60},
                            {"stage": "4", "endSeconds": 100.0, "devices": 20.0, "registered": null} ] }""";
    static final String LIMIT = """
              "server": { "registrationLimit": { "blockedDevices": 4, "blocks": 5, "refused": 12, "ignored": 0 } }""";
    static final String REQUESTS = """
              "serverRequests": { "read": 3, "notFound": 0, "methodNotAllowed": 2, "badRequest": 0, "write": 0,
                "execute": 0, "discover": 0, "writeAttributes": 10, "create": 0, "delete": 0, "observe": 10,
                "observeCancel": 0, "reboots": 0 },
              "notifications": { "sent": { "CON": 65, "NON": 585 }, "acknowledged": 64, "lost": 1,
                "latencyMs": { "count": 64, "min": 0.4, "p50": 1.2, "p90": 2.0, "p99": 4.1, "p999": 6.0, "max": 6.0, "mean": 1.3 },
                "observations": { "started": 10, "ended": 1, "resetByServer": 0, "activeAtEnd": 9 } }""";
    static final String NOTHING_SERVED = """
              "serverRequests": { "read": 0, "notFound": 0, "methodNotAllowed": 0, "badRequest": 0, "write": 0,
                "execute": 0, "discover": 0, "writeAttributes": 0, "create": 0, "delete": 0, "observe": 0,
                "observeCancel": 0, "reboots": 0 },
              "notifications": { "sent": { "CON": 0, "NON": 0 }, "acknowledged": 0, "lost": 0,
                "latencyMs": { "count": 0, "min": null, "p50": null, "p90": null, "p99": null, "p999": null, "max": null, "mean": null },
                "observations": { "started": 0, "ended": 0, "resetByServer": 0, "activeAtEnd": 0 } }""";
    static final String CLUSTER = """
              "cluster": { "agents": [
                  { "name": "agent-1", "node": "n1", "host": "10.0.0.11", "devices": 100, "started": 100,
                    "registered": 100, "registeredAtEnd": 100, "clockOffsetMs": 3, "roundTripMs": 1.5,
                    "left": false, "leftAtSeconds": null },
                  { "name": "agent-2", "node": "n2", "host": "10.0.0.12", "devices": 100, "started": 100,
                    "registered": 98, "registeredAtEnd": 0, "clockOffsetMs": -12, "roundTripMs": 2.25,
                    "left": true, "leftAtSeconds": 31.5 } ],
                "devicesLost": 100, "clockOffsetBoundMs": 50 }""";

    @Test
    void thePlanIsDrawnDashedBesideTheRegisteredDevicesAndComparedAtEachStageEnd() throws IOException {
        capacityRun(dir, STAGES);

        String html = HtmlReport.html(dir);
        JsonNode lines = charts(html).path(ChartData.REGISTERED).path("series");

        JsonNode plan = lines.get(lines.size() - 1);
        assertThat(plan.path("key").asText()).isEqualTo("plan");
        assertThat(plan.path("points").toString()).isEqualTo("[{\"x\":0.0,\"y\":0.0},{\"x\":20.0,\"y\":200.0},"
                + "{\"x\":30.0,\"y\":200.0},{\"x\":40.0,\"y\":50.0},{\"x\":100.0,\"y\":20.0}]");
        assertThat(lines.findValuesAsText("key")).contains("registered", "started");
        assertThat(html).contains("s.key === \"plan\"").contains("borderDash: [8, 4]");
        assertThat(html).contains("<h2>Load stages: planned and registered</h2>");
        assertThat(html).as("stage 1: 180 registered of 200 planned at 20 s")
                .contains("<tr><td>1</td><td class=\"num\">20 s</td><td class=\"num\">200</td>"
                        + "<td class=\"num\">180</td><td class=\"num\">-10.0 %</td></tr>");
        assertThat(html).contains("<tr><td>2</td><td class=\"num\">30 s</td><td class=\"num\">200</td>"
                + "<td class=\"num\">200</td><td class=\"num\">+0.0 %</td></tr>");
        assertThat(html).contains("<tr><td>3</td><td class=\"num\">40 s</td><td class=\"num\">50</td>"
                + "<td class=\"num\">60</td><td class=\"num\">+20.0 %</td></tr>");
        assertThat(html).as("the run stopped at 40 s")
                .contains("<tr><td>4</td><td class=\"num\">100 s</td><td class=\"num\">20</td>"
                        + "<td class=\"num\">not reached</td><td class=\"num\">-</td></tr>");
    }

    @Test
    void aRunWithoutStagesHasNeitherPlanNorStageTable() throws IOException {
        capacityRun(dir, LIMIT);

        String html = HtmlReport.html(dir);

        assertThat(charts(html).path(ChartData.REGISTERED).findValuesAsText("key")).doesNotContain("plan");
        assertThat(html).doesNotContain("id=\"load-stages\"");
    }

    @Test
    void theServersRegistrationLimitIsShownBesideTheDevicesBlockedRegistrations() throws IOException {
        capacityRun(dir, LIMIT);

        String html = HtmlReport.html(dir);

        assertThat(html).contains("<h2>Registration limit of the embedded server</h2>")
                .contains("<tr><td>Devices blocked</td><td class=\"num\">4</td></tr>")
                .contains("<tr><td>Blocks (a device blocked again counts again)</td><td class=\"num\">5</td></tr>")
                .contains("<tr><td>Registers refused</td><td class=\"num\">12</td></tr>")
                .contains("<tr><td>Registers dropped without an answer</td><td class=\"num\">0</td></tr>")
                .contains("<tr><td>Registrations failed as blocked (device side)</td><td class=\"num\">12</td></tr>");

        capacityRun(dir, STAGES);
        assertThat(HtmlReport.html(dir)).as("no registration limit").doesNotContain("id=\"registration-limit\"");
    }

    @Test
    void notificationsPerSecondAreOnTheRatesChartAndTheServedOperationsInATable() throws IOException {
        capacityRun(dir, REQUESTS);

        String html = HtmlReport.html(dir);
        JsonNode rates = charts(html).path(ChartData.RATES).path("series");

        assertThat(rates.findValuesAsText("label")).contains("Notifications/s", "Lost notifications/s");
        JsonNode notifications = rates.get(rates.findValuesAsText("key").indexOf("notifications"));
        assertThat(notifications.path("points").toString()).as("per simulated second, periods of 10 s")
                .isEqualTo("[{\"x\":10.0,\"y\":0.0},{\"x\":20.0,\"y\":5.0},{\"x\":30.0,\"y\":40.0},{\"x\":40.0,\"y\":20.0}]");
        assertThat(html).contains("<h2>Server requests and notifications</h2>")
                .contains("<tr><td>Read</td><td class=\"num\">3</td></tr>")
                .contains("<tr><td>Write-Attributes</td><td class=\"num\">10</td></tr>")
                .contains("<tr><td>Observe (started an observation)</td><td class=\"num\">10</td></tr>")
                .contains("<tr><td>Answered 4.05 Method Not Allowed</td><td class=\"num\">2</td></tr>");
        assertThat(html).as("operations that never happened are left out")
                .doesNotContain("<td>Write</td>").doesNotContain("<td>Execute</td>").doesNotContain("4.04 Not Found");
        assertThat(html).contains("<tr><td>Notifications sent, CON</td><td class=\"num\">65</td></tr>")
                .contains("<tr><td>Notifications sent, NON</td><td class=\"num\">585</td></tr>")
                .contains("<tr><td>CON notifications acknowledged</td><td class=\"num\">64</td></tr>")
                .contains("<tr><td>CON notifications lost (no ACK after all retransmissions)</td><td class=\"num\">1</td></tr>")
                .contains("<td class=\"num\">1.2 ms / 2 ms / 4.1 ms / 6 ms</td>")
                .contains("<tr><td>Observations active at the end</td><td class=\"num\">9</td></tr>");
    }

    @Test
    void aRunWhereTheServerAskedNothingHasNoRequestSectionAndNoNotificationLine() throws IOException {
        ResultsFixture fixture = capacityRun(dir, NOTHING_SERVED);
        fixture.timeline(TIMELINE_HEADER_WITH_NOTIFICATIONS + "\n"
                + "10.0,1.0,100,90,90,0,0,0,0,0,100,100,31,180.0,0,90,1.0,0,0,0,100,100,0,0,0\n");

        String html = HtmlReport.html(dir);

        assertThat(html).doesNotContain("id=\"server-requests\"");
        assertThat(charts(html).path(ChartData.RATES).findValuesAsText("key")).doesNotContain("notifications");
    }

    @Test
    void aClusteredRunShowsEachAgentAndASingleProcessRunNone() throws IOException {
        capacityRun(dir, CLUSTER);

        String html = HtmlReport.html(dir);

        assertThat(html).contains("<h2>Cluster agents</h2>")
                .contains("<tr><td>agent-1</td><td>10.0.0.11</td><td class=\"num\">100</td><td class=\"num\">100</td>"
                        + "<td class=\"num\">100</td><td class=\"num\">100</td><td class=\"num\">3</td>"
                        + "<td class=\"num\">1.5</td><td>no</td></tr>")
                .contains("<tr><td>agent-2</td><td>10.0.0.12</td><td class=\"num\">100</td><td class=\"num\">100</td>"
                        + "<td class=\"num\">98</td><td class=\"num\">0</td><td class=\"num\">-12</td>"
                        + "<td class=\"num\">2.25</td><td>at 31.5 s</td></tr>");

        capacityRun(dir, STAGES);
        assertThat(HtmlReport.html(dir)).doesNotContain("id=\"cluster-agents\"");
    }

    @Test
    void theCapacityChartsAreDrawnInABrowserWithoutScriptErrors() throws Exception {
        Optional<HeadlessChromium> chromium = HeadlessChromium.find();
        assumeTrue(chromium.isPresent(), "Chromium not found (looked at " + HeadlessChromium.searched() + ")");
        Path results = Files.createDirectory(dir.resolve("capacity"));
        capacityRun(results, STAGES + ",\n" + LIMIT + ",\n" + REQUESTS + ",\n" + CLUSTER);
        Path report = HtmlReport.render(results);
        String html = Files.readString(report, StandardCharsets.UTF_8);

        Matcher body = BODY.matcher(chromium.get().dumpDom(report, dir));
        chromium.get().screenshot(report, Path.of("target", "report-screenshots", "report-capacity.png"), 1200, 4200, dir);

        assertThat(body.find()).isTrue();
        assertThat(body.group(1)).contains("data-script-errors=\"\"");
        int canvases = html.split("<canvas id=\"", -1).length - 1;
        assertThat(body.group(1)).contains("data-charts-rendered=\"" + canvases + "\"");
    }

    private static JsonNode charts(String html) throws IOException {
        Matcher block = DATA_BLOCK.matcher(html);
        assertThat(block.find()).as("JSON data block").isTrue();
        return new ObjectMapper().readTree(block.group(1)).path("charts");
    }
}
