package io.fleetsim.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

import io.fleetsim.FleetsimVersion;

/** Builds {@code summary.json} (format 1, documented in docs/results-format.md). */
public final class SummaryJson {

    public static final int FORMAT = 1;

    private SummaryJson() {
    }

    /** The state of a run at one moment, everything the summary is made of. */
    public record Snapshot(RunInfo info, RunTotals totals, Map<LatencyMetric, Histogram> histograms,
            double simulatedSeconds, double wallSeconds, long registeredAtEnd,
            List<ThresholdResult> thresholds, boolean complete, ProcessStats process, String abortReason,
            List<GroupFigures> groups, Map<String, Object> clockHealth, Map<String, Object> cpu) {

        /** True when the simulator fell behind its clock (see {@link ClockHealth}). */
        public boolean behind() {
            return Boolean.TRUE.equals(clockHealth.get("behind"));
        }

        /** True when the run was stopped early (a signal); its results cover the part that ran. */
        public boolean aborted() {
            return abortReason != null;
        }
    }

    public static Map<String, Object> build(Snapshot s) {
        RunTotals t = s.totals();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("tool", "fleetsim " + FleetsimVersion.VERSION);
        root.put("complete", s.complete());
        root.put("aborted", s.aborted());
        root.put("abortReason", s.abortReason());
        root.put("scenario", map("name", s.info().scenarioName(), "file", s.info().scenarioFile()));
        root.put("startedAt", s.info().startedAt().toString());
        root.put("timeScale", s.info().timeScale());
        root.put("target", map("uri", s.info().targetUri(), "embedded", s.info().embeddedTarget()));
        root.put("durationSeconds", map("simulated", round(s.simulatedSeconds()), "wall", round(s.wallSeconds())));
        root.put("devices", map("planned", s.info().plannedDevices(),
                "started", t.get(Counter.DEVICES_STARTED),
                "registered", t.get(Counter.DEVICES_REGISTERED),
                "registeredAtEnd", s.registeredAtEnd(),
                "allRegisteredAtSeconds", t.get(Counter.DEVICES_REGISTERED) >= s.info().plannedDevices()
                        && s.info().plannedDevices() > 0 ? round(t.lastFirstRegistrationMillis() / 1000.0) : null,
                "stoppedDuringRun", t.get(Counter.DEVICES_STOPPED),
                "sessionResets", t.get(Counter.SESSION_RESETS)));
        Map<String, Object> registration = map(
                "attempts", t.get(Counter.REGISTRATION_ATTEMPTS),
                "successes", t.get(Counter.REGISTRATIONS),
                "unfinished", t.inFlight(FailureKind.REGISTRATION),
                "successRatio", round(t.successRatio(FailureKind.REGISTRATION)),
                "gaveUp", t.get(Counter.REGISTRATION_GAVE_UP));
        registration.put("latencyMs", LatencySummary.of(s.histograms().get(LatencyMetric.REGISTRATION)));
        registration.put("serviceTimeMs", LatencySummary.of(s.histograms().get(LatencyMetric.REGISTRATION_SERVICE)));
        registration.put("timeToRegisteredMs",
                LatencySummary.of(s.histograms().get(LatencyMetric.TIME_TO_REGISTERED)));
        registration.put("failures", t.failures(FailureKind.REGISTRATION));
        root.put("registration", registration);
        Map<String, Object> update = map("attempts", t.get(Counter.UPDATE_ATTEMPTS), "successes", t.get(Counter.UPDATES),
                "unfinished", t.inFlight(FailureKind.UPDATE),
                "successRatio", round(t.successRatio(FailureKind.UPDATE)));
        update.put("latencyMs", LatencySummary.of(s.histograms().get(LatencyMetric.UPDATE)));
        update.put("serviceTimeMs", LatencySummary.of(s.histograms().get(LatencyMetric.UPDATE_SERVICE)));
        update.put("failures", t.failures(FailureKind.UPDATE));
        root.put("update", update);
        root.put("bootstrap", bootstrap(t, s.histograms()));
        root.put("deregistration", map("count", t.get(Counter.DEREGISTRATIONS),
                "unfinished", t.inFlight(FailureKind.DEREGISTRATION),
                "successRatio", round(t.successRatio(FailureKind.DEREGISTRATION)),
                "failures", t.failures(FailureKind.DEREGISTRATION)));
        root.put("serverRequests", map("read", t.get(Counter.READS_SERVED),
                "notFound", t.get(Counter.NOT_FOUND_SERVED),
                "methodNotAllowed", t.get(Counter.METHOD_NOT_ALLOWED_SERVED),
                "badRequest", t.get(Counter.BAD_REQUESTS_SERVED),
                "write", t.get(Counter.WRITES_SERVED), "execute", t.get(Counter.EXECUTES_SERVED),
                "discover", t.get(Counter.DISCOVERS_SERVED), "writeAttributes", t.get(Counter.WRITE_ATTRIBUTES_SERVED),
                "create", t.get(Counter.CREATES_SERVED), "delete", t.get(Counter.DELETES_SERVED),
                "observe", t.get(Counter.OBSERVES_SERVED), "observeCancel", t.get(Counter.OBSERVE_CANCELS_SERVED),
                "reboots", t.get(Counter.REBOOTS)));
        root.put("queueMode", map("requestsWhileAsleep", t.get(Counter.QUEUE_REQUESTS_WHILE_ASLEEP)));
        root.put("firmware", map("started", t.get(Counter.FIRMWARE_STARTED),
                "downloaded", t.get(Counter.FIRMWARE_DOWNLOADED), "succeeded", t.get(Counter.FIRMWARE_SUCCEEDED),
                "failed", t.get(Counter.FIRMWARE_FAILED)));
        root.put("send", map("sent", t.get(Counter.SEND_SENT), "acknowledged", t.get(Counter.SEND_ACKNOWLEDGED),
                "failed", t.failures(FailureKind.SEND)));
        root.put("notifications", map(
                "sent", map("CON", t.get(Counter.NOTIFICATIONS_CON), "NON", t.get(Counter.NOTIFICATIONS_NON)),
                "acknowledged", t.get(Counter.NOTIFICATIONS_ACKNOWLEDGED),
                "lost", t.get(Counter.NOTIFICATIONS_LOST),
                "latencyMs", LatencySummary.of(s.histograms().get(LatencyMetric.NOTIFICATION)),
                "observations", map("started", t.get(Counter.OBSERVATIONS_STARTED),
                        "ended", t.get(Counter.OBSERVATIONS_ENDED),
                        "resetByServer", t.get(Counter.OBSERVATIONS_RESET),
                        "activeAtEnd", t.get(Counter.OBSERVATIONS_STARTED) - t.get(Counter.OBSERVATIONS_ENDED))));
        root.put("messages", map(
                "sent", map("CON", t.get(Counter.SENT_CON), "NON", t.get(Counter.SENT_NON),
                        "ACK", t.get(Counter.SENT_ACK), "RST", t.get(Counter.SENT_RST)),
                "received", map("CON", t.get(Counter.RECEIVED_CON), "NON", t.get(Counter.RECEIVED_NON),
                        "ACK", t.get(Counter.RECEIVED_ACK), "RST", t.get(Counter.RECEIVED_RST)),
                "malformedReceived", t.get(Counter.MALFORMED_RECEIVED)));
        root.put("retransmissions", t.get(Counter.RETRANSMISSIONS));
        root.put("connections", map("lost", t.failures(FailureKind.CONNECTION),
                "framesTooLarge", t.get(Counter.FRAMES_TOO_LARGE),
                "connectMs", LatencySummary.of(s.histograms().get(LatencyMetric.CONNECT))));
        root.put("dns", map("lookups", t.get(Counter.DNS_LOOKUPS), "failures", t.get(Counter.DNS_LOOKUP_FAILURES),
                "newAddresses", t.get(Counter.DNS_NEW_ADDRESSES)));
        root.put("handshake", DtlsSummary.handshake(t, s.histograms()));
        root.put("dtls", DtlsSummary.dtls(t));
        root.put("tls", DtlsSummary.tls(t));
        NatSummary.addTo(root, t, s.histograms(), s.info().radio());
        root.put("clock", s.clockHealth());
        root.put("groups", s.groups().stream().map(GroupFigures::toJson).toList());
        root.put("events", s.info().events().stream().map(e -> map("atSeconds", e.atSeconds(), "kind", e.kind(),
                "parameters", e.parameters())).toList());

        root.put("sourceAddresses", s.info().sourceAddresses().entrySet().stream()
                .map(e -> map("address", e.getKey(), "devices", e.getValue())).toList());

        root.put("process", map("threads", s.process().threads(), "peakThreads", s.process().peakThreads(),
                "rssMb", mb(s.process().rssBytes()), "peakRssMb", mb(s.process().peakRssBytes()),
                "heapAfterGcMb", mb(s.process().heapAfterGcBytes())));
        root.put("cpu", s.cpu());
        root.put("thresholds", s.thresholds().stream().map(SummaryJson::threshold).toList());
        root.put("verdict", s.thresholds().stream().allMatch(ThresholdResult::pass) ? "pass" : "fail");
        return root;
    }

