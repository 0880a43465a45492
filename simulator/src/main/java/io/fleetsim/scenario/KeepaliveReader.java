package io.fleetsim.scenario;

import java.time.Duration;
import java.util.Locale;

/** Reads the {@code keepalive} map of a device group. */
final class KeepaliveReader {

    private KeepaliveReader() {
    }

    static Keepalive read(MappingReader group) {
        return group.site(ScenarioKeys.KEEPALIVE_SECTION).map(site -> {
            MappingReader keepalive = MappingReader.of(site.source(), site.node(), site.field(), site.line(),
                    Section.KEEPALIVE);
            Duration ping = keepalive.readOptional(ScenarioKeys.COAP_PING).map(Duration::ofSeconds).orElse(null);
            Keepalive.Method method = Keepalive.Method.valueOf(keepalive.read(ScenarioKeys.KEEPALIVE_METHOD)
                    .toUpperCase(Locale.ROOT).replace('-', '_'));
            if (ping == null && keepalive.has(ScenarioKeys.KEEPALIVE_METHOD)) {
                throw keepalive.error(ScenarioKeys.KEEPALIVE_METHOD,
                        "needs keepalive.coapPingSeconds, the idle time after which the keepalive is sent");
            }
            return new Keepalive(ping, keepalive.read(ScenarioKeys.QUEUE_MODE), method);
        }).orElse(Keepalive.DEFAULT);
    }
}
