package io.fleetsim.scenario;

import java.time.Duration;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/** Turns the node tree of a scenario file into a checked {@link Scenario}. */
final class ScenarioReader {

    private final ScenarioSource source;

    ScenarioReader(ScenarioSource source) {
        this.source = source;
    }

    Scenario read(Node root) {
        MappingReader top = MappingReader.of(source, root, "", ScenarioSource.lineOf(root), Section.TOP);
        String name = top.read(ScenarioKeys.NAME);
        String target = top.readOptional(ScenarioKeys.TARGET).orElse(null);
        RetryPolicy registrationRetry = registrationRetry(top);
        List<DeviceGroup> groups = DeviceGroupReader.read(top);
        TargetUri.checkGroups(top, target, groups);
        int deviceCount = groups.stream().filter(g -> g.arrival() == null).mapToInt(DeviceGroup::count).sum();
        Arrival arrival = ArrivalReader.read(top, deviceCount);
        long lifetime = top.read(ScenarioKeys.LIFETIME);
        long updateInterval = updateInterval(top, lifetime);
        long duration = top.read(ScenarioKeys.DURATION);
        double timeScale = top.read(ScenarioKeys.TIME_SCALE);
        return new Scenario(name, source.name(), target, groups, arrival,
                Duration.ofSeconds(lifetime), Duration.ofSeconds(updateInterval), Duration.ofSeconds(duration),
                timeScale, coap(top), registrationRetry, top.read(ScenarioKeys.DEREGISTER_AT_END),
                ThresholdListReader.read(top, groups.stream().map(DeviceGroup::name).toList()),
                ProbeSettingsReader.read(top), RadioSettingsReader.read(top),
                ServerSettingsReader.read(top, target, groups), RunEventReader.read(top, target),
                DnsSettingsReader.read(top));
    }

    private static long updateInterval(MappingReader top, long lifetime) {
        long interval = top.readOptional(ScenarioKeys.UPDATE_INTERVAL).orElse(lifetime * 9 / 10);
        if (interval >= lifetime) {
            throw top.error(ScenarioKeys.UPDATE_INTERVAL,
                    "must be less than lifetimeSeconds (" + lifetime + "), got " + interval);
        }
        return interval;
    }

    private MappingReader section(MappingReader top, StructureKey key, Section section) {
        return top.site(key)
                .map(site -> MappingReader.of(source, site.node(), key.name(), top.lineOf(key), section))
                .orElse(null);
    }

    private CoapSettings coap(MappingReader top) {
        MappingReader coap = section(top, ScenarioKeys.COAP_SECTION, Section.COAP);
        if (coap == null) {
            return CoapSettings.DEFAULTS;
        }
        return new CoapSettings(Duration.ofMillis(coap.read(ScenarioKeys.ACK_TIMEOUT)),
                coap.read(ScenarioKeys.ACK_RANDOM_FACTOR),
                Math.toIntExact(coap.read(ScenarioKeys.MAX_RETRANSMIT)));
    }

    private RetryPolicy registrationRetry(MappingReader top) {
        MappingReader retry = section(top, ScenarioKeys.RETRY_SECTION, Section.REGISTRATION_RETRY);
        return retry == null ? RetryPolicy.DEFAULTS : RetryPolicyReader.read(retry);
    }
}
