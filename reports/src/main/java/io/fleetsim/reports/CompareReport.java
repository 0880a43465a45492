package io.fleetsim.reports;

import io.pebbletemplates.pebble.template.PebbleTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Renders a {@link ComparisonResult} into one self-contained, offline HTML page: both runs'
 * figures side by side with absolute and relative deltas, regressions in red, and both runs'
 * registration latency distributions on one chart (Chart.js inlined, as in {@link HtmlReport}).
 */
public final class CompareReport {

    /** A file name for the comparison page, for callers that need a default. */
    public static final String DEFAULT_FILE = "comparison.html";

    private static final Logger LOG = LoggerFactory.getLogger(CompareReport.class);
    private static final PebbleTemplate PAGE = Templates.compile("io/fleetsim/reports/compare.peb");

    private CompareReport() {
    }

    /**
     * Writes the comparison page to {@code outFile}, replacing an older one.
     *
     * @return {@code outFile}
     * @throws UncheckedIOException when the file cannot be written
     */
    public static Path writeHtml(ComparisonResult result, Path outFile) {
        ReportFiles.writeReplacing(outFile, html(result));
        LOG.info("Comparison written to {}", outFile);
        return outFile;
    }

    /** The comparison page as an HTML string, without writing anything. */
    public static String html(ComparisonResult result) {
        return Templates.render(PAGE, ComparisonContext.of(result));
    }
}
