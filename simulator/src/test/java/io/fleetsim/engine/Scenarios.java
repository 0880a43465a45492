package io.fleetsim.engine;

import java.nio.file.Path;

import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.ScenarioLoader;

/** Scenarios for tests, written as users write them. */
final class Scenarios {

    private Scenarios() {
    }

    static Scenario parse(String yaml) {
        return ScenarioLoader.parse(yaml, Path.of("test.yaml"));
    }

    /** A fleet of {@code count} UDP devices with the given extra top-level YAML. */
    static Scenario fleet(String name, int count, String extra) {
        return parse("""
                name: %s
                durationSeconds: 3600
                fleet:
                  count: %d
                  endpointPrefix: %s-
                  transport: udp
                arrival:
                  rate: 2000
                %s
                """.formatted(name, count, name, extra));
    }

    /** A fleet of {@code count} UDP devices starting at 1000/s, with the given extra keys of the fleet group. */
    static Scenario fleetWithGroupKeys(String name, int count, String groupExtra) {
        return parse("""
                name: %s
                durationSeconds: 3600
                fleet:
                  count: %d
                  endpointPrefix: %s-
                  transport: udp
                %s
                arrival:
                  rate: 1000
                """.formatted(name, count, name, groupExtra.indent(2).stripTrailing()));
    }
}