    /** LwM2M client-initiated bootstrap: attempts, outcomes by cause, corrected latency to Bootstrap-Finish. */
    private static Map<String, Object> bootstrap(RunTotals t, Map<LatencyMetric, Histogram> histograms) {
        Map<String, Object> bootstrap = map("attempts", t.get(Counter.BOOTSTRAP_ATTEMPTS),
                "successes", t.get(Counter.BOOTSTRAP_SUCCESSES),
                "unfinished", t.inFlight(FailureKind.BOOTSTRAP),
                "successRatio", round(t.successRatio(FailureKind.BOOTSTRAP)));
        bootstrap.put("failures", t.failures(FailureKind.BOOTSTRAP));
        bootstrap.put("latencyMs", LatencySummary.of(histograms.get(LatencyMetric.BOOTSTRAP)));
        return bootstrap;
    }

    private static Map<String, Object> threshold(ThresholdResult r) {
        Map<String, Object> out = map("expression", r.threshold().expression(), "metric", r.threshold().metric(),
                "comparator", r.threshold().comparator().symbol(), "limit", r.threshold().limit());
        out.put("observed", r.observed() == null ? null : round(r.observed()));
        out.put("pass", r.pass());
        return out;
    }

    /** A map of keys and values in argument order, for a section of the summary. */
    public static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    private static double mb(long bytes) {
        return bytes < 0 ? -1 : round(bytes / (1024.0 * 1024.0));
    }

    /** A figure rounded to three decimals, as the summary writes them. */
    public static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }

    /** Null (no samples) stays null. */
    private static Double round(Double value) {
        return value == null ? null : round(value.doubleValue());
    }
}
