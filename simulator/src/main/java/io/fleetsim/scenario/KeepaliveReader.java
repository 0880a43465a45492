package io.fleetsim.scenario;

import java.time.Duration;
import java.util.Optional;

/**
 * Reads the {@code keepalive} map of a device group. Devices on {@code tcp} and {@code tls} ping
 * every 540 s by default (the Device Management Client's MBED_CLIENT_TCP_KEEPALIVE_INTERVAL);
 * devices on {@code udp} and {@code dtls} do not ping unless the file says so.
 */
final class KeepaliveReader {

    private KeepaliveReader() {
    }

    static Keepalive read(MappingReader group, Transport transport) {
        Duration defaultPing = transport == Transport.TCP || transport == Transport.TLS
                ? Keepalive.DEVICE_CLIENT_DEFAULT_PING : null;
        Optional<ValueSite> site = group.site(ScenarioKeys.KEEPALIVE_SECTION);
        if (site.isEmpty()) {
            return new Keepalive(defaultPing, false);
        }
        MappingReader keepalive = MappingReader.of(site.get().source(), site.get().node(), site.get().field(),
                site.get().line(), Section.KEEPALIVE);
        Duration ping = keepalive.readOptional(ScenarioKeys.COAP_PING_SECONDS).map(Duration::ofSeconds).orElse(defaultPing);
        Duration pongTimeout = Duration.ofSeconds(keepalive.read(ScenarioKeys.PONG_TIMEOUT_SECONDS));
        return new Keepalive(ping, false, pongTimeout);
    }
}
