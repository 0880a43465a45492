package io.fleetsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fleetsim.tune.TuneFile;
import io.fleetsim.tune.TuneFileLoader;

/**
 * Every scenario and tune file shipped in scenarios/ is valid, so the files users start from never
 * stop at line 1.
 */
class ShippedScenariosTest {

    static Stream<Path> scenarios() throws IOException {
        return shipped().filter(f -> !isTuneFile(f));
    }

    static Stream<Path> tuneFiles() throws IOException {
        return shipped().filter(ShippedScenariosTest::isTuneFile);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void scenarioLoads(Path file) {
        Scenario scenario = ScenarioLoader.load(file);

        assertThat(scenario.deviceCount()).isPositive();
        assertThat(scenario.thresholds()).as("a shipped scenario says what passing means").isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("tuneFiles")
    void tuneFileLoads(Path file) {
        TuneFile tune = TuneFileLoader.load(file);

        assertThat(tune.cells()).isNotEmpty();
    }

    private static boolean isTuneFile(Path file) {
        return file.getFileName().toString().startsWith("tune-");
    }

    private static Stream<Path> shipped() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "scenarios"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }
}
