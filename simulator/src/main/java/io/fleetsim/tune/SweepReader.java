package io.fleetsim.tune;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import io.fleetsim.scenario.ScenarioException;
import io.fleetsim.scenario.ScenarioNodes;

/**
 * Reads and checks the {@code sweep} section of a tune file; every problem names the file, the
 * line and the field ({@code sweep.coapPingSeconds.step}), as scenario problems do.
 */
final class SweepReader {

    /** Default devices per cell: about 1000 device-samples give +-0.1 pp at 99.9 % (docs/tune.md). */
    static final int DEFAULT_DEVICES_PER_CELL = 1000;
    static final String DEFAULT_GOAL = "reachability >= 99.9%";
    static final int MAX_CANDIDATES = 50;
    private static final long MAX_SECONDS = 31_536_000;
    private static final List<String> KEYS = List.of("natProfiles", "coapPingSeconds", "updateIntervalSeconds",
            "devicesPerCell", "goal");
    private static final List<String> RANGE_KEYS = List.of("from", "to", "step");

    private final Path file;

    SweepReader(Path file) {
        this.file = file;
    }

    SweepSettings read(Node sweep) {
        NodeTuple radio = YamlNodes.entries(file, sweep, "sweep").get("radio");
        if (radio != null) {
            throw fail(radio.getKeyNode(), "sweep.radio", "the radio model is a scenario key now: move this map"
                    + " to the top level of the file (radio: {profile: lte-m}), where every cell reads it");
        }
        Map<String, NodeTuple> keys = known(sweep, "sweep", KEYS);
        List<SweepSettings.Sited<String>> profiles = profiles(required(keys, sweep, "natProfiles"));
        List<SweepSettings.Sited<Candidate>> candidates = new ArrayList<>();
        for (Candidate.Kind kind : Candidate.Kind.values()) {
            if (keys.containsKey(kind.key())) {
                candidates.addAll(candidates(kind, keys.get(kind.key()).getValueNode()));
            }
        }
        if (candidates.isEmpty()) {
            throw ScenarioNodes.error(file, sweep, "sweep",
                    "give the candidates: coapPingSeconds and/or updateIntervalSeconds, a list or {from, to, step}");
        }
        Node devicesNode = keys.containsKey("devicesPerCell") ? keys.get("devicesPerCell").getValueNode() : sweep;
        int devices = keys.containsKey("devicesPerCell")
                ? (int) integer(devicesNode, "sweep.devicesPerCell", 1, 100_000) : DEFAULT_DEVICES_PER_CELL;
        Node goal = keys.containsKey("goal") ? keys.get("goal").getValueNode()
                : YamlNodes.scalar(Tag.STR, DEFAULT_GOAL, sweep);
        if (YamlNodes.text(goal) == null) {
            throw fail(goal, "sweep.goal", "expected a rule such as 'reachability >= 99.9%'");
        }
        return new SweepSettings(profiles, candidates, devices, devicesNode, goal);
    }

