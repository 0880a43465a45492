package io.fleetsim.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads the devices: one group from {@code fleet}, or several from {@code groups}; checks that
 * groups neither share names nor could produce the same endpoint names.
 */
final class DeviceGroupReader {

    private DeviceGroupReader() {
    }

    static List<DeviceGroup> read(MappingReader top) {
        boolean fleet = top.has(ScenarioKeys.FLEET_SECTION);
        boolean groups = top.has(ScenarioKeys.GROUPS);
        if (fleet && groups) {
            throw top.source().error(top.lineOf(ScenarioKeys.GROUPS), "groups",
                    "cannot be used together with 'fleet' (line " + top.lineOf(ScenarioKeys.FLEET_SECTION)
                            + "); give one of them");
        }
        boolean followTtl = DnsSettingsReader.read(top).followTtl();
        TopRegistration defaults = TopRegistration.of(top);
        if (groups) {
            return readGroups(top.site(ScenarioKeys.GROUPS).orElseThrow(), followTtl, defaults);
        }
        if (!fleet) {
            throw top.error(ScenarioKeys.FLEET_SECTION, "is required (or 'groups' for several device groups)");
        }
        ValueSite site = top.site(ScenarioKeys.FLEET_SECTION).orElseThrow();
        return List.of(readGroup(site.source(), site.node(), "fleet", top.lineOf(ScenarioKeys.FLEET_SECTION),
                followTtl, defaults));
    }

    private static List<DeviceGroup> readGroups(ValueSite site, boolean followTtl, TopRegistration defaults) {
        if (!(site.node() instanceof SequenceNode list)) {
            throw site.fail("expected a list of groups, got " + ScalarValues.describe(site.node()));
        }
        if (list.getValue().isEmpty()) {
            throw site.fail("must list at least one group");
        }
        List<DeviceGroup> groups = new ArrayList<>();
        List<Node> items = list.getValue();
        for (int i = 0; i < items.size(); i++) {
            String path = "groups[" + i + "]";
            DeviceGroup group = readGroup(site.source(), items.get(i), path, ScenarioSource.lineOf(items.get(i)),
                    followTtl, defaults);
            checkDistinct(site.source(), items.get(i), path, group, groups);
            groups.add(group);
        }
        checkTotal(site, groups);
        return groups;
    }

    private static DeviceGroup readGroup(ScenarioSource source, Node node, String path, int line,
                                         boolean followTtl, TopRegistration defaults) {
        MappingReader group = MappingReader.of(source, node, path, line, Section.FLEET);
        int count = Math.toIntExact(group.read(ScenarioKeys.COUNT));
        String prefix = group.read(ScenarioKeys.ENDPOINT_PREFIX);
        String ownTarget = group.readOptional(ScenarioKeys.GROUP_TARGET).orElse(null);
        Transport transport = transport(group, ownTarget);
        String name = group.readOptional(ScenarioKeys.GROUP_NAME).orElse(prefix);
        Keepalive keepalive = KeepaliveReader.read(group, transport);
        Security security = SecurityReader.read(group, transport);
        NatSettings nat = NatSettingsReader.read(group);
        GroupTarget target = bootstrapTarget(group, ownTarget, DnsSettingsReader.followTtl(group, followTtl));
        checkBootstrapSecurity(group, target, security);
        SourceAddresses sourceAddresses = SourceAddressesReader.read(group);
        DeviceBehaviour behaviour = DeviceBehaviourReader.read(group);
        Duration[] registration = registrationTimes(group, defaults);
        return new DeviceGroup(name, count, prefix, transport, security, keepalive, nat,
                ArrivalReader.readGroup(group, count), target, sourceAddresses, behaviour,
                RetryPolicyReader.readGroup(group), registration[0], registration[1],
                group.readOptional(ScenarioKeys.GROUP_BINDING).orElse(null), agents(group));
    }

    /**
     * The group's own lifetime and update interval, {@code [null, null]} when it gives neither. A
     * group with one of them takes the other from the top level (an update interval not given
     * anywhere is 90 % of the group's lifetime); the interval must stay below the lifetime.
     */
    private static Duration[] registrationTimes(MappingReader group, TopRegistration defaults) {
        boolean ownLifetime = group.has(ScenarioKeys.GROUP_LIFETIME);
        boolean ownInterval = group.has(ScenarioKeys.GROUP_UPDATE_INTERVAL);
        if (!ownLifetime && !ownInterval) {
            return new Duration[] {null, null};
        }
        long lifetime = ownLifetime ? group.read(ScenarioKeys.GROUP_LIFETIME) : defaults.lifetime();
        long interval = ownInterval ? group.read(ScenarioKeys.GROUP_UPDATE_INTERVAL)
                : defaults.updateInterval() != null ? defaults.updateInterval() : lifetime * 9 / 10;
        if (interval >= lifetime) {
            if (ownInterval) {
                throw group.error(ScenarioKeys.GROUP_UPDATE_INTERVAL, "must be less than the group's lifetime ("
                        + lifetime + (ownLifetime ? "" : ", the top-level lifetimeSeconds") + "), got " + interval);
            }
            throw group.error(ScenarioKeys.GROUP_LIFETIME, "must be more than the top-level updateIntervalSeconds ("
                    + interval + "), got " + lifetime + "; give the group an updateIntervalSeconds below it");
        }
        return new Duration[] {Duration.ofSeconds(lifetime), Duration.ofSeconds(interval)};
    }

