package io.fleetsim.scenario;

import java.time.Duration;

/**
 * How a group's devices keep their path to the server alive.
 *
 * @param coapPingInterval idle time after which a device sends a keepalive (RFC 8323 Ping over
 *                         TCP/TLS; over UDP/DTLS an empty CON or an Update, see {@code method});
 *                         null means no keepalive but updates
 * @param queueMode        LwM2M queue mode ({@code Q} in the Register request): the server holds
 *                         requests until the device next speaks
 * @param method           what a UDP device sends when its idle time is up (TCP/TLS devices always
 *                         send an RFC 8323 Ping)
 * @param pongTimeout      TCP/TLS: how long a device waits for the Pong before it takes the path
 *                         for dead; over UDP the ping is a CON and its retransmissions decide
 * @param awakeTime        queue mode: how long the device listens after each request or
 *                         notification it sends; it drops what the server sends later
 */
public record Keepalive(Duration coapPingInterval, boolean queueMode, Method method, Duration pongTimeout,
        Duration awakeTime) {

    /** 93 s: MAX_TRANSMIT_WAIT of RFC 7252 with its default parameters, LwM2M's default awake time. */
    public static final Duration DEFAULT_AWAKE_TIME = Duration.ofSeconds(93);

    /** A keepalive whose queue mode, if any, keeps the default awake time. */
    public Keepalive(Duration coapPingInterval, boolean queueMode, Method method, Duration pongTimeout) {
        this(coapPingInterval, queueMode, method, pongTimeout, DEFAULT_AWAKE_TIME);
    }

    public Keepalive {
        awakeTime = awakeTime == null ? DEFAULT_AWAKE_TIME : awakeTime;
    }

    /** 540 s, the default keepalive of the Device Management Client (MBED_CLIENT_TCP_KEEPALIVE_INTERVAL). */
    public static final Duration DEVICE_CLIENT_DEFAULT_PING = Duration.ofSeconds(540);

    /** 30 s: the default wait for a Pong. */
    public static final Duration DEFAULT_PONG_TIMEOUT = Duration.ofSeconds(30);

    /** No CoAP pings; registration updates alone keep the path alive. */
    public static final Keepalive DEFAULT = new Keepalive(null, false);

    /** Keepalive with CoAP pings and the default pong timeout. */
    public Keepalive(Duration coapPingInterval, boolean queueMode) {
        this(coapPingInterval, queueMode, Method.COAP_PING, DEFAULT_PONG_TIMEOUT);
    }

    /** The keepalive of a group that gives no {@code keepalive} section: 540 s pings over tcp and tls, none else. */
    public static Keepalive defaultFor(Transport transport) {
        return new Keepalive(defaultPing(transport), false);
    }

    /** The ping interval a transport gets when the file gives none: 540 s for tcp and tls, none for udp and dtls. */
    public static Duration defaultPing(Transport transport) {
        return transport.isStream() ? DEVICE_CLIENT_DEFAULT_PING : null;
    }

    /** What a device sends as its keepalive. */
    public enum Method {
        /** An empty confirmable message, answered by RST (RFC 7252 section 4.3). */
        COAP_PING,
        /** A Registration Update, which also tells the server the device's current address. */
        UPDATE
    }
}
