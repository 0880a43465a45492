package io.fleetsim.scenario;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;

import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The scenario loader's machinery for files built on a scenario (a tune file is a base scenario
 * plus a {@code sweep} section): compose a file into YAML nodes, read a node tree as a checked
 * {@link Scenario}, and report a problem as {@code file:line: field: problem}, all with the same
 * rules and messages as {@link ScenarioLoader}.
 */
public final class ScenarioNodes {

    private ScenarioNodes() {
    }

    /**
     * The YAML node tree of a file.
     *
     * @param kind what the file is, for messages ("tune file")
     */
    public static Node compose(Path file, String kind) {
        ScenarioSource source = new ScenarioSource(file);
        return ScenarioLoader.compose(readText(file, kind), source)
                .orElseThrow(() -> source.error(1, "", "the " + kind + " is empty"));
    }

    /** Reads a node tree (possibly rewritten) as a scenario; messages name {@code file}. */
    public static Scenario read(Node root, Path file) {
        return new ScenarioReader(new ScenarioSource(file)).read(root);
    }

    /** A problem at the line where {@code at} starts: {@code file:line: field: problem}. */
    public static ScenarioException error(Path file, Node at, String field, String problem) {
        return new ScenarioSource(file).error(at, field, problem);
    }

    /** 1-based line where a node starts. */
    public static int lineOf(Node node) {
        return ScenarioSource.lineOf(node);
    }

    /** " (did you mean 'x'?)" when {@code typed} is close to one of {@code known}, else "". */
    public static String didYouMean(String typed, Collection<String> known) {
        return DidYouMean.hint(typed, known);
    }

    private static String readText(Path file, String kind) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(file + ": no such " + kind, 0, "");
        } catch (CharacterCodingException e) {
            throw new ScenarioException(file + ": cannot read the " + kind + ": it is not UTF-8 text", 0, "");
        } catch (IOException e) {
            String reason = Files.isDirectory(file) ? "it is a directory" : String.valueOf(e.getMessage());
            throw new ScenarioException(file + ": cannot read the " + kind + ": " + reason, 0, "");
        }
    }
}
