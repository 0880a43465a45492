package io.fleetsim.reports;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The blocks of {@code summary.json} about connectivity and cost that later fleetsim versions
 * added (see {@code docs/results-format.md}): de-registration, DTLS handshakes, NAT, keepalive,
 * reachability, reconnects and traffic. Every one may be absent from an older summary, and every
 * field of them may be null.
 */
public final class SummaryBlocks {

    private SummaryBlocks() {
    }

    /** Failures by cause with null counts made 0, never null itself. */
    static Map<String, Long> causes(Map<String, Long> failures) {
        Map<String, Long> known = new LinkedHashMap<>();
        if (failures != null) {
            failures.forEach((cause, count) -> known.put(cause, count == null ? 0L : count));
        }
        return Collections.unmodifiableMap(known);
    }

    /** De-register requests answered 2.02, and failures by cause. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Deregistration(Long count, Map<String, Long> failures, Long unfinished, Double successRatio) {
        public Deregistration {
            failures = causes(failures);
        }

        public Deregistration(Long count, Map<String, Long> failures) {
            this(count, failures, null, null);
        }
    }

    /** DTLS handshakes: established sessions, failures (total and by cause) and latency. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Handshake(Long successes, Long failureCount, RunSummary.Latency latencyMs,
                            Map<String, Long> failures) {
        public Handshake {
            failures = causes(failures);
        }
    }

    /** DTLS session facts: resumed sessions, Connection IDs negotiated, reconnects. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Dtls(Long resumedHandshakes, Long connectionIdNegotiated, Long reconnects) {
    }

    /** NAT mappings made, expired, rebound and flushed, with rates per observed device-hour. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Nat(Long mappingsCreated, Long expiries, Long rebindings, Long flushed,
                      Double expiriesPerDeviceHour, Double rebindingsPerDeviceHour, Long mappingsAlive,
                      Long portNotPreserved, Map<String, Long> dropped, Long abandonedConnections) {
        public Nat {
            dropped = causes(dropped);
        }
    }

    /**
     * Lookups of the servers' host names during the run ({@code dns}): how many, how many failed,
     * and how many gave an address other than the one in use.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Dns(Long lookups, Long failures, Long newAddresses) {
    }

    /** CoAP pings, unanswered pings and the registrations they started. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Keepalive(Long pings, Long pingFailures, Long reRegistrationsAfterBrokenPath) {
    }

    /** Reachability worked out exactly from the NAT state, and checked by real probes. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Reachability(Double exact, Double observedDeviceHours, Double reachableDeviceHours,
                               Double probed, Long probes, Long probeSuccesses, Long probesSkipped,
                               RunSummary.Latency probeLatencyMs) {
    }

    /** Time from a NAT break to registered-and-reachable again, and to the device's first step back. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Reconnect(RunSummary.Latency latencyMs, RunSummary.Latency detectMs) {
    }

    /** Traffic cost per kind of message, over {@code deviceHours} observed device-hours. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Traffic(Double deviceHours, TrafficKind registration, TrafficKind update, TrafficKind keepalive,
                          TrafficKind data, TrafficKind handshake) {

        /** The kinds present, by name, in the documented order. */
        public Map<String, TrafficKind> kinds() {
            Map<String, TrafficKind> kinds = new LinkedHashMap<>();
            putIfPresent(kinds, "registration", registration);
            putIfPresent(kinds, "update", update);
            putIfPresent(kinds, "keepalive", keepalive);
            putIfPresent(kinds, "data", data);
            putIfPresent(kinds, "handshake", handshake);
            return kinds;
        }

        private static void putIfPresent(Map<String, TrafficKind> kinds, String name, TrafficKind kind) {
            if (kind != null) {
                kinds.put(name, kind);
            }
        }
    }

    /** CoAP messages and bytes of one kind, each way, and both ways per device-hour. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TrafficKind(Long sent, Long sentBytes, Long received, Long receivedBytes,
                              Double messagesPerDeviceHour, Double bytesPerDeviceHour) {
    }

    /** TLS handshakes of tls devices: established, resumed, failed by cause. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Tls(Long handshakes, Long resumedHandshakes, Long failureCount, Map<String, Long> failures) {
        public Tls {
            failures = causes(failures);
        }
    }

    /** The devices' radio-on time under the scenario's radio model. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Radio(String profile, Double tailSeconds, Long transmissions, Double activeSeconds,
                        Double activeSecondsPerDeviceDay, Double transmissionsPerDeviceDay) {
    }

    /** TCP and TLS connections: lost by cause, and the time to a usable connection. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Connections(Map<String, Long> lost, Long framesTooLarge, RunSummary.Latency connectMs) {
        public Connections {
            lost = causes(lost);
        }
    }

    /** CPU seconds of the run by side, over its wall time on its cores, and the busiest threads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Cpu(Double wallSeconds, Integer cores, CpuSeconds seconds, List<CpuThread> busiestThreads) {
        public Cpu {
            busiestThreads = busiestThreads == null ? List.of() : List.copyOf(busiestThreads);
        }
    }

    /** CPU seconds of the simulator's threads, the embedded servers', the JIT compiler's, GC's, the rest, all. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CpuSeconds(Double simulator, Double server, Double jit, Double gc, Double other, Double process) {
    }

    /** One thread's CPU seconds and the side it belongs to. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CpuThread(String name, String side, Double seconds) {
    }
}
