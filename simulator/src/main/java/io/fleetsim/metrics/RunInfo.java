package io.fleetsim.metrics;

import java.time.Instant;

import io.fleetsim.scenario.RadioSettings;

/** What is known about a run before it starts, as written into the summary. */
public record RunInfo(String scenarioName, String scenarioFile, Instant startedAt, double timeScale,
        String targetUri, boolean embeddedTarget, int plannedDevices, RadioSettings radio) {
}
