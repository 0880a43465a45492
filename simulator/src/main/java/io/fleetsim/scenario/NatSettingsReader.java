package io.fleetsim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads the {@code nat} map of a device group: a named profile, if any, with the group's own keys
 * over it. The timeouts come in two families, each taken as a whole from the group when the group
 * gives any of its keys, else from the profile: the UDP one ({@code idleTimeoutSeconds},
 * {@code udpIdleTimeoutSeconds}, {@code unrepliedTimeoutSeconds}, {@code streamTimeoutSeconds}) and
 * the TCP one ({@code idleTimeoutSeconds}, {@code tcpIdleTimeoutSeconds}, {@code streamTimeoutSeconds}).
 */
final class NatSettingsReader {

    private static final DecimalKey ITEM_SECONDS = new DecimalKey(Section.NAT, "seconds", "s", 0, true,
            ScenarioKeys.ONE_YEAR_SECONDS, KeyDefault.required(), "");
    private static final DecimalKey ITEM_WEIGHT = new DecimalKey(Section.NAT, "weight", "", 0, true, 1e9,
            KeyDefault.of(1.0), "");
    private static final DecimalKey PERCENT = new DecimalKey(Section.NAT, "lossPercent", "%", 0, false, 100,
            KeyDefault.of(0.0), "");
    private static final DecimalKey FLUSH_AT = new DecimalKey(Section.NAT, "flushAtSeconds", "s", 0, false,
            ScenarioKeys.ONE_YEAR_SECONDS, KeyDefault.required(), "");
    private static final List<ScenarioKey<?>> UDP_TIMEOUT_KEYS = List.of(ScenarioKeys.NAT_IDLE_TIMEOUT,
            ScenarioKeys.NAT_UDP_IDLE_TIMEOUT, ScenarioKeys.NAT_UNREPLIED_TIMEOUT, ScenarioKeys.NAT_STREAM_TIMEOUT);
    private static final List<ScenarioKey<?>> TCP_TIMEOUT_KEYS = List.of(ScenarioKeys.NAT_IDLE_TIMEOUT,
            ScenarioKeys.NAT_TCP_IDLE_TIMEOUT, ScenarioKeys.NAT_STREAM_TIMEOUT);

    private NatSettingsReader() {
    }

    static NatSettings read(MappingReader group) {
        Optional<ValueSite> site = group.site(ScenarioKeys.NAT_SECTION);
        if (site.isEmpty()) {
            return NatSettings.NONE;
        }
        ValueSite at = site.get();
        MappingReader own = MappingReader.of(at.source(), at.node(), at.field(), at.line(), Section.NAT);
        Optional<String> profileName = own.readOptional(ScenarioKeys.NAT_PROFILE);
        MappingReader profile = profileName
                .map(name -> NatProfiles.load(name, own.site(ScenarioKeys.NAT_PROFILE).orElseThrow()))
                .orElse(null);
        Layers layers = new Layers(own, profile);
        double[] loss = loss(layers.pick(ScenarioKeys.NAT_LOSS));
        return new NatSettings(true, profileName.orElse(null), timeouts(layers.timeouts(UDP_TIMEOUT_KEYS)),
                layers.read(ScenarioKeys.NAT_INBOUND_REFRESH),
                NatSettings.PortAllocation.valueOf(upper(layers.read(ScenarioKeys.NAT_PORT_ALLOCATION))),
                filtering(layers.read(ScenarioKeys.NAT_FILTERING)),
                loss[0], loss[1], layers.read(ScenarioKeys.NAT_DELAY), layers.read(ScenarioKeys.NAT_JITTER),
                flushes(layers.pick(ScenarioKeys.NAT_FLUSH)), layers.read(ScenarioKeys.NAT_SEED),
                NatSettings.TcpExpiry.valueOf(upper(layers.read(ScenarioKeys.NAT_TCP_EXPIRY))),
                tcpTimeouts(layers.timeouts(TCP_TIMEOUT_KEYS)), layers.read(ScenarioKeys.NAT_DEAD_MAPPING_HOLD));
    }

