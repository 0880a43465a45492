package io.fleetsim.reports;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fleetsim.resultsformat.FailureCause;

import java.util.List;
import java.util.Map;

/**
 * The figures of a whole run as written to {@code summary.json} (format 1, see
 * {@code docs/results-format.md}). Fields a partly written summary lacks are null, and so are
 * the blocks an older fleetsim did not write yet ({@link SummaryBlocks}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunSummary(
        int format,
        String tool,
        boolean complete,
        Boolean aborted,
        String abortReason,
        ScenarioRef scenario,
        String startedAt,
        Double timeScale,
        Target target,
        Durations durationSeconds,
        Devices devices,
        Operation registration,
        Operation update,
        SummaryBlocks.Deregistration deregistration,
        Messages messages,
        Long retransmissions,
        SummaryBlocks.Handshake handshake,
        SummaryBlocks.Dtls dtls,
        SummaryBlocks.Tls tls,
        SummaryBlocks.Connections connections,
        SummaryBlocks.Nat nat,
        SummaryBlocks.Keepalive keepalive,
        SummaryBlocks.Reachability reachability,
        SummaryBlocks.Reconnect reconnect,
        SummaryBlocks.Traffic traffic,
        SummaryBlocks.Radio radio,
        List<Threshold> thresholds,
        String verdict,
        List<Group> groups,
        Clock clock,
        SummaryBlocks.Cpu cpu,
        List<Event> events,
        SummaryBlocks.Dns dns,
        Map<String, Long> serverRequests,
        CapacityBlocks.Notifications notifications,
        CapacityBlocks.Arrival arrival,
        CapacityBlocks.Server server,
        CapacityBlocks.Cluster cluster,
        Operation bootstrap) {

    private static final String ISSUER_MISMATCH = FailureCause.ISSUER_MISMATCH.wireName();

    public RunSummary {
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
        if ("pass".equalsIgnoreCase(verdict) && thresholds.stream().anyMatch(t -> t.observed() == null)) {
            verdict = "fail"; // a threshold with no samples fails, whatever the file says
        }
        groups = groups == null ? List.of() : List.copyOf(groups);
        events = events == null ? List.of() : List.copyOf(events);
    }

    /**
     * One event of the run ({@code events[]}): a reconnect storm, a server outage, churn or a NAT
     * flush; absent in summaries of older versions.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Event(Double atSeconds, String kind, Map<String, Object> parameters) {
    }

    /**
     * One device group's figures ({@code groups[]}); absent in summaries of older versions, as is
     * {@code registrationGaveUp} in summaries written before groups counted give-ups.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Group(String name, String transport, Long planned, Long started, Long registered,
            Long registeredAtEnd, Long registrationFailures, Long reconnects, Double reachability,
            Long registrationGaveUp) {

        public Group(String name, String transport, Long planned, Long started, Long registered,
                     Long registeredAtEnd, Long registrationFailures, Long reconnects, Double reachability) {
            this(name, transport, planned, started, registered, registeredAtEnd, registrationFailures, reconnects,
                    reachability, null);
        }
    }

    /**
     * Handshakes refused for a server certificate from an unexpected issuer: DTLS ones
     * ({@code handshake.failures}) and the registrations that TLS ones failed
     * ({@code registration.failures}).
     */
    public long issuerMismatches() {
        long dtls = handshake == null ? 0 : handshake.failures().getOrDefault(ISSUER_MISMATCH, 0L);
        long tls = registration == null ? 0 : registration.failures().getOrDefault(ISSUER_MISMATCH, 0L);
        return dtls + tls;
    }

    /** True when the simulator fell behind its clock ({@code clock.behind: true}). */
    public boolean fellBehind() {
        return clock != null && Boolean.TRUE.equals(clock.behind());
    }

    /** Whether the simulator kept up with its clock ({@code clock}); absent in older summaries. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Clock(Double simulatedLagP99Ms, Boolean behind) {
    }

    /** True when the run was stopped early by a signal ({@code aborted: true}). */
    public boolean wasAborted() {
        return Boolean.TRUE.equals(aborted);
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

    /**
     * Registration or Registration Update figures; corrected latency; failures by cause;
     * {@code unfinished}: requests still without an answer when the run stopped (absent in
     * summaries of older versions).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Operation(Long attempts, Long successes, Double successRatio, Latency latencyMs,
                            Map<String, Long> failures, Long unfinished) {
        public Operation {
            failures = SummaryBlocks.causes(failures);
        }

        public Operation(Long attempts, Long successes, Double successRatio, Latency latencyMs,
                         Map<String, Long> failures) {
            this(attempts, successes, successRatio, latencyMs, failures, null);
        }
    }

    /** A latency object in milliseconds; with {@code count} 0 the other fields are null. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Latency(Long count, Double min, Double p50, Double p90, Double p99, Double p999, Double max,
                          Double mean) {

        /** True when at least one value was recorded. */
        public boolean measured() {
            return count != null && count > 0;
        }
    }

    /** CoAP messages by type (CON, NON, ACK, RST). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Messages(Map<String, Long> sent, Map<String, Long> received) {
    }

    /**
     * One threshold of the scenario and how the run fared against it. A threshold with no observed
     * value (its metric had no samples) fails.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Threshold(String expression, String metric, String comparator, Double limit,
                            Double observed, boolean pass) {
        public Threshold {
            pass = pass && observed != null;
        }
    }
}