    /** The top level's lifetime and, when given, update interval: what groups without their own follow. */
    private record TopRegistration(long lifetime, Long updateInterval) {
        static TopRegistration of(MappingReader top) {
            return new TopRegistration(top.read(ScenarioKeys.LIFETIME),
                    top.readOptional(ScenarioKeys.UPDATE_INTERVAL).orElse(null));
        }
    }

    /** A binding of LwM2M 1.1 (Core §6.2.1.1 of the TS): letters U, M, H, T, S, N, each at most once. */
    static String binding(String value) {
        if (!value.matches("[UMHTSN]+") || value.chars().distinct().count() != value.length()) {
            throw new InvalidValueException("must be LwM2M 1.1 binding letters U, M, H, T, S or N, each at most "
                    + "once (queue mode is keepalive.queueMode), got '" + value + "'");
        }
        return value;
    }

    /** The group's {@code agents}: one name or a list of distinct names; empty without the key. */
    private static java.util.List<String> agents(MappingReader group) {
        java.util.Optional<ValueSite> found = group.site(ScenarioKeys.GROUP_AGENTS);
        if (found.isEmpty()) {
            return java.util.List.of();
        }
        ValueSite site = found.get();
        java.util.List<ValueSite> items = site.items(
                "must name at least one agent (or remove the key to let every agent run the group)");
        java.util.List<String> names = new java.util.ArrayList<>();
        for (ValueSite item : items) {
            String text = ScalarValues.text(item, "an agent name (fleetsim agent --name)").trim();
            if (text.isEmpty()) {
                throw item.fail("is empty; name an agent (fleetsim agent --name)");
            }
            if (names.contains(text)) {
                throw item.fail("names agent '" + text + "' twice");
            }
            names.add(text);
        }
        return names;
    }

