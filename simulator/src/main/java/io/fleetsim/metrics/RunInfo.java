package io.fleetsim.metrics;

import java.time.Instant;
import java.util.List;

import io.fleetsim.scenario.RadioSettings;
import io.fleetsim.scenario.RunEvent;

/**
 * What is known about a run before it starts, as written into the summary.
 *
 * @param events the run's events in time order, NAT flushes included
 */
public record RunInfo(String scenarioName, String scenarioFile, Instant startedAt, double timeScale,
        String targetUri, boolean embeddedTarget, int plannedDevices, RadioSettings radio, List<RunEvent> events) {

    public RunInfo {
        events = List.copyOf(events);
    }

    /** A run without events. */
    public RunInfo(String scenarioName, String scenarioFile, Instant startedAt, double timeScale,
            String targetUri, boolean embeddedTarget, int plannedDevices, RadioSettings radio) {
        this(scenarioName, scenarioFile, startedAt, timeScale, targetUri, embeddedTarget, plannedDevices, radio,
                List.of());
    }
}
