package io.fleetsim.metrics;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;

import io.fleetsim.scenario.RadioSettings;

/**
 * The {@code nat}, {@code keepalive}, {@code reachability}, {@code reconnect} and {@code traffic}
 * sections of {@code summary.json} (documented in docs/results-format.md).
 */
final class NatSummary {

    private NatSummary() {
    }

    static void addTo(Map<String, Object> root, RunTotals t, Map<LatencyMetric, Histogram> histograms,
            RadioSettings radioSettings) {
        Map<String, Object> nat = new LinkedHashMap<>();
        nat.put("mappingsCreated", t.get(Counter.NAT_MAPPINGS_CREATED));
        nat.put("expiries", t.get(Counter.NAT_EXPIRIES));
        nat.put("rebindings", t.get(Counter.NAT_REBINDINGS));
        nat.put("flushed", t.get(Counter.NAT_FLUSHED));
        nat.put("resets", t.get(Counter.NAT_RESETS));
        nat.put("abandonedConnections", t.get(Counter.NAT_ABANDONED_CONNECTIONS));
        nat.put("abandonedClosedEarly", t.get(Counter.NAT_ABANDONED_CLOSED_EARLY));
        nat.put("expiriesPerDeviceHour", round(t.perDeviceHour(t.get(Counter.NAT_EXPIRIES))));
        nat.put("rebindingsPerDeviceHour", round(t.perDeviceHour(t.get(Counter.NAT_REBINDINGS))));
        nat.put("mappingsAlive", t.mappingsAlive());
        nat.put("portNotPreserved", t.get(Counter.NAT_PORT_NOT_PRESERVED));
        nat.put("dropped", map("uplinkLoss", t.get(Counter.NAT_DROPPED_UP), "downlinkLoss", t.get(Counter.NAT_DROPPED_DOWN),
                "deadMapping", t.get(Counter.NAT_DROPPED_DEAD_MAPPING), "filtered", t.get(Counter.NAT_FILTERED)));
        root.put("nat", nat);
        root.put("keepalive", map("pings", t.get(Counter.PINGS), "pingFailures", t.get(Counter.PING_FAILURES),
                "reRegistrationsAfterBrokenPath", t.get(Counter.PATH_BROKEN_REREGISTRATIONS)));
        Map<String, Object> reach = new LinkedHashMap<>();
        reach.put("exact", round(t.reachability()));
        reach.put("observedDeviceHours", round(t.deviceHours()));
        reach.put("reachableDeviceHours", round(t.reachableMillis() / 3_600_000.0));
        reach.put("probed", round(t.probedReachability()));
        reach.put("probes", t.get(Counter.PROBES));
        reach.put("probeSuccesses", t.get(Counter.PROBE_SUCCESSES));
        reach.put("probesSkipped", t.get(Counter.PROBE_SKIPPED));
        reach.put("probeLatencyMs", LatencySummary.of(histograms.get(LatencyMetric.PROBE)));
        root.put("reachability", reach);
        root.put("reconnect", map("count", t.get(Counter.RECONNECTS), "latencyMs", LatencySummary.of(histograms.get(LatencyMetric.RECONNECT)),
                "detectMs", LatencySummary.of(histograms.get(LatencyMetric.RECONNECT_DETECT))));
        Map<String, Object> traffic = new LinkedHashMap<>();
        traffic.put("deviceHours", round(t.deviceHours()));
        for (TrafficKind kind : TrafficKind.values()) {
            long messages = t.get(kind.sent()) + t.get(kind.received());
            long bytes = t.get(kind.sentBytes()) + t.get(kind.receivedBytes());
            Map<String, Object> row = map("sent", t.get(kind.sent()), "sentBytes", t.get(kind.sentBytes()),
                    "received", t.get(kind.received()), "receivedBytes", t.get(kind.receivedBytes()));
            row.put("messagesPerDeviceHour", round(t.perDeviceHour(messages)));
            row.put("bytesPerDeviceHour", round(t.perDeviceHour(bytes)));
            traffic.put(kind.name().toLowerCase(Locale.ROOT), row);
        }
        root.put("traffic", traffic);
        Map<String, Object> radio = map("profile", radioSettings.profile(), "tailSeconds", radioSettings.tailSeconds(),
                "transmissions", t.get(Counter.RADIO_TRANSMISSIONS),
                "activeSeconds", round(t.get(Counter.RADIO_ACTIVE_MILLIS) / 1000.0));
        radio.put("activeSecondsPerDeviceDay", round(t.radioSecondsPerDeviceDay()));
        Double transmissionsPerHour = t.perDeviceHour(t.get(Counter.RADIO_TRANSMISSIONS));
        radio.put("transmissionsPerDeviceDay", transmissionsPerHour == null ? null : round(transmissionsPerHour * 24));
        root.put("radio", radio);
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    private static Double round(Double value) {
        return value == null ? null : Math.round(value * 100_000.0) / 100_000.0;
    }
}
