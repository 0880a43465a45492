package io.fleetsim.scenario;

import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

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

    /**
     * The value as items: each item of a list (blamed on its own line), or the value itself when it
     * is a single one; an empty list fails with {@code emptyProblem}.
     */
    java.util.List<ValueSite> items(String emptyProblem) {
        if (!(node instanceof SequenceNode list)) {
            return java.util.List.of(this);
        }
        if (list.getValue().isEmpty()) {
            throw fail(emptyProblem);
        }
        java.util.List<ValueSite> items = new java.util.ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            items.add(item(source, list.getValue().get(i), field + "[" + i + "]"));
        }
        return items;
    }

    ScenarioException fail(String problem) {
        return source.error(line, field, problem);
    }
}
