package io.fleetsim.metrics;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fleetsim.scenario.RadioSettings;

/**
 * What is known about a run before it starts, as written into the summary.
 *
 * @param sourceAddresses planned devices per source address, in the order the groups name them;
 *                        empty when no group names source addresses
 */
public record RunInfo(String scenarioName, String scenarioFile, Instant startedAt, double timeScale,
        String targetUri, boolean embeddedTarget, int plannedDevices, RadioSettings radio,
        Map<String, Integer> sourceAddresses) {

    public RunInfo {
        sourceAddresses = sourceAddresses == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(sourceAddresses));
    }

    /** A run whose devices bind to one address. */
    public RunInfo(String scenarioName, String scenarioFile, Instant startedAt, double timeScale,
            String targetUri, boolean embeddedTarget, int plannedDevices, RadioSettings radio) {
        this(scenarioName, scenarioFile, startedAt, timeScale, targetUri, embeddedTarget, plannedDevices, radio,
                Map.of());
    }
}
