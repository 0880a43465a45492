package io.fleetsim.scenario;

import java.nio.file.Path;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The file a scenario is read from, as named in messages. Turns a YAML node and a problem into a
 * {@link ScenarioException} reading {@code file:line: field: problem}.
 *
 * @param name the file name as the user gave it
 */
record ScenarioSource(Path name) {

    /** 1-based line where {@code node} starts. */
    static int lineOf(Node node) {
        return lineOf(node.getStartMark());
    }

    /** 1-based line of a mark, 1 when the parser gave none. */
    static int lineOf(Optional<Mark> mark) {
        return mark.map(m -> m.getLine() + 1).orElse(1);
    }

    ScenarioException error(Node at, String field, String problem) {
        return error(lineOf(at), field, problem);
    }

    ScenarioException error(int line, String field, String problem) {
        String where = field.isEmpty() ? "" : field + ": ";
        return new ScenarioException(name + ":" + line + ": " + where + problem, line, field);
    }
}