    /** The RFC 4787 filtering behaviour a {@code filtering} word names. */
    static NatSettings.Filtering filtering(String word) {
        return NatSettings.Filtering.valueOf(upper(word));
    }

    private static String upper(String word) {
        return word.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The group's own map over the profile's. */
    private record Layers(MappingReader own, MappingReader profile) {

        MappingReader pick(ScenarioKey<?> key) {
            return own.has(key) || profile == null || !profile.has(key) ? own : profile;
        }

        <T> T read(ScenarioKey<T> key) {
            return pick(key).read(key);
        }

        /** The layer a family of timeout keys comes from, as a whole. */
        MappingReader timeouts(List<ScenarioKey<?>> family) {
            boolean ownGivesAny = family.stream().anyMatch(own::has);
            return ownGivesAny || profile == null ? own : profile;
        }
    }

    /** The UDP timeouts: {@code udpIdleTimeoutSeconds}, else {@code idleTimeoutSeconds}, else the Linux pair. */
    private static List<NatSettings.TimeoutOption> timeouts(MappingReader map) {
        ScenarioKey<?> idleKey = map.has(ScenarioKeys.NAT_UDP_IDLE_TIMEOUT) ? ScenarioKeys.NAT_UDP_IDLE_TIMEOUT
                : ScenarioKeys.NAT_IDLE_TIMEOUT;
        boolean idle = map.has(idleKey);
        boolean unreplied = map.has(ScenarioKeys.NAT_UNREPLIED_TIMEOUT);
        boolean stream = map.has(ScenarioKeys.NAT_STREAM_TIMEOUT);
        if (idle && (unreplied || stream)) {
            ScenarioKey<?> other = unreplied ? ScenarioKeys.NAT_UNREPLIED_TIMEOUT : ScenarioKeys.NAT_STREAM_TIMEOUT;
            throw map.error(other, "cannot be used together with " + idleKey.name() + " (line "
                    + map.lineOf(idleKey) + "); give " + idleKey.name() + ", or the Linux-style "
                    + "unrepliedTimeoutSeconds and streamTimeoutSeconds");
        }
        if (idle) {
            return idleTimeouts(map.site(idleKey).orElseThrow());
        }
        double u = map.readOptional(ScenarioKeys.NAT_UNREPLIED_TIMEOUT).orElse(NatSettings.LINUX_UDP.unrepliedSeconds());
        double s = map.readOptional(ScenarioKeys.NAT_STREAM_TIMEOUT).orElse(NatSettings.LINUX_UDP.streamSeconds());
        return List.of(new NatSettings.TimeoutOption(u, s, 1));
    }

    /**
     * The TCP timeouts: {@code tcpIdleTimeoutSeconds}, else {@code idleTimeoutSeconds}, else the
     * stream timeout (a connection is established at once), 120 s when none is given.
     */
    private static List<NatSettings.TimeoutOption> tcpTimeouts(MappingReader map) {
        for (ScenarioKey<?> key : List.of(ScenarioKeys.NAT_TCP_IDLE_TIMEOUT, ScenarioKeys.NAT_IDLE_TIMEOUT)) {
            if (map.has(key)) {
                return idleTimeouts(map.site(key).orElseThrow());
            }
        }
        double s = map.readOptional(ScenarioKeys.NAT_STREAM_TIMEOUT).orElse(NatSettings.LINUX_UDP.streamSeconds());
        return List.of(new NatSettings.TimeoutOption(s, s, 1));
    }

    private static List<NatSettings.TimeoutOption> idleTimeouts(ValueSite site) {
        if (site.node() instanceof MappingNode) {
            return List.of(uniform(site));
        }
        if (!(site.node() instanceof SequenceNode list)) {
            double seconds = ITEM_SECONDS.read(site);
            return List.of(new NatSettings.TimeoutOption(seconds, seconds, 1));
        }
        if (list.getValue().isEmpty()) {
            throw site.fail("must list at least one {seconds, weight} choice");
        }
        List<NatSettings.TimeoutOption> options = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            Node item = list.getValue().get(i);
            String field = site.field() + "[" + i + "]";
            if (!(item instanceof MappingNode)) {
                throw ValueSite.item(site.source(), item, field)
                        .fail("expected a map like {seconds: 30, weight: 0.4}, got " + ScalarValues.describe(item));
            }
            MappingReader choice = MappingReader.of(site.source(), item, field,
                    ScenarioSource.lineOf(item), List.of(ITEM_SECONDS, ITEM_WEIGHT));
            double seconds = choice.read(ITEM_SECONDS);
            options.add(new NatSettings.TimeoutOption(seconds, seconds, choice.read(ITEM_WEIGHT)));
        }
        return options;
    }

