package io.fleetsim.metrics;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fleetsim.scenario.RadioSettings;
import io.fleetsim.scenario.RunEvent;

/**
 * What is known about a run before it starts, as written into the summary.
 *
 * @param events the run's events in time order, NAT flushes included
 * @param sourceAddresses planned devices per source address, in the order the groups name them;
 *                        empty when no group names source addresses
 */
public record RunInfo(String scenarioName, String scenarioFile, Instant startedAt, double timeScale,
        String targetUri, boolean embeddedTarget, int plannedDevices, RadioSettings radio, List<RunEvent> events,
        Map<String, Integer> sourceAddresses) {

    public RunInfo {
        events = events == null ? List.of() : List.copyOf(events);
        sourceAddresses = sourceAddresses == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(sourceAddresses));
    }

    /** A run with events, whose devices bind to one address. */
    public RunInfo(String scenarioName, String scenarioFile, Instant startedAt, double timeScale,
            String targetUri, boolean embeddedTarget, int plannedDevices, RadioSettings radio, List<RunEvent> events) {
        this(scenarioName, scenarioFile, startedAt, timeScale, targetUri, embeddedTarget, plannedDevices, radio,
                events, Map.of());
    }

    /** A run without events, whose devices bind to {@code sourceAddresses}. */
    public RunInfo(String scenarioName, String scenarioFile, Instant startedAt, double timeScale,
            String targetUri, boolean embeddedTarget, int plannedDevices, RadioSettings radio,
            Map<String, Integer> sourceAddresses) {
        this(scenarioName, scenarioFile, startedAt, timeScale, targetUri, embeddedTarget, plannedDevices, radio,
                List.of(), sourceAddresses);
    }

    /** A run without events, whose devices bind to one address. */
    public RunInfo(String scenarioName, String scenarioFile, Instant startedAt, double timeScale,
            String targetUri, boolean embeddedTarget, int plannedDevices, RadioSettings radio) {
        this(scenarioName, scenarioFile, startedAt, timeScale, targetUri, embeddedTarget, plannedDevices, radio,
                List.of(), Map.of());
    }
}
