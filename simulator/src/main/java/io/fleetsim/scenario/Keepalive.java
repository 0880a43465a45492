package io.fleetsim.scenario;

import java.time.Duration;

/**
 * How a group's devices keep their path to the server alive.
 *
 * @param coapPingInterval idle time after which a device sends a keepalive (RFC 8323 Ping over
 *                         TCP/TLS, an empty CON over UDP/DTLS); null means no keepalive but updates
 * @param queueMode        LwM2M queue mode ({@code Q} in the Register request): the server holds
 *                         requests until the device next speaks
 * @param method           what a UDP device sends when its idle time is up
 */
public record Keepalive(Duration coapPingInterval, boolean queueMode, Method method) {

    /** 540 s, the default keepalive of the Device Management Client (MBED_CLIENT_TCP_KEEPALIVE_INTERVAL). */
    public static final Duration DEVICE_CLIENT_DEFAULT_PING = Duration.ofSeconds(540);

    /** No CoAP pings; registration updates alone keep the path alive. */
    public static final Keepalive DEFAULT = new Keepalive(null, false, Method.COAP_PING);

    /** Keepalive with CoAP pings. */
    public Keepalive(Duration coapPingInterval, boolean queueMode) {
        this(coapPingInterval, queueMode, Method.COAP_PING);
    }

    /** What a device sends as its keepalive. */
    public enum Method {
        /** An empty confirmable message, answered by RST (RFC 7252 section 4.3). */
        COAP_PING,
        /** A Registration Update, which also tells the server the device's current address. */
        UPDATE
    }
}
