package io.fleetsim.reports;

import io.pebbletemplates.pebble.template.PebbleTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Renders a results directory into one self-contained, offline HTML report: summary, thresholds,
 * charts (Chart.js inlined) and the scenario as it was run. The report is a pure function of the
 * directory's files.
 */
public final class HtmlReport {

    /** Name of the report file written into the results directory. */
    public static final String REPORT_FILE = "report.html";

    private static final Logger LOG = LoggerFactory.getLogger(HtmlReport.class);
    private static final String TEMPLATE = "io/fleetsim/reports/report.peb";
    private static final PebbleTemplate PAGE = Templates.compile(TEMPLATE);

    private HtmlReport() {
    }

    /**
     * Reads {@code resultsDir} and writes {@code report.html} into it, replacing an older one.
     *
     * @return the path of the written report
     * @throws ResultsFormatException when the directory cannot be read as results
     * @throws UncheckedIOException   when the report cannot be written
     */
    public static Path render(Path resultsDir) {
        String html = html(ResultsDirectory.read(resultsDir));
        Path report = resultsDir.resolve(REPORT_FILE);
        ReportFiles.writeReplacing(report, html);
        LOG.info("Report written to {}", report);
        return report;
    }

    /** The report of {@code resultsDir} as an HTML string, without writing anything. */
    public static String html(Path resultsDir) {
        return html(ResultsDirectory.read(resultsDir));
    }

    /** The report of results already read, as an HTML string. */
    public static String html(ResultsDirectory results) {
        return Templates.render(PAGE, ReportContext.of(results));
    }
}
