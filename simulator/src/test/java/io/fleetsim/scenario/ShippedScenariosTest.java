package io.fleetsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every scenario shipped in scenarios/ is valid, so the files users start from never stop at line 1. */
class ShippedScenariosTest {

    static Stream<Path> shipped() throws IOException {
        Path dir = Path.of("..", "scenarios");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void loads(Path file) {
        Scenario scenario = ScenarioLoader.load(file);

        assertThat(scenario.deviceCount()).isPositive();
        assertThat(scenario.thresholds()).as("a shipped scenario says what passing means").isNotEmpty();
    }
}
