package io.fleetsim.tune;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.ScenarioException;
import io.fleetsim.scenario.ScenarioNodes;

/**
 * Reads a tune file: a base scenario (every scenario key but {@code thresholds}) plus a
 * {@code sweep} section. Each cell's scenario is the base with the sweep's values written into
 * its node tree and is checked by the scenario loader itself, before anything runs; a problem is
 * reported at the line the user wrote it, under the tune file's own field name.
 */
public final class TuneFileLoader {

    private final Path file;

    private TuneFileLoader(Path file) {
        this.file = file;
    }

    /** Reads and checks the tune file, and builds the scenario of every cell. */
    public static TuneFile load(Path file) {
        return new TuneFileLoader(file).read(ScenarioNodes.compose(file, "tune file"));
    }

    private TuneFile read(Node rootNode) {
        Map<String, NodeTuple> top = YamlNodes.entries(file, rootNode, "");
        MappingNode root = (MappingNode) rootNode;
        NodeTuple sweepTuple = top.get("sweep");
        if (sweepTuple == null) {
            throw ScenarioNodes.error(file, root, "sweep",
                    "is required: a tune file is a scenario plus a sweep section (see docs/tune.md)");
        }
        if (top.containsKey("thresholds")) {
            throw ScenarioNodes.error(file, top.get("thresholds").getKeyNode(), "thresholds",
                    "a tune file judges every cell by sweep.goal; remove thresholds");
        }
        String name = YamlNodes.text(top.containsKey("name") ? top.get("name").getValueNode() : root);
        if (!top.containsKey("name") || name == null) {
            throw ScenarioNodes.error(file, root, "name", "is required (used in the results directory name)");
        }
        SweepSettings sweep = new SweepReader(file).read(sweepTuple.getValueNode());
        List<GroupSite> groups = groups(top, root);
        checkBaseKeys(top, sweep);
        for (GroupSite g : groups) {
            checkGroup(g, sweep);
        }
        MappingNode base = YamlNodes.without(root, List.of("sweep", "groups", "fleet", "thresholds"));
        List<TuneCell> cells = new ArrayList<>();
        for (int p = 0; p < sweep.profiles().size(); p++) {
            for (GroupSite g : groups) {
                for (SweepSettings.Sited<Candidate> c : sweep.candidates()) {
                    cells.add(cell(name, base, sweep, p, g, c, cells.size()));
                }
            }
        }
        return new TuneFile(name, file, sweep.profiles().stream().map(SweepSettings.Sited::value).toList(),
                groups.stream().map(GroupSite::name).toList(),
                sweep.candidates().stream().map(SweepSettings.Sited::value).toList(),
                sweep.devicesPerCell(), YamlNodes.text(sweep.goal()), cells.get(0).scenario().radio(), cells);
    }

    /** A group as written: its map, its field name ({@code groups[1]}) and the name cells use. */
    private record GroupSite(MappingNode node, String field, String name, Map<String, NodeTuple> keys) {
    }

    private List<GroupSite> groups(Map<String, NodeTuple> top, MappingNode root) {
        List<GroupSite> out = new ArrayList<>();
        if (top.containsKey("fleet") && top.containsKey("groups")) {
            throw ScenarioNodes.error(file, top.get("groups").getKeyNode(), "groups",
                    "cannot be used together with 'fleet'; give one of them");
        }
        if (top.containsKey("fleet")) {
            out.add(group(top.get("fleet").getValueNode(), "fleet"));
        } else if (top.containsKey("groups") && top.get("groups").getValueNode() instanceof SequenceNode list
                && !list.getValue().isEmpty()) {
            for (int i = 0; i < list.getValue().size(); i++) {
                GroupSite g = group(list.getValue().get(i), "groups[" + i + "]");
                if (out.stream().anyMatch(o -> o.name().equals(g.name()))) {
                    throw ScenarioNodes.error(file, g.node(), g.field() + ".name",
                            "'" + g.name() + "' is already the name of another group; group names must be distinct");
                }
                out.add(g);
            }
        } else {
            throw ScenarioNodes.error(file, top.containsKey("groups") ? top.get("groups").getValueNode() : root,
                    top.containsKey("groups") ? "groups" : "fleet",
                    "a tune file needs the devices: 'fleet' (one group) or 'groups' (a list of groups)");
        }
        return out;
    }

