package io.fleetsim.reports;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of a whole run as written to {@code summary.json} (format 1, see
 * {@code docs/results-format.md}). Fields a partly written summary lacks are null.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunSummary(
        int format,
        String tool,
        boolean complete,
        ScenarioRef scenario,
        String startedAt,
        Double timeScale,
        Target target,
        Durations durationSeconds,
        Devices devices,
        Operation registration,
        Operation update,
        Messages messages,
        Long retransmissions,
        List<Threshold> thresholds,
        String verdict) {

    public RunSummary {
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
    }

    /** The scenario's name and the file it came from. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ScenarioRef(String name, String file) {
    }

    /** The server the fleet talked to. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Target(String uri, Boolean embedded) {
    }

    /** Length of the run in simulated and wall seconds. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Durations(Double simulated, Double wall) {
    }

    /** Device counts. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Devices(Long planned, Long started, Long registered, Long registeredAtEnd) {
    }

    /** Registration or Registration Update figures; corrected latency; failures by cause. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Operation(Long attempts, Long successes, Double successRatio, Latency latencyMs,
                            Map<String, Long> failures) {
        public Operation {
            Map<String, Long> known = new LinkedHashMap<>();
            if (failures != null) {
                failures.forEach((cause, count) -> known.put(cause, count == null ? 0L : count));
            }
            failures = Collections.unmodifiableMap(known);
        }
    }

    /** A latency object in milliseconds; with {@code count} 0 the other fields are null. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Latency(Long count, Double min, Double p50, Double p90, Double p99, Double p999, Double max,
                          Double mean) {
    }

    /** CoAP messages by type (CON, NON, ACK, RST). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Messages(Map<String, Long> sent, Map<String, Long> received) {
    }

    /** One threshold of the scenario and how the run fared against it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Threshold(String expression, String metric, String comparator, Double limit,
                            Double observed, boolean pass) {
    }
}
