package io.fleetsim.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;

/** The {@code handshake}, {@code dtls} and {@code tls} sections of {@code summary.json}. */
final class DtlsSummary {

    private DtlsSummary() {
    }

    /** Handshakes: successes, latency, failures by cause. */
    static Map<String, Object> handshake(RunTotals t, Map<LatencyMetric, Histogram> histograms) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("successes", t.get(Counter.DTLS_HANDSHAKES));
        out.put("failureCount", t.get(Counter.DTLS_HANDSHAKE_FAILURES));
        out.put("latencyMs", LatencySummary.of(histograms.get(LatencyMetric.HANDSHAKE)));
        out.put("failures", t.failures(FailureKind.HANDSHAKE));
        return out;
    }

    /** DTLS session facts: resumed sessions, Connection IDs the server agreed to, reconnects. */
    static Map<String, Object> dtls(RunTotals t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("resumedHandshakes", t.get(Counter.DTLS_RESUMED_HANDSHAKES));
        out.put("connectionIdNegotiated", t.get(Counter.DTLS_CID_NEGOTIATED));
        out.put("reconnects", t.get(Counter.DTLS_RECONNECTS));
        return out;
    }

    /**
     * TLS handshakes of {@code transport: tls} devices: all that succeeded, those that resumed a
     * session, and failures by cause.
     */
    static Map<String, Object> tls(RunTotals t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("handshakes", t.get(Counter.TLS_HANDSHAKES));
        out.put("resumedHandshakes", t.get(Counter.TLS_RESUMED_HANDSHAKES));
        out.put("failureCount", t.get(Counter.TLS_HANDSHAKE_FAILURES));
        out.put("failures", t.failures(FailureKind.TLS_HANDSHAKE));
        return out;
    }
}
