package io.fleetsim.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Copies the scenario file into the results directory with its secrets ({@code pskKeySeed}) hidden,
 * in block style ({@code pskKeySeed: x}) and flow style ({@code {mode: psk, pskKeySeed: x}}) alike.
 */
final class ScenarioCopy {

    static final String HIDDEN = "\"<hidden>\"";
    private static final Set<String> SECRET_KEYS = Set.of("pskKeySeed");
    /** Without a YAML tree (the text does not parse): every line naming a secret key loses its value. */
    private static final Pattern SECRET_LINE = Pattern.compile("(?m)^(.*?\\bpskKeySeed\\b\\s*:).*$");

    /** A value's text: anchor and tag properties, the value itself, the white space after it. */
    private static final Pattern VALUE_SPAN = Pattern.compile("((?:[&!]\\S*\\s+)*)(.*?)(\\s*)", Pattern.DOTALL);

    private ScenarioCopy() {
    }

    static void write(Path scenario, Path copy) throws IOException {
        String text = Files.readString(scenario, StandardCharsets.UTF_8);
        Files.writeString(copy, redact(text), StandardCharsets.UTF_8);
    }

    /** The text with the value of every secret key replaced by {@value #HIDDEN}, the rest untouched. */
    static String redact(String yaml) {
        List<Node> roots = new ArrayList<>();
        try {
            new Compose(LoadSettings.builder().setMaxAliasesForCollections(50).build())
                    .composeAllFromString(yaml).forEach(roots::add);
        } catch (YamlEngineException e) {
            return SECRET_LINE.matcher(yaml).replaceAll("$1 " + HIDDEN);
        }
        // by position in the text (an anchored value two keys share counts once), replaced from the
        // end backwards so that earlier positions stay valid
        TreeMap<Integer, Node> secrets = new TreeMap<>(Comparator.reverseOrder());
        roots.forEach(root -> collect(root, secrets));
        StringBuilder text = new StringBuilder(yaml);
        for (Node secret : secrets.values()) {
            int start = yaml.offsetByCodePoints(0, secret.getStartMark().orElseThrow().getIndex());
            int end = yaml.offsetByCodePoints(0, secret.getEndMark().orElseThrow().getIndex());
            String span = yaml.substring(start, end);
            Matcher parts = VALUE_SPAN.matcher(span);
            if (parts.matches()) { // keep an anchor or tag before the value, and the line break after a block scalar
                text.replace(start, end, parts.group(1) + HIDDEN + parts.group(3));
            }
        }
        return text.toString();
    }

    private static void collect(Node node, Map<Integer, Node> secrets) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && SECRET_KEYS.contains(key.getValue())
                        && tuple.getValueNode().getStartMark().isPresent()) {
                    secrets.put(tuple.getValueNode().getStartMark().get().getIndex(), tuple.getValueNode());
                } else {
                    collect(tuple.getValueNode(), secrets);
                }
            }
        } else if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(item -> collect(item, secrets));
        }
    }
}
