package io.fleetsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each file under {@code scenarios/invalid/} says in its header what must go wrong:
 * {@code # expect: <line> <field>} ({@code -} for none) and any number of {@code # contains: <text>}.
 */
class InvalidScenarioCatalogueTest {

    private static final Path CATALOGUE = Path.of("src/test/resources/scenarios/invalid");

    static Stream<Path> invalidScenarios() throws IOException {
        try (Stream<Path> files = Files.list(CATALOGUE)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void catalogueHoldsAtLeastTwentyFiles() throws IOException {
        assertThat(invalidScenarios()).hasSizeGreaterThanOrEqualTo(20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidScenarios")
    void invalidScenarioIsRejectedNamingFileLineAndField(Path file) throws IOException {
        Expectation expected = Expectation.readFrom(file);

        ScenarioException error = catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(file));

        assertThat(error).as("%s must be rejected", file).isNotNull();
        assertThat(error.getMessage()).startsWith(expected.prefix(file));
        assertThat(error.line()).isEqualTo(expected.line());
        assertThat(error.field()).isEqualTo(expected.field());
        expected.contains().forEach(text -> assertThat(error.getMessage()).contains(text));
        assertThat(error.getMessage()).doesNotContain("Exception", "\tat ");
    }

    /** The header of one catalogue file. */
    record Expectation(int line, String field, List<String> contains) {

        static Expectation readFrom(Path file) throws IOException {
            List<String> header = Files.readAllLines(file).stream().takeWhile(l -> l.startsWith("# ")).toList();
            String[] expect = header.stream().filter(l -> l.startsWith("# expect: ")).findFirst()
                    .orElseThrow(() -> new AssertionError(file + " has no '# expect:' header"))
                    .substring("# expect: ".length()).trim().split("\\s+");
            String field = expect[1].equals("-") ? "" : expect[1];
            List<String> contains = header.stream().filter(l -> l.startsWith("# contains: "))
                    .map(l -> l.substring("# contains: ".length())).toList();
            return new Expectation(Integer.parseInt(expect[0]), field, contains);
        }

        String prefix(Path file) {
            return file + ":" + line + ": " + (field.isEmpty() ? "" : field + ": ");
        }
    }
}