    /** {@code {uniform: [low, high]}}: each device draws its idle timeout evenly between the two. */
    private static NatSettings.TimeoutOption uniform(ValueSite site) {
        StructureKey uniformKey = new StructureKey(Section.NAT, "uniform", "list of two numbers", KeyDefault.required(), "");
        MappingReader map = MappingReader.of(site.source(), site.node(), site.field(), site.line(), List.of(uniformKey));
        ValueSite range = map.site(uniformKey).orElseThrow(() -> site.fail(
                "expected {uniform: [low, high]} (seconds), a number or a list of {seconds, weight} choices"));
        if (!(range.node() instanceof SequenceNode bounds) || bounds.getValue().size() != 2) {
            throw range.fail("expected two numbers [low, high], got " + ScalarValues.describe(range.node()));
        }
        double low = ITEM_SECONDS.read(ValueSite.item(range.source(), bounds.getValue().get(0), range.field() + "[0]"));
        double high = ITEM_SECONDS.read(ValueSite.item(range.source(), bounds.getValue().get(1), range.field() + "[1]"));
        if (high < low) {
            throw range.fail("the high end (" + high + " s) is below the low end (" + low + " s)");
        }
        return new NatSettings.TimeoutOption(low, low, 1, high);
    }

    /** Uplink and downlink loss as shares 0..1. */
    private static double[] loss(MappingReader map) {
        Optional<ValueSite> site = map.site(ScenarioKeys.NAT_LOSS);
        if (site.isEmpty()) {
            return new double[] {0, 0};
        }
        ValueSite at = site.get();
        if (!(at.node() instanceof MappingNode)) {
            double both = PERCENT.read(at) / 100;
            return new double[] {both, both};
        }
        DecimalKey up = new DecimalKey(Section.NAT, "up", "%", 0, false, 100, KeyDefault.of(0.0), "");
        DecimalKey down = new DecimalKey(Section.NAT, "down", "%", 0, false, 100, KeyDefault.of(0.0), "");
        MappingReader directions = MappingReader.of(at.source(), at.node(), at.field(), at.line(),
                List.of(up, down));
        return new double[] {directions.read(up) / 100, directions.read(down) / 100};
    }

    private static List<Double> flushes(MappingReader map) {
        Optional<ValueSite> site = map.site(ScenarioKeys.NAT_FLUSH);
        if (site.isEmpty()) {
            return List.of();
        }
        if (!(site.get().node() instanceof SequenceNode list)) {
            throw site.get().fail("expected a list of seconds like [600, 1200], got "
                    + ScalarValues.describe(site.get().node()));
        }
        List<Double> at = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            Node item = list.getValue().get(i);
            at.add(FLUSH_AT.read(ValueSite.item(site.get().source(), item, site.get().field() + "[" + i + "]")));
        }
        return at.stream().sorted().toList();
    }
}
