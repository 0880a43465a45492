package io.fleetsim.reports;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;
import java.util.Map;

/**
 * The blocks of {@code summary.json} a capacity run reads most (see {@code docs/results-format.md}):
 * the devices' Observe notifications, the load stages' plan, what the embedded server's registration
 * limit did, and a clustered run's agents ({@code serverRequests} is a plain map in
 * {@link RunSummary}). Every one may be absent from an older or a partly written summary, and every
 * field of them may be null.
 */
public final class CapacityBlocks {

    private CapacityBlocks() {
    }

    /** Observe notifications the devices sent ({@code notifications}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Notifications(Map<String, Long> sent, Long acknowledged, Long lost, RunSummary.Latency latencyMs,
                                Observations observations) {
        public Notifications {
            sent = SummaryBlocks.causes(sent);
        }
    }

    /** Observations started, ended, ended by the server's RST, and still held at the end. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Observations(Long started, Long ended, Long resetByServer, Long activeAtEnd) {
    }

    /** The load stages' plan ({@code arrival}): the fleet's planned active devices, and each stage's end. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Arrival(List<PlanPoint> plan, List<StageEnd> stages) {
        public Arrival {
            plan = plan == null ? List.of() : List.copyOf(plan);
            stages = stages == null ? List.of() : List.copyOf(stages);
        }
    }

    /** Devices planned active at a moment, simulated seconds; the plan runs straight between points. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PlanPoint(Double atSeconds, Double devices) {
    }

    /**
     * A stage's name, its end in simulated seconds, the fleet's planned active devices then, and the
     * devices registered at that moment (null when the run did not reach it).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StageEnd(String stage, Double endSeconds, Double devices, Long registered) {
    }

    /** What the embedded server's protections did ({@code server}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Server(RegistrationLimit registrationLimit) {
    }

    /** The registration limit: devices blocked, times blocked, Registers refused and dropped unanswered. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RegistrationLimit(Long blockedDevices, Long blocks, Long refused, Long ignored) {
    }

    /** A clustered run's agents ({@code cluster}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Cluster(List<Agent> agents, Long devicesLost, Double clockOffsetBoundMs) {
        public Cluster {
            agents = agents == null ? List.of() : List.copyOf(agents);
        }
    }

    /** One agent of a clustered run, as the coordinator last heard from it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Agent(String name, String node, String host, Long devices, Long started, Long registered,
                        Long registeredAtEnd, Double clockOffsetMs, Double roundTripMs, Boolean left,
                        Double leftAtSeconds) {
    }
}
