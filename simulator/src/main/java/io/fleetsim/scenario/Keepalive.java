package io.fleetsim.scenario;

import java.time.Duration;

/**
 * How a group's devices keep their path to the server alive.
 *
 * @param coapPingInterval idle time after which a device sends a CoAP ping (RFC 8323 Ping over
 *                         TCP/TLS, an empty CON over UDP/DTLS); null means no pings
 * @param queueMode        LwM2M queue mode ({@code Q} in the Register request): the server holds
 *                         requests until the device next speaks
 * @param pongTimeout      how long a device waits for the answer to its ping before it takes the
 *                         path for dead
 */
public record Keepalive(Duration coapPingInterval, boolean queueMode, Duration pongTimeout) {

    /** 30 s: the default wait for a Pong. */
    public static final Duration DEFAULT_PONG_TIMEOUT = Duration.ofSeconds(30);

    /** Keepalive with the default pong timeout. */
    public Keepalive(Duration coapPingInterval, boolean queueMode) {
        this(coapPingInterval, queueMode, DEFAULT_PONG_TIMEOUT);
    }

    /** 540 s, the default keepalive of the Device Management Client (MBED_CLIENT_TCP_KEEPALIVE_INTERVAL). */
    public static final Duration DEVICE_CLIENT_DEFAULT_PING = Duration.ofSeconds(540);

    /** No CoAP pings; registration updates alone keep the path alive. */
    public static final Keepalive DEFAULT = new Keepalive(null, false);
}