    /**
     * The group's target with its bootstrap: {@code bootstrap: true|false}, {@code bootstrap: {uri: ...}}
     * and {@code bootstrapTarget} (the same as {@code bootstrap.uri}; both given must agree).
     */
    private static GroupTarget bootstrapTarget(MappingReader group, String ownTarget, boolean followDns) {
        String legacyUri = group.readOptional(ScenarioKeys.BOOTSTRAP_TARGET).orElse(null);
        if (legacyUri != null) {
            checkBootstrapScheme(legacyUri, problem -> group.error(ScenarioKeys.BOOTSTRAP_TARGET, problem));
        }
        Optional<ValueSite> site = group.site(ScenarioKeys.GROUP_BOOTSTRAP);
        if (site.isEmpty()) {
            return new GroupTarget(ownTarget, legacyUri, followDns);
        }
        ValueSite value = site.get();
        if (value.node() instanceof MappingNode) {
            MappingReader bootstrap = MappingReader.of(value.source(), value.node(), value.field(), value.line(),
                    Section.BOOTSTRAP);
            String uri = bootstrap.readOptional(ScenarioKeys.BOOTSTRAP_URI).orElse(null);
            if (uri != null && legacyUri != null && !uri.equals(legacyUri)) {
                throw bootstrap.error(ScenarioKeys.BOOTSTRAP_URI, "is '" + uri + "' but the group's "
                        + group.field(ScenarioKeys.BOOTSTRAP_TARGET) + " is '" + legacyUri
                        + "'; they name the same bootstrap server: give one of them");
            }
            if (uri != null) {
                checkBootstrapScheme(uri, problem -> bootstrap.error(ScenarioKeys.BOOTSTRAP_URI, problem));
            }
            java.time.Duration finish = ScalarValues.seconds(bootstrap.read(ScenarioKeys.BOOTSTRAP_FINISH_TIMEOUT));
            return new GroupTarget(ownTarget, uri != null ? uri : legacyUri, followDns, true, finish);
        }
        if (value.node() instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)) {
            throw value.fail("has no value; give true, false or {uri: coaps://host:port}");
        }
        if (!(value.node() instanceof ScalarNode)) {
            throw value.fail("expected true, false or a map {uri: coaps://host:port}, got "
                    + ScalarValues.describe(value.node()));
        }
        boolean wanted = ScalarValues.bool(value);
        if (!wanted && legacyUri != null) {
            throw value.fail("is false but the group's " + group.field(ScenarioKeys.BOOTSTRAP_TARGET) + " is '"
                    + legacyUri + "'; remove one of them");
        }
        return new GroupTarget(ownTarget, legacyUri, followDns, wanted);
    }

    /**
     * fleetsim's devices bootstrap over CoAP/UDP or CoAP/DTLS only: a {@code coap+tcp} or
     * {@code coaps+tcp} bootstrap server is refused, the problem placed by {@code at}.
     */
    private static void checkBootstrapScheme(String uri,
            java.util.function.Function<String, ScenarioException> at) {
        if (uri.startsWith("coap+tcp:") || uri.startsWith("coaps+tcp:")) {
            throw at.apply("is '" + uri + "': fleetsim's devices bootstrap over coap:// or coaps:// only "
                    + "(CoAP over UDP or DTLS)");
        }
    }

    /** A coaps bootstrap server needs the group's credentials: {@code security} (a dtls group's). */
    private static void checkBootstrapSecurity(MappingReader group, GroupTarget target, Security security) {
        String uri = target.bootstrapUri();
        if (uri != null && uri.startsWith("coaps:") && !security.isSecure()) {
            throw group.error(group.has(ScenarioKeys.BOOTSTRAP_TARGET) ? ScenarioKeys.BOOTSTRAP_TARGET
                    : ScenarioKeys.GROUP_BOOTSTRAP, "names a coaps bootstrap server ('" + uri + "') but the group "
                    + "has no security: the devices bootstrap over DTLS with the group's `security` credentials; "
                    + "give the group transport dtls with a security mode, or a coap:// bootstrap server");
        }
    }

    /** The group's {@code transport}; with a {@code target} of its own, the target's scheme decides. */
    private static Transport transport(MappingReader group, String ownTarget) {
        if (ownTarget == null) {
            return Transport.valueOf(group.read(ScenarioKeys.TRANSPORT).toUpperCase(Locale.ROOT));
        }
        Transport served = TargetUri.transportOfUri(ownTarget);
        if (group.has(ScenarioKeys.TRANSPORT)) {
            Transport given = Transport.valueOf(group.read(ScenarioKeys.TRANSPORT).toUpperCase(Locale.ROOT));
            if (given != served) {
                throw group.error(ScenarioKeys.TRANSPORT, "is " + given.key() + " but the group's target '"
                        + ownTarget + "' serves " + served.key() + " (" + TargetUri.SCHEMES
                        + "); leave transport out, or change one of them");
            }
        }
        return served;
    }

    private static void checkDistinct(ScenarioSource source, Node node, String path, DeviceGroup group,
                                      List<DeviceGroup> earlier) {
        MappingReader reader = MappingReader.of(source, node, path, ScenarioSource.lineOf(node), Section.FLEET);
        for (int i = 0; i < earlier.size(); i++) {
            DeviceGroup other = earlier.get(i);
            if (group.endpointPrefix().equals(other.endpointPrefix())) {
                throw reader.error(ScenarioKeys.ENDPOINT_PREFIX, "'" + group.endpointPrefix()
                        + "' is already the prefix of groups[" + i + "]; endpoint prefixes must be distinct");
            }
            if (overlaps(group.endpointPrefix(), other.endpointPrefix())) {
                throw reader.error(ScenarioKeys.ENDPOINT_PREFIX, "'" + group.endpointPrefix()
                        + "' could give the same endpoint names as '" + other.endpointPrefix()
                        + "' of groups[" + i + "]; endpoint prefixes must be distinct");
            }
            if (group.name().equals(other.name())) {
                throw reader.error(ScenarioKeys.GROUP_NAME, "'" + group.name()
                        + "' is already the name of groups[" + i + "]; group names must be distinct");
            }
        }
    }

    /** Two prefixes clash when one is the other followed only by digits (or nothing). */
    static boolean overlaps(String a, String b) {
        String longer = a.length() >= b.length() ? a : b;
        String shorter = longer == a ? b : a;
        return longer.startsWith(shorter)
                && longer.substring(shorter.length()).chars().allMatch(Character::isDigit);
    }

    private static void checkTotal(ValueSite site, List<DeviceGroup> groups) {
        long total = groups.stream().mapToLong(DeviceGroup::count).sum();
        if (total > ScenarioKeys.MAX_DEVICES) {
            throw site.fail("the groups hold " + total + " devices in all; at most "
                    + ScenarioKeys.MAX_DEVICES + " are allowed");
        }
    }
}
