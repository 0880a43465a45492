package io.fleetsim.engine.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.ScenarioLoader;
import io.fleetsim.scenario.ScenarioOverrides;
import io.vertx.core.json.JsonObject;

/**
 * A run's scenario as the coordinator sends it to its agents: the scenario file's text and the
 * command line's overrides, so that every agent loads the very scenario the coordinator runs.
 *
 * @param file            the scenario file's path on the coordinator (for messages)
 * @param yaml            the file's text
 * @param devices         {@code --devices}, or null
 * @param durationSeconds {@code --duration}, or null
 * @param timeScale       {@code --time-scale}, or null
 */
public record ScenarioSpec(String file, String yaml, Long devices, Long durationSeconds, Double timeScale) {

    /** The file's text with the overrides given. */
    public static ScenarioSpec of(Path file, Long devices, Long durationSeconds, Double timeScale) {
        try {
            return new ScenarioSpec(file.toString(), Files.readString(file, StandardCharsets.UTF_8), devices,
                    durationSeconds, timeScale);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The scenario, loaded as {@code fleetsim run} loads it with these overrides. */
    public Scenario load() {
        Scenario scenario = ScenarioLoader.parse(yaml, Path.of(file));
        if (devices != null) {
            scenario = ScenarioOverrides.withDeviceCount(scenario, devices);
        }
        if (durationSeconds != null) {
            scenario = ScenarioOverrides.withDurationSeconds(scenario, durationSeconds);
        }
        if (timeScale != null) {
            scenario = ScenarioOverrides.withTimeScale(scenario, timeScale);
        }
        return scenario;
    }

    JsonObject toJson() {
        return new JsonObject().put("file", file).put("yaml", yaml).put("devices", devices)
                .put("durationSeconds", durationSeconds).put("timeScale", timeScale);
    }

    static ScenarioSpec fromJson(JsonObject json) {
        return new ScenarioSpec(json.getString("file"), json.getString("yaml"), json.getLong("devices"),
                json.getLong("durationSeconds"), json.getDouble("timeScale"));
    }
}
