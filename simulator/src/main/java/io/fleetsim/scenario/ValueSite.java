package io.fleetsim.scenario;

import org.snakeyaml.engine.v2.nodes.Node;

/**
 * One value in the file and the field it belongs to, so a problem with it can be reported.
 *
 * @param source the file
 * @param node   the value node
 * @param field  dotted field name as the user sees it, e.g. {@code groups[1].count}
 * @param line   the 1-based line to blame: the line of the key, or of the list item
 */
record ValueSite(ScenarioSource source, Node node, String field, int line) {

    /** A list item, blamed on the line where it starts. */
    static ValueSite item(ScenarioSource source, Node node, String field) {
        return new ValueSite(source, node, field, ScenarioSource.lineOf(node));
    }

    ScenarioException fail(String problem) {
        return source.error(line, field, problem);
    }
}
