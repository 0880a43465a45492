package io.fleetsim.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads the keys of one YAML map (the top level, a section, or one entry of {@code groups})
 * through their {@link ScenarioKey} definitions. Refuses unknown and repeated keys on creation.
 */
final class MappingReader {

    private final ScenarioSource source;
    private final String path;
    private final int line;
    private final Map<String, NodeTuple> entries;

    private MappingReader(ScenarioSource source, String path, int line, Map<String, NodeTuple> entries) {
        this.source = source;
        this.path = path;
        this.line = line;
        this.entries = entries;
    }

    /**
     * @param node    the value that should be a map
     * @param path    how the map is named in messages ("" for the top level, {@code groups[1]})
     * @param line    the line to blame for a missing required key
     * @param section whose keys the map may hold
     */
    static MappingReader of(ScenarioSource source, Node node, String path, int line, Section section) {
        return of(source, node, path, line, ScenarioKeys.in(section));
    }

    /** A map that may hold only {@code keys} (e.g. the items of a list of small maps). */
    static MappingReader of(ScenarioSource source, Node node, String path, int line, List<ScenarioKey<?>> keys) {
        if (!(node instanceof MappingNode mapping)) {
            throw source.error(line, path, "expected a map of keys, got " + ScalarValues.describe(node));
        }
        List<String> known = keys.stream().map(ScenarioKey::name).toList();
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = keyText(source, tuple.getKeyNode(), path);
            String field = join(path, key);
            if (!known.contains(key)) {
                throw source.error(tuple.getKeyNode(), field, "unknown key" + DidYouMean.hint(key, known));
            }
            NodeTuple earlier = entries.putIfAbsent(key, tuple);
            if (earlier != null) {
                throw source.error(tuple.getKeyNode(), field,
                        "given twice (first on line " + ScenarioSource.lineOf(earlier.getKeyNode()) + ")");
            }
        }
        return new MappingReader(source, path, line, entries);
    }

    private static String keyText(ScenarioSource source, Node keyNode, String path) {
        if (keyNode instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL)) {
            return scalar.getValue();
        }
        throw source.error(keyNode, path, "expected a key name, got " + ScalarValues.describe(keyNode));
    }

    static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    ScenarioSource source() {
        return source;
    }

    /** The name of the key in messages, e.g. {@code groups[1].count}. */
    String field(ScenarioKey<?> key) {
        return join(path, key.name());
    }

    boolean has(ScenarioKey<?> key) {
        return entries.containsKey(key.name());
    }

    /** Where the key's value is; empty when the key is absent. */
    Optional<ValueSite> site(ScenarioKey<?> key) {
        return Optional.ofNullable(entries.get(key.name()))
                .map(tuple -> new ValueSite(source, tuple.getValueNode(), field(key),
                        ScenarioSource.lineOf(tuple.getKeyNode())));
    }

    /** The line of the key itself when present, else the line of this map. */
    int lineOf(ScenarioKey<?> key) {
        NodeTuple tuple = entries.get(key.name());
        return tuple == null ? line : ScenarioSource.lineOf(tuple.getKeyNode());
    }

    /** The value, or the key's default value; refuses a missing required key or a key with no value. */
    <T> T read(ScenarioKey<T> key) {
        return readOptional(key).orElseGet(() -> {
            if (key.byDefault().isRequired()) {
                throw error(key, "is required (" + key.typeName() + describeRange(key) + ")");
            }
            return key.byDefault().value();
        });
    }

    /** The value when the file gives one. */
    <T> Optional<T> readOptional(ScenarioKey<T> key) {
        return site(key).map(site -> {
            if (site.node() instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)) {
                throw site.fail(key.byDefault().isRequired()
                        ? "has no value; it is required"
                        : "has no value; give one or remove the key to use the default (" + key.byDefault().text() + ")");
            }
            return key.read(site);
        });
    }

    /** A problem with a key: at its value when present, else at this map. */
    ScenarioException error(ScenarioKey<?> key, String problem) {
        return site(key).map(site -> site.fail(problem))
                .orElseGet(() -> source.error(line, field(key), problem));
    }

    private static String describeRange(ScenarioKey<?> key) {
        String range = key.rangeText();
        return range.isEmpty() ? "" : ", " + range.replace("`", "");
    }
}
