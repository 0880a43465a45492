package io.fleetsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps {@code docs/scenarios.md} and the key table in code saying the same thing. */
class ScenarioDocsTest {

    private static final Path DOCS = Path.of("..", "docs", "scenarios.md");
    private static String docs;

    @BeforeAll
    static void readDocs() throws IOException {
        docs = Files.readString(DOCS);
    }

    @Test
    void everyKeyHasItsRowInTheDocs() {
        for (ScenarioKey<?> key : ScenarioKeys.ALL) {
            assertThat(docs).as("row of %s in %s", key.path(), DOCS).contains(key.markdownRow());
        }
    }

    @Test
    void everyKeyRowInTheDocsIsAKnownKey() {
        String keysChapter = docs.substring(docs.indexOf("## Keys"), docs.indexOf("## Thresholds"));
        Matcher row = Pattern.compile("(?m)^\\| `([A-Za-z]+)` \\|").matcher(keysChapter);
        List<String> documented = new ArrayList<>();
        while (row.find()) {
            documented.add(row.group(1));
        }
        assertThat(documented).hasSize(ScenarioKeys.ALL.size());
        assertThat(ScenarioKeys.ALL.stream().map(ScenarioKey::name).toList())
                .containsExactlyInAnyOrderElementsOf(documented);
    }

    @Test
    void everyThresholdMetricIsDocumented() {
        ThresholdMetrics.KNOWN.forEach(metric -> assertThat(docs).contains("`" + metric + "`"));
    }

    @Test
    void theExamplesInTheDocsAreValidScenarios() {
        Matcher block = Pattern.compile("(?s)```yaml\\n(.*?)```").matcher(docs);
        int checked = 0;
        while (block.find()) {
            String yaml = block.group(1);
            if (yaml.contains("durationSeconds")) {
                assertThat(ScenarioLoader.parse(yaml, DOCS).name()).isNotBlank();
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(2);
    }
}
