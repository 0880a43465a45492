package io.fleetsim.scenario;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the {@code keepalive} map of a device group. Devices on {@code tcp} and {@code tls} ping
 * every 540 s by default (the Device Management Client's MBED_CLIENT_TCP_KEEPALIVE_INTERVAL);
 * devices on {@code udp} and {@code dtls} do not ping unless the file says so.
 * {@code pongTimeoutSeconds} is for tcp and tls only (a UDP ping is a CON whose retransmissions
 * decide), {@code method} for udp and dtls only (tcp and tls always send an RFC 8323 Ping).
 */
final class KeepaliveReader {

    private KeepaliveReader() {
    }

    static Keepalive read(MappingReader group, Transport transport) {
        boolean stream = transport.isStream();
        Duration defaultPing = Keepalive.defaultPing(transport);
        Optional<ValueSite> site = group.site(ScenarioKeys.KEEPALIVE_SECTION);
        if (site.isEmpty()) {
            return Keepalive.defaultFor(transport);
        }
        MappingReader keepalive = MappingReader.of(site.get().source(), site.get().node(), site.get().field(),
                site.get().line(), Section.KEEPALIVE);
        Duration ping = keepalive.readOptional(ScenarioKeys.COAP_PING_SECONDS).map(Duration::ofSeconds)
                .orElse(defaultPing);
        if (stream && keepalive.has(ScenarioKeys.KEEPALIVE_METHOD)) {
            throw keepalive.error(ScenarioKeys.KEEPALIVE_METHOD, "is for udp and dtls; " + transport.key()
                    + " devices always send an RFC 8323 Ping");
        }
        if (!stream && keepalive.has(ScenarioKeys.PONG_TIMEOUT_SECONDS)) {
            throw keepalive.error(ScenarioKeys.PONG_TIMEOUT_SECONDS, "is for tcp and tls; over " + transport.key()
                    + " the ping is a CON and its retransmissions (coap.*) decide");
        }
        Keepalive.Method method = Keepalive.Method.valueOf(keepalive.read(ScenarioKeys.KEEPALIVE_METHOD)
                .toUpperCase(Locale.ROOT).replace('-', '_'));
        if (ping == null && keepalive.has(ScenarioKeys.KEEPALIVE_METHOD)) {
            throw keepalive.error(ScenarioKeys.KEEPALIVE_METHOD,
                    "needs keepalive.coapPingSeconds, the idle time after which the keepalive is sent");
        }
        Duration pongTimeout = Duration.ofSeconds(keepalive.read(ScenarioKeys.PONG_TIMEOUT_SECONDS));
        boolean queueMode = keepalive.read(ScenarioKeys.QUEUE_MODE);
        if (!queueMode && keepalive.has(ScenarioKeys.AWAKE_SECONDS)) {
            throw keepalive.error(ScenarioKeys.AWAKE_SECONDS, "is for queue mode; add queueMode: true or remove it");
        }
        Duration awake = ScalarValues.seconds(keepalive.read(ScenarioKeys.AWAKE_SECONDS));
        return new Keepalive(ping, queueMode, method, pongTimeout, awake);
    }
}