    private GroupSite group(Node node, String field) {
        Map<String, NodeTuple> keys = YamlNodes.entries(file, node, field);
        String prefix = keys.containsKey("endpointPrefix") ? YamlNodes.text(keys.get("endpointPrefix").getValueNode())
                : "fleetsim-";
        String name = keys.containsKey("name") ? YamlNodes.text(keys.get("name").getValueNode()) : prefix;
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw ScenarioNodes.error(file, node, field + ".name", "expected a group name ([A-Za-z0-9._-]+)");
        }
        return new GroupSite((MappingNode) node, field, name, keys);
    }

    private void checkGroup(GroupSite g, SweepSettings sweep) {
        if (g.keys().containsKey("count")) {
            throw ScenarioNodes.error(file, g.keys().get("count").getKeyNode(), g.field() + ".count",
                    "the sweep sets every cell's device count (sweep.devicesPerCell); remove count");
        }
        NodeTuple nat = g.keys().get("nat");
        if (nat != null && YamlNodes.entries(file, nat.getValueNode(), g.field() + ".nat").containsKey("profile")) {
            throw ScenarioNodes.error(file, nat.getValueNode(), g.field() + ".nat.profile",
                    "the sweep sets every cell's NAT profile (sweep.natProfiles); remove it");
        }
        boolean updates = sweep.candidates().stream().anyMatch(c -> c.value().kind() == Candidate.Kind.UPDATE);
        if (updates && g.keys().containsKey("updateIntervalSeconds")) {
            throw ScenarioNodes.error(file, g.keys().get("updateIntervalSeconds").getKeyNode(),
                    g.field() + ".updateIntervalSeconds", "the sweep sets it (sweep.updateIntervalSeconds); remove it");
        }
        NodeTuple keepalive = g.keys().get("keepalive");
        boolean pings = sweep.candidates().stream().anyMatch(c -> c.value().kind() == Candidate.Kind.PING);
        if (pings && keepalive != null && YamlNodes.entries(file, keepalive.getValueNode(), g.field() + ".keepalive")
                .containsKey("coapPingSeconds")) {
            throw ScenarioNodes.error(file, keepalive.getValueNode(), g.field() + ".keepalive.coapPingSeconds",
                    "the sweep sets it (sweep.coapPingSeconds); remove it");
        }
    }

    private void checkBaseKeys(Map<String, NodeTuple> top, SweepSettings sweep) {
        boolean updates = sweep.candidates().stream().anyMatch(c -> c.value().kind() == Candidate.Kind.UPDATE);
        if (updates && top.containsKey("updateIntervalSeconds")) {
            throw ScenarioNodes.error(file, top.get("updateIntervalSeconds").getKeyNode(), "updateIntervalSeconds",
                    "the sweep sets it (sweep.updateIntervalSeconds); remove it");
        }
    }

    private TuneCell cell(String name, MappingNode base, SweepSettings sweep, int profileIndex, GroupSite g,
            SweepSettings.Sited<Candidate> c, int index) {
        SweepSettings.Sited<String> profile = sweep.profiles().get(profileIndex);
        Candidate candidate = c.value();
        MappingNode group = YamlNodes.with(g.node(), "count",
                YamlNodes.scalar(Tag.INT, Integer.toString(sweep.devicesPerCell()), sweep.devicesNode()));
        String prefix = g.keys().containsKey("endpointPrefix")
                ? YamlNodes.text(g.keys().get("endpointPrefix").getValueNode()) : "fleetsim-";
        group = YamlNodes.with(group, "endpointPrefix", YamlNodes.scalar(Tag.STR, prefix + "c" + index + "-",
                g.keys().containsKey("endpointPrefix") ? g.keys().get("endpointPrefix").getValueNode() : g.node()));
        group = YamlNodes.with(group, "name", YamlNodes.scalar(Tag.STR, g.name(), g.node()));
        MappingNode nat = g.keys().containsKey("nat") ? (MappingNode) g.keys().get("nat").getValueNode()
                : YamlNodes.emptyMap(profile.node());
        group = YamlNodes.with(group, "nat", YamlNodes.with(nat, "profile", profile.node()));
        MappingNode root = base;
        Node seconds = YamlNodes.scalar(Tag.INT, Long.toString(candidate.seconds()), c.node());
        if (candidate.kind() == Candidate.Kind.PING) {
            MappingNode keepalive = g.keys().containsKey("keepalive")
                    ? (MappingNode) g.keys().get("keepalive").getValueNode() : YamlNodes.emptyMap(c.node());
            group = YamlNodes.with(group, "keepalive", YamlNodes.with(keepalive, "coapPingSeconds", seconds));
        } else {
            root = YamlNodes.with(root, "updateIntervalSeconds", seconds);
        }
        root = YamlNodes.with(root, "fleet", group);
        root = YamlNodes.with(root, "thresholds", YamlNodes.listOf(sweep.goal()));
        String cellName = name + "-" + profile.value() + "-" + g.name() + "-" + candidate.label();
        root = YamlNodes.with(root, "name", YamlNodes.scalar(Tag.STR, cellName, root));
        Scenario scenario = readCell(root, Map.of(
                "fleet.count", "sweep.devicesPerCell",
                "fleet.nat.profile", "sweep.natProfiles[" + profileIndex + "]",
                "fleet.keepalive.coapPingSeconds", "sweep." + candidate.kind().key(),
                "updateIntervalSeconds", "sweep." + candidate.kind().key(),
                "thresholds[0]", "sweep.goal",
                "fleet", g.field()));
        return new TuneCell(profile.value(), g.name(), candidate, scenario);
    }

    /** The cell's scenario; a problem is renamed from the cell's field to the tune file's. */
    private Scenario readCell(MappingNode root, Map<String, String> renames) {
        try {
            return ScenarioNodes.read(root, file);
        } catch (ScenarioException e) {
            String prefix = file + ":" + e.line() + ": " + e.field() + ": ";
            if (!e.getMessage().startsWith(prefix)) {
                throw e;
            }
            String field = rename(e.field(), renames);
            throw new ScenarioException(file + ":" + e.line() + ": " + field + ": "
                    + e.getMessage().substring(prefix.length()), e.line(), field);
        }
    }

    private static String rename(String field, Map<String, String> renames) {
        if (renames.containsKey(field)) {
            return renames.get(field);
        }
        if (field.startsWith("fleet.") || field.equals("fleet")) {
            return renames.get("fleet") + field.substring("fleet".length());
        }
        return field;
    }
}
