package io.fleetsim.scenario;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads scenario files. Every problem, from a missing file to a value out of range, comes out as
 * a {@link ScenarioException} whose message names the file, the line and the field.
 */
public final class ScenarioLoader {

    private ScenarioLoader() {
    }

    /** Reads and checks the scenario in {@code file}. */
    public static Scenario load(Path file) {
        return parse(readText(file), file);
    }

    /**
     * Reads and checks a scenario given as text.
     *
     * @param yamlText        the YAML text
     * @param nameForMessages the file name messages should show
     */
    public static Scenario parse(String yamlText, Path nameForMessages) {
        ScenarioSource source = new ScenarioSource(nameForMessages);
        Node root = compose(yamlText, source)
                .orElseThrow(() -> source.error(1, "", "the scenario is empty"));
        return new ScenarioReader(source).read(root);
    }

    static Optional<Node> compose(String yamlText, ScenarioSource source) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(source.name().toString())
                .setSchema(new CoreSchema())
                .setMaxAliasesForCollections(50)
                .build();
        try {
            return new Compose(settings).composeString(yamlText);
        } catch (MarkedYamlEngineException e) {
            int line = ScenarioSource.lineOf(e.getProblemMark().or(e::getContextMark));
            throw source.error(line, "", "not valid YAML: " + describe(e));
        } catch (YamlEngineException e) {
            throw source.error(1, "", "not valid YAML: " + e.getMessage());
        }
    }

    private static String describe(MarkedYamlEngineException e) {
        String context = e.getContext() == null ? "" : e.getContext() + ", ";
        return context + e.getProblem();
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(file + ": no such scenario file", 0, "");
        } catch (CharacterCodingException e) {
            throw new ScenarioException(file + ": cannot read the scenario: it is not UTF-8 text", 0, "");
        } catch (IOException e) {
            String reason = Files.isDirectory(file) ? "it is a directory" : String.valueOf(e.getMessage());
            throw new ScenarioException(file + ": cannot read the scenario: " + reason, 0, "");
        }
    }
}
