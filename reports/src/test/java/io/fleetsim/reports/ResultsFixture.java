package io.fleetsim.reports;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import io.fleetsim.resultsformat.HistogramTag;

/** Writes the files of a results directory for tests, in the shapes docs/results-format.md describes. */
final class ResultsFixture {

    static final String TIMELINE_HEADER =
            "t,wall,started,registered,registrations,registrationFailures,updates,updateFailures,"
                    + "deregistrations,retransmissions,sent,received";
    /** The header fleetsim wrote before the NAT columns: the process columns at the end. */
    static final String TIMELINE_HEADER_WITH_PROCESS = TIMELINE_HEADER + ",threads,rssMb";
    /** The header fleetsim writes now: the NAT, keepalive and byte columns after the process ones. */
    static final String TIMELINE_HEADER_WITH_NAT = TIMELINE_HEADER_WITH_PROCESS
            + ",mappingsAlive,reachableNow,reachability,natExpiries,natRebindings,pings,bytesSent,bytesReceived";

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

    /**
     * A finished DTLS run behind a NAT, as fleetsim writes it now: every summary block, the
     * handshake, reconnect, reconnect.detect and probe tags in the log (three intervals each) and
     * the NAT columns in the timeline (three periods of 60 simulated seconds).
     */
    static ResultsFixture natDtlsRun(Path dir) throws IOException {
        ResultsFixture fixture = new ResultsFixture(dir);
        fixture.summary(natDtlsSummaryJson(false, null));
        Map<String, List<Long>> tags = new LinkedHashMap<>();
        tags.put(HistogramTag.REGISTRATION.wireName(), millisRange(1, 100, 1000L));
        tags.put(HistogramTag.REGISTRATION_SERVICE.wireName(), millisRange(1, 100, 500L));
        tags.put(HistogramTag.UPDATE.wireName(), List.of(2000L, 2000L));
        tags.put(HistogramTag.HANDSHAKE.wireName(), millisRange(10, 50, 1000L));
        tags.put(HistogramTag.RECONNECT.wireName(), millisRange(30, 150, 1_000_000L));
        tags.put(HistogramTag.RECONNECT_DETECT.wireName(), millisRange(1, 30, 1_000_000L));
        tags.put(HistogramTag.PROBE.wireName(), millisRange(50, 250, 1000L));
        fixture.histograms(3, tags);
        fixture.timeline(TIMELINE_HEADER_WITH_NAT + "\n"
                + "60.0,1.0,200,150,150,4,0,0,0,3,400,380,31,180.5,150,140,0.95,0,0,0,20000,9000\n"
                + "120.0,2.0,200,200,50,0,40,0,0,1,300,290,33,201.0,120,110,0.8,90,60,100,9000,4000\n"
                + "180.0,3.0,200,197,0,0,0,0,0,0,200,190,33,204.2,180,124,0.62,30,60,100,5000,2500\n");
        fixture.scenario("name: nat-dtls\nfleet:\n  count: 200\n  transport: dtls\n");
        return fixture;
    }