    private Map<String, NodeTuple> known(Node node, String field, List<String> allowed) {
        Map<String, NodeTuple> entries = YamlNodes.entries(file, node, field);
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw fail(e.getValue().getKeyNode(), field + "." + e.getKey(),
                        "unknown key" + ScenarioNodes.didYouMean(e.getKey(), allowed) + " (known: "
                                + String.join(", ", allowed) + ")");
            }
            if (YamlNodes.isNull(e.getValue().getValueNode())) {
                throw fail(e.getValue().getKeyNode(), field + "." + e.getKey(), "has no value");
            }
        }
        return entries;
    }

    private Node required(Map<String, NodeTuple> keys, Node sweep, String key) {
        NodeTuple t = keys.get(key);
        if (t == null) {
            throw fail(sweep, "sweep." + key, "is required");
        }
        return t.getValueNode();
    }

    private List<SweepSettings.Sited<String>> profiles(Node node) {
        if (!(node instanceof SequenceNode list) || list.getValue().isEmpty()) {
            throw fail(node, "sweep.natProfiles", "expected a list of NAT profile names, e.g. [cellular-udp-30s]");
        }
        List<SweepSettings.Sited<String>> out = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            Node item = list.getValue().get(i);
            String name = YamlNodes.text(item);
            String field = "sweep.natProfiles[" + i + "]";
            if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
                throw fail(item, field, "expected a profile name ([A-Za-z0-9._-]+)");
            }
            if (out.stream().anyMatch(p -> p.value().equals(name))) {
                throw fail(item, field, "'" + name + "' is listed twice");
            }
            out.add(new SweepSettings.Sited<>(name, item));
        }
        return out;
    }

    private List<SweepSettings.Sited<Candidate>> candidates(Candidate.Kind kind, Node node) {
        String field = "sweep." + kind.key();
        List<SweepSettings.Sited<Candidate>> out = new ArrayList<>();
        if (node instanceof SequenceNode list) {
            for (int i = 0; i < list.getValue().size(); i++) {
                Node item = list.getValue().get(i);
                long seconds = integer(item, field + "[" + i + "]", 1, MAX_SECONDS);
                add(out, new Candidate(kind, seconds), item, field + "[" + i + "]");
            }
        } else {
            Map<String, NodeTuple> range = known(node, field, RANGE_KEYS);
            long from = integer(required(range, node, "from", field), field + ".from", 1, MAX_SECONDS);
            long to = integer(required(range, node, "to", field), field + ".to", from, MAX_SECONDS);
            long step = integer(required(range, node, "step", field), field + ".step", 1, MAX_SECONDS);
            if ((to - from) / step + 1 > MAX_CANDIDATES) {
                throw fail(node, field, "gives " + ((to - from) / step + 1) + " candidates; at most "
                        + MAX_CANDIDATES + " (each is a fleet run per profile and group)");
            }
            for (long s = from; s <= to; s += step) {
                add(out, new Candidate(kind, s), node, field);
            }
        }
        if (out.isEmpty()) {
            throw fail(node, field, "lists no candidates");
        }
        return out;
    }

    private Node required(Map<String, NodeTuple> keys, Node at, String key, String field) {
        NodeTuple t = keys.get(key);
        if (t == null) {
            throw fail(at, field + "." + key, "is required (a range is {from, to, step})");
        }
        return t.getValueNode();
    }

    private void add(List<SweepSettings.Sited<Candidate>> out, Candidate c, Node at, String field) {
        if (out.stream().anyMatch(s -> s.value().equals(c))) {
            throw fail(at, field, c.seconds() + " is listed twice");
        }
        if (out.size() >= MAX_CANDIDATES) {
            throw fail(at, field, "at most " + MAX_CANDIDATES + " candidates");
        }
        out.add(new SweepSettings.Sited<>(c, at));
    }


    private long integer(Node node, String field, long min, long max) {
        BigDecimal value = number(node, field);
        if (value.stripTrailingZeros().scale() > 0) {
            throw fail(node, field, "must be a whole number, got " + YamlNodes.text(node));
        }
        if (value.compareTo(BigDecimal.valueOf(min)) < 0) {
            throw fail(node, field, "must be at least " + min + ", got " + YamlNodes.text(node));
        }
        if (value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw fail(node, field, "must be at most " + max + ", got " + YamlNodes.text(node));
        }
        return value.longValueExact();
    }

    private BigDecimal number(Node node, String field) {
        String text = YamlNodes.text(node);
        boolean numeric = node.getTag().equals(Tag.INT) || node.getTag().equals(Tag.FLOAT);
        if (text == null || !numeric) {
            throw fail(node, field, "expected a number (s), got " + (text == null ? "a "
                    + node.getNodeType().name().toLowerCase() : "'" + text + "'"));
        }
        try {
            return new BigDecimal(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw fail(node, field, "expected a plain number, got '" + text + "'");
        }
    }

    private ScenarioException fail(Node at, String field, String problem) {
        return ScenarioNodes.error(file, at, field, problem);
    }
}
