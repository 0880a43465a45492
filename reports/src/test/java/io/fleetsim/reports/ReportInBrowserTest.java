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

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens report.html in headless Chromium: every chart that has data must be drawn and no script
 * may fail. A screenshot is left in {@code target/report-screenshots/} for people to look at.
 * Skipped, saying so, on a machine without Chromium ({@code .ci/run} installs it).
 */
@Timeout(180)
class ReportInBrowserTest {

    private static final Pattern BODY = Pattern.compile("<body([^>]*)>");
    private static final Path SCREENSHOTS = Path.of("target", "report-screenshots");

    private static HeadlessChromium chromium;

    @TempDir
    Path dir;

    @BeforeAll
    static void findChromium() {
        Optional<HeadlessChromium> found = HeadlessChromium.find();
        assumeTrue(found.isPresent(), "Chromium not found (looked at " + HeadlessChromium.searched()
                + "); install the Debian package chromium to run the browser test of the report");
        chromium = found.get();
    }

    @Test
    void everyChartWithDataIsDrawnWithoutScriptErrors() throws Exception {
        Path results = Files.createDirectory(dir.resolve("quickstart"));
        ResultsFixture.completeRun(results, "quickstart");
        Path report = HtmlReport.render(results);
        int canvases = count(Files.readString(report, StandardCharsets.UTF_8), "<canvas id=\"");

        String body = body(chromium.dumpDom(report, dir));
        chromium.screenshot(report, SCREENSHOTS.resolve("report.png"), 1200, 4200, dir);

        assertThat(canvases).as("the fixture has data for every chart").isEqualTo(6);
        assertThat(attribute(body, "data-script-errors")).as("script errors").isEmpty();
        assertThat(attribute(body, "data-charts-rendered")).as("charts drawn").isEqualTo(Integer.toString(canvases));
        assertThat(SCREENSHOTS.resolve("report.png")).isNotEmptyFile();
    }

    @Test
    void aKilledRunsReportDrawsTheChartsItHasData() throws Exception {
        Path killed = Files.createDirectory(dir.resolve("killed"));
        new ResultsFixture(killed).histograms(2);
        Path report = HtmlReport.render(killed);

        String body = body(chromium.dumpDom(report, dir));

        assertThat(attribute(body, "data-script-errors")).isEmpty();
        assertThat(attribute(body, "data-charts-rendered")).isEqualTo("2");
    }

    @Test
    void aBrokenChartShowsUpAsAScriptError() throws Exception {
        Path results = Files.createDirectory(dir.resolve("broken"));
        ResultsFixture.completeRun(results, "quickstart");
        Path report = HtmlReport.render(results);
        // the test of the test: an error in the page's script must not pass unnoticed
        String html = Files.readString(report, StandardCharsets.UTF_8)
                .replace("var drawn = drawCharts(data, builders);", "var drawn = drawCharts(data, builders); undefinedCall();");
        Files.writeString(report, html, StandardCharsets.UTF_8);

        String body = body(chromium.dumpDom(report, dir));

        assertThat(attribute(body, "data-script-errors")).contains("undefinedCall");
    }

    private static String body(String dom) {
        Matcher m = BODY.matcher(dom);
        assertThat(m.find()).as("a <body> in the dumped DOM:\n" + dom).isTrue();
        return m.group(1);
    }

    private static String attribute(String bodyAttributes, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(bodyAttributes);
        assertThat(m.find()).as(name + " on <body" + bodyAttributes + ">").isTrue();
        return m.group(1);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
