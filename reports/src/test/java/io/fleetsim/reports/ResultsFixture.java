package io.fleetsim.reports;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;

/** Writes the files of a results directory for tests, in the shapes docs/results-format.md describes. */
final class ResultsFixture {

    static final String TIMELINE_HEADER =
            "t,wall,started,registered,registrations,registrationFailures,updates,updateFailures,"
                    + "deregistrations,retransmissions,sent,received";
    /** The header fleetsim writes now: the process columns at the end. */
    static final String TIMELINE_HEADER_WITH_PROCESS = TIMELINE_HEADER + ",threads,rssMb";

    private final Path dir;

    ResultsFixture(Path dir) {
        this.dir = dir;
    }

    /** A finished run of {@code scenario} with one passing and one failing threshold. */
    static ResultsFixture completeRun(Path dir, String scenario) throws IOException {
        ResultsFixture fixture = new ResultsFixture(dir);
        fixture.summary(summaryJson(1, scenario, true, "fail", "\"timeout\": 3, \"error-response:4.03\": 1"));
        fixture.histograms(3);
        fixture.timeline(TIMELINE_HEADER_WITH_PROCESS + "\n"
                + "1.0,1.0,100,60,60,2,0,0,0,1,70,68,31,180.5\n"
                + "2.0,2.0,200,150,90,2,10,0,0,0,110,108,33,201.0\n"
                + "3.0,3.0,200,200,50,0,30,0,0,0,85,85,33,204.2\n");
        fixture.scenario("name: " + scenario + "\ndevices: 200\n");
        return fixture;
    }

    static String summaryJson(int format, String scenario, boolean complete, String verdict, String failures) {
        return """
                {
                  "format": %d,
                  "tool": "fleetsim 0.1.0",
                  "complete": %s,
                  "scenario": { "name": "%s", "file": "scenarios/%s.yaml" },
                  "startedAt": "2026-11-22T01:00:00Z",
                  "timeScale": 1.0,
                  "target": { "uri": "coap://127.0.0.1:40123", "embedded": true },
                  "durationSeconds": { "simulated": 60.0, "wall": 60.3 },
                  "devices": { "planned": 200, "started": 200, "registered": 198, "registeredAtEnd": 197 },
                  "registration": {
                    "attempts": 204, "successes": 200, "successRatio": 0.98039,
                    "latencyMs": { "count": 200, "min": 0.4, "p50": 1.2, "p90": 2.0, "p99": 4.1, "p999": 6.0, "max": 6.0, "mean": 1.3 },
                    "serviceTimeMs": { "count": 200, "min": 0.4, "p50": 1.1, "p90": 1.9, "p99": 3.9, "p999": 5.0, "max": 5.0, "mean": 1.2 },
                    "failures": { %s }
                  },
                  "update": {
                    "attempts": 40, "successes": 40, "successRatio": 1.0,
                    "latencyMs": { "count": 40, "min": 0.5, "p50": 1.0, "p90": 1.5, "p99": 2.0, "p999": 2.0, "max": 2.0, "mean": 1.0 },
                    "failures": { "transport": 2 }
                  },
                  "deregistration": { "count": 197, "failures": {} },
                  "serverRequests": { "read": 3, "notFound": 0, "methodNotAllowed": 0 },
                  "messages": {
                    "sent": { "CON": 800, "NON": 0, "ACK": 3, "RST": 0 },
                    "received": { "CON": 3, "NON": 0, "ACK": 800, "RST": 0 }
                  },
                  "retransmissions": 7,
                  "thresholds": [
                    { "expression": "registration.p99 < 500ms", "metric": "registration.p99",
                      "comparator": "<", "limit": 500.0, "observed": 4.1, "pass": true },
                    { "expression": "registration.successRatio >= 0.99", "metric": "registration.successRatio",
                      "comparator": ">=", "limit": 0.99, "observed": 0.98039, "pass": false }
                  ],
                  "verdict": "%s",
                  "someFutureField": { "ignored": true }
                }
                """.formatted(format, complete, scenario, scenario, failures, verdict);
    }

    void summary(String json) throws IOException {
        Files.writeString(dir.resolve(ResultsDirectory.SUMMARY_FILE), json, StandardCharsets.UTF_8);
    }

    void timeline(String csv) throws IOException {
        Files.writeString(dir.resolve(ResultsDirectory.TIMELINE_FILE), csv, StandardCharsets.UTF_8);
    }

    void scenario(String yaml) throws IOException {
        Files.writeString(dir.resolve(ResultsDirectory.SCENARIO_FILE), yaml, StandardCharsets.UTF_8);
    }

    /**
     * Writes {@code intervals} one-second intervals (starting at simulated second 0) with base time 0;
     * in interval i, {@code registration} holds 1..100 ms plus i ms, the service time half of that,
     * and {@code update} a constant 2 ms.
     */
    void histograms(int intervals) throws IOException {
        try (OutputStream file = Files.newOutputStream(dir.resolve(ResultsDirectory.HISTOGRAMS_FILE));
             PrintStream out = new PrintStream(file, true, StandardCharsets.UTF_8)) {
            HistogramLogWriter writer = startLog(out);
            for (int i = 0; i < intervals; i++) {
                long shift = i;
                write(writer, i, HistogramLog.REGISTRATION, millisRange(1 + shift, 100 + shift, 1000L));
                write(writer, i, HistogramLog.REGISTRATION_SERVICE, millisRange(1 + shift, 100 + shift, 500L));
                write(writer, i, HistogramLog.UPDATE, List.of(2000L, 2000L));
            }
        }
    }

    /** Writes one interval per list entry with the given tag; values in microseconds. */
    void histogramIntervals(String tag, List<List<Long>> intervals) throws IOException {
        try (OutputStream file = Files.newOutputStream(dir.resolve(ResultsDirectory.HISTOGRAMS_FILE));
             PrintStream out = new PrintStream(file, true, StandardCharsets.UTF_8)) {
            HistogramLogWriter writer = startLog(out);
            for (int i = 0; i < intervals.size(); i++) {
                write(writer, i, tag, intervals.get(i));
            }
        }
    }

    /** from..to (inclusive) in steps of one, each times {@code microsPerStep}. */
    static List<Long> millisRange(long from, long to, long microsPerStep) {
        return LongStream.rangeClosed(from, to).map(v -> v * microsPerStep).boxed().toList();
    }

    private static HistogramLogWriter startLog(PrintStream out) {
        HistogramLogWriter writer = new HistogramLogWriter(out);
        writer.outputLogFormatVersion();
        writer.outputStartTime(1_795_000_000_000L);
        writer.setBaseTime(0);
        writer.outputBaseTime(0);
        writer.outputLegend();
        return writer;
    }

    private static void write(HistogramLogWriter writer, int second, String tag, List<Long> micros) {
        Histogram interval = new Histogram(3);
        micros.forEach(interval::recordValue);
        interval.setTag(tag);
        writer.outputIntervalHistogram(second, second + 1.0, interval, 1000.0);
    }
}