    /** The summary of {@link #natDtlsRun}; {@code abortReason} null for a run that was not aborted. */
    static String natDtlsSummaryJson(boolean aborted, String abortReason) {
        return """
                {
                  "format": 1, "tool": "fleetsim 0.1.0", "complete": true,
                  "aborted": %s, "abortReason": %s,
                  "scenario": { "name": "nat-dtls", "file": "scenarios/nat-dtls.yaml" },
                  "startedAt": "2026-11-22T01:00:00Z", "timeScale": 60.0,
                  "target": { "uri": "coaps://127.0.0.1:40124", "embedded": true },
                  "durationSeconds": { "simulated": 180.0, "wall": 3.0 },
                  "devices": { "planned": 200, "started": 200, "registered": 200, "registeredAtEnd": 197,
                               "allRegisteredAtSeconds": 110.0 },
                  "registration": { "attempts": 204, "successes": 200, "successRatio": 0.98039,
                    "latencyMs": { "count": 300, "min": 1.0, "p50": 51.0, "p90": 91.0, "p99": 100.0, "p999": 102.0, "max": 102.0, "mean": 51.5 },
                    "failures": { "handshake": 4 } },
                  "update": { "attempts": 40, "successes": 40, "successRatio": 1.0,
                    "latencyMs": { "count": 6, "min": 2.0, "p50": 2.0, "p90": 2.0, "p99": 2.0, "p999": 2.0, "max": 2.0, "mean": 2.0 },
                    "failures": {} },
                  "deregistration": { "count": 195, "failures": { "timeout": 2 } },
                  "messages": { "sent": { "CON": 900, "NON": 0, "ACK": 488, "RST": 0 },
                                "received": { "CON": 488, "NON": 0, "ACK": 900, "RST": 0 }, "malformedReceived": 0 },
                  "retransmissions": 4,
                  "handshake": { "successes": 200, "failureCount": 4,
                    "latencyMs": { "count": 123, "min": 10.0, "p50": 30.0, "p90": 46.0, "p99": 49.9, "p999": 50.0, "max": 50.0, "mean": 30.0 },
                    "failures": { "timeout:flight-5": 3, "alert-received:handshake_failure": 1 } },
                  "dtls": { "resumedHandshakes": 20, "connectionIdNegotiated": 200, "reconnects": 120 },
                  "nat": { "mappingsCreated": 320, "expiries": 120, "rebindings": 120, "flushed": 0,
                           "expiriesPerDeviceHour": 12.0, "rebindingsPerDeviceHour": 12.0, "mappingsAlive": 0,
                           "portNotPreserved": 0,
                           "dropped": { "uplinkLoss": 0, "downlinkLoss": 0, "deadMapping": 12, "filtered": 0 },
                           "abandonedConnections": 7 },
                  "keepalive": { "pings": 200, "pingFailures": 3, "reRegistrationsAfterBrokenPath": 3 },
                  "reachability": { "exact": 0.62, "observedDeviceHours": 10.0, "reachableDeviceHours": 6.2,
                                    "probed": 0.61, "probes": 800, "probeSuccesses": 488, "probesSkipped": 0,
                                    "probeLatencyMs": { "count": 603, "min": 50.0, "p50": 150.0, "p90": 230.0, "p99": 248.0, "p999": 250.0, "max": 250.0, "mean": 150.0 } },
                  "reconnect": {
                    "latencyMs": { "count": 363, "min": 30000.0, "p50": 90000.0, "p90": 138000.0, "p99": 149000.0, "p999": 150000.0, "max": 150000.0, "mean": 90000.0 },
                    "detectMs": { "count": 90, "min": 1000.0, "p50": 15000.0, "p90": 27000.0, "p99": 30000.0, "p999": 30000.0, "max": 30000.0, "mean": 15500.0 } },
                  "traffic": { "deviceHours": 10.0,
                    "registration": { "sent": 400, "sentBytes": 20000, "received": 200, "receivedBytes": 2400,
                                      "messagesPerDeviceHour": 60.0, "bytesPerDeviceHour": 2240.0 },
                    "update": { "sent": 40, "sentBytes": 1600, "received": 40, "receivedBytes": 400,
                                "messagesPerDeviceHour": 8.0, "bytesPerDeviceHour": 200.0 },
                    "keepalive": { "sent": 200, "sentBytes": 800, "received": 197, "receivedBytes": 788,
                                   "messagesPerDeviceHour": 39.7, "bytesPerDeviceHour": 158.8 },
                    "data": { "sent": 488, "sentBytes": 7808, "received": 800, "receivedBytes": 9600,
                              "messagesPerDeviceHour": 128.8, "bytesPerDeviceHour": 1740.8 },
                    "handshake": { "sent": 700, "sentBytes": 70000, "received": 600, "receivedBytes": 60000,
                                   "messagesPerDeviceHour": 130.0, "bytesPerDeviceHour": 13000.0 } },
                  "radio": { "profile": "lte-m", "tailSeconds": 10.0, "transmissions": 3965, "activeSeconds": 16700.0,
                             "activeSecondsPerDeviceDay": 40080.0, "transmissionsPerDeviceDay": 9516.0 },
                  "tls": { "handshakes": 6, "resumedHandshakes": 3, "failureCount": 1,
                           "failures": { "untrusted-certificate": 1 } },
                  "connections": { "lost": { "pong-timeout": 2 }, "framesTooLarge": 0,
                    "connectMs": { "count": 6, "min": 5.0, "p50": 9.0, "p90": 20.0, "p99": 31.0, "p999": 31.0, "max": 31.0, "mean": 11.0 } },
                  "process": { "threads": 33, "peakThreads": 33, "rssMb": 204.2, "peakRssMb": 204.2, "heapAfterGcMb": 40.2 },
                  "cpu": { "wallSeconds": 20.0, "cores": 2,
                           "seconds": { "simulator": 12.5, "server": 19.0, "jit": 4.0, "gc": 1.0, "other": 0.5, "process": 37.0 },
                           "busiestThreads": [ { "name": "fleetsim-server-vert.x-eventloop-thread-0", "side": "server", "seconds": 19.6 },
                                               { "name": "vert.x-eventloop-thread-0", "side": "simulator", "seconds": 6.3 } ] },
                  "thresholds": [
                    { "expression": "reachability >= 99%%", "metric": "reachability",
                      "comparator": ">=", "limit": 0.99, "observed": 0.62, "pass": false },
                    { "expression": "reconnect.p99 < 600s", "metric": "reconnect.p99",
                      "comparator": "<", "limit": 600000.0, "observed": 149000.0, "pass": true }
                  ],
                  "verdict": "fail"
                }
                """.formatted(aborted, abortReason == null ? "null" : "\"" + abortReason + "\"");
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
                write(writer, i, HistogramTag.REGISTRATION.wireName(), millisRange(1 + shift, 100 + shift, 1000L));
                write(writer, i, HistogramTag.REGISTRATION_SERVICE.wireName(), millisRange(1 + shift, 100 + shift, 500L));
                write(writer, i, HistogramTag.UPDATE.wireName(), List.of(2000L, 2000L));
            }
        }
    }

    /** Writes {@code intervals} one-second intervals, each holding the same values (microseconds) per tag. */
    void histograms(int intervals, Map<String, List<Long>> valuesByTag) throws IOException {
        try (OutputStream file = Files.newOutputStream(dir.resolve(ResultsDirectory.HISTOGRAMS_FILE));
             PrintStream out = new PrintStream(file, true, StandardCharsets.UTF_8)) {
            HistogramLogWriter writer = startLog(out);
            for (int i = 0; i < intervals; i++) {
                int second = i;
                valuesByTag.forEach((tag, micros) -> write(writer, second, tag, micros));
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
