package io.fleetsim.reports;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the thresholds of a run as JUnit XML ({@code junit.xml}), so CI servers show each
 * threshold as a test: one {@code <testsuite name="fleetsim.<scenario>">}, a test case
 * {@code run completed} that fails when the run did not complete, and one test case per threshold
 * (class name {@code fleetsim.thresholds}, named by its expression) that fails when the threshold
 * failed. It reads {@code summary.json} alone.
 */
public final class JunitReport {

    /** Name of the file written into the results directory. */
    public static final String JUNIT_FILE = "junit.xml";
    /** Class name of the threshold test cases. */
    public static final String THRESHOLDS_CLASS = "fleetsim.thresholds";
    /** Class name of the {@value #RUN_COMPLETED} test case. */
    public static final String RUN_CLASS = "fleetsim.run";
    /** Name of the test case that fails when {@code complete} is false. */
    public static final String RUN_COMPLETED = "run completed";

    private static final Logger LOG = LoggerFactory.getLogger(JunitReport.class);
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private JunitReport() {
    }

    /**
     * Reads {@code summary.json} of {@code resultsDir} and writes {@code junit.xml} next to it,
     * replacing an older one.
     *
     * @return the path of the written file
     * @throws ResultsFormatException when summary.json is missing or cannot be read
     */
    public static Path write(Path resultsDir) {
        Path summaryFile = resultsDir.resolve(ResultsDirectory.SUMMARY_FILE);
        if (!Files.isRegularFile(summaryFile)) {
            throw new ResultsFormatException(summaryFile + ": not found; JUnit XML is made from the run's summary");
        }
        Path junit = resultsDir.resolve(JUNIT_FILE);
        ReportFiles.writeReplacing(junit, xml(SummaryFile.read(summaryFile)));
        LOG.info("JUnit XML written to {}", junit);
        return junit;
    }

    /** The JUnit XML of a run summary, as a string. */
    public static String xml(RunSummary summary) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter out = XML.createXMLStreamWriter(text);
            out.writeStartDocument("UTF-8", "1.0");
            writeSuite(out, summary);
            out.writeEndDocument();
            out.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write JUnit XML: " + e.getMessage(), e);
        }
        return text.toString() + "\n";
    }

    private static void writeSuite(XMLStreamWriter out, RunSummary summary) throws XMLStreamException {
        List<RunSummary.Threshold> thresholds = summary.thresholds();
        long failures = thresholds.stream().filter(t -> !t.pass()).count() + (summary.complete() ? 0 : 1);
        out.writeCharacters("\n");
        out.writeStartElement("testsuite");
        attribute(out, "name", "fleetsim." + ScenarioName.of(summary));
        attribute(out, "tests", String.valueOf(thresholds.size() + 1));
        attribute(out, "failures", String.valueOf(failures));
        attribute(out, "errors", "0");
        attribute(out, "skipped", "0");
        if (summary.durationSeconds() != null && summary.durationSeconds().wall() != null) {
            attribute(out, "time", Figures.exact(summary.durationSeconds().wall()));
        }
        writeRunCompleted(out, summary.complete());
        for (RunSummary.Threshold threshold : thresholds) {
            writeThreshold(out, threshold);
        }
        out.writeCharacters("\n");
        out.writeEndElement();
        out.writeCharacters("\n");
    }

    private static void writeRunCompleted(XMLStreamWriter out, boolean complete) throws XMLStreamException {
        startTestCase(out, RUN_COMPLETED, RUN_CLASS);
        if (!complete) {
            failure(out, "incomplete-run", "the run did not complete (complete: false in summary.json)",
                    "The run was still going on or was killed; its thresholds were judged on part of the run.");
        }
        out.writeEndElement();
    }

    private static void writeThreshold(XMLStreamWriter out, RunSummary.Threshold threshold)
            throws XMLStreamException {
        String expression = threshold.expression() == null ? String.valueOf(threshold.metric()) : threshold.expression();
        startTestCase(out, expression, THRESHOLDS_CLASS);
        if (!threshold.pass()) {
            String observed = threshold.observed() == null ? ThresholdRow.NO_SAMPLES
                    : "observed " + Figures.exact(threshold.observed());
            String limit = threshold.limit() == null ? "none" : Figures.exact(threshold.limit());
            failure(out, "threshold", observed + ", limit " + limit,
                    "threshold failed: " + expression + " (" + observed + ")");
        }
        out.writeEndElement();
    }

    private static void startTestCase(XMLStreamWriter out, String name, String className) throws XMLStreamException {
        out.writeCharacters("\n  ");
        out.writeStartElement("testcase");
        attribute(out, "name", name);
        attribute(out, "classname", className);
    }

    private static void failure(XMLStreamWriter out, String type, String message, String details)
            throws XMLStreamException {
        out.writeStartElement("failure");
        attribute(out, "message", message);
        attribute(out, "type", type);
        out.writeCharacters(XmlText.sanitized(details));
        out.writeEndElement();
    }

    private static void attribute(XMLStreamWriter out, String name, String value) throws XMLStreamException {
        out.writeAttribute(name, XmlText.sanitized(value));
    }
}
