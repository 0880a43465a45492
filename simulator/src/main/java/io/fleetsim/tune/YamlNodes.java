package io.fleetsim.tune;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import io.fleetsim.scenario.ScenarioNodes;

/**
 * Small reads and rewrites of YAML node trees. New nodes carry the position of the node they
 * stand for, so a problem found in them is still reported at the line the user wrote.
 */
final class YamlNodes {

    private YamlNodes() {
    }

    /** The keys of a map in file order; a problem names {@code field}. */
    static Map<String, NodeTuple> entries(Path file, Node node, String field) {
        if (!(node instanceof MappingNode map)) {
            throw ScenarioNodes.error(file, node, field, "expected a map of keys");
        }
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode key) {
                entries.put(key.getValue(), t);
            }
        }
        return entries;
    }

    /** Plain text of a scalar, or null for any other node. */
    static String text(Node node) {
        return node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL) ? s.getValue() : null;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    /** A plain scalar of {@code tag}, placed where {@code at} is. */
    static ScalarNode scalar(Tag tag, String value, Node at) {
        return new ScalarNode(tag, true, value, ScalarStyle.PLAIN, at.getStartMark(), at.getEndMark());
    }

    static NodeTuple tuple(String key, Node value) {
        return new NodeTuple(scalar(Tag.STR, key, value), value);
    }

    /** A copy of {@code map} with {@code key} set to {@code value} (replaced in place, or added at the end). */
    static MappingNode with(MappingNode map, String key, Node value) {
        List<NodeTuple> tuples = new ArrayList<>();
        boolean replaced = false;
        for (NodeTuple t : map.getValue()) {
            if (key.equals(text(t.getKeyNode()))) {
                tuples.add(new NodeTuple(t.getKeyNode(), value));
                replaced = true;
            } else {
                tuples.add(t);
            }
        }
        if (!replaced) {
            tuples.add(tuple(key, value));
        }
        return new MappingNode(Tag.MAP, true, tuples, FlowStyle.AUTO, map.getStartMark(), map.getEndMark());
    }

    /** A copy of {@code map} without {@code keys}. */
    static MappingNode without(MappingNode map, List<String> keys) {
        List<NodeTuple> tuples = map.getValue().stream().filter(t -> !keys.contains(text(t.getKeyNode()))).toList();
        return new MappingNode(Tag.MAP, true, new ArrayList<>(tuples), FlowStyle.AUTO, map.getStartMark(),
                map.getEndMark());
    }

    /** An empty map placed where {@code at} is. */
    static MappingNode emptyMap(Node at) {
        return new MappingNode(Tag.MAP, true, new ArrayList<>(), FlowStyle.FLOW, at.getStartMark(), at.getEndMark());
    }

    /** A one-item list placed where {@code item} is. */
    static SequenceNode listOf(Node item) {
        return new SequenceNode(Tag.SEQ, true, new ArrayList<>(List.of(item)), FlowStyle.FLOW, item.getStartMark(),
                item.getEndMark());
    }
}
