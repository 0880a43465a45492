package io.fleetsim.scenario;

import java.time.Duration;

/**
 * RFC 7252 transmission parameters (section 4.8), in simulated time.
 *
 * @param ackTimeout      ACK_TIMEOUT, initial retransmission timeout
 * @param ackRandomFactor ACK_RANDOM_FACTOR, at least 1.0
 * @param maxRetransmit   MAX_RETRANSMIT
 */
public record CoapSettings(Duration ackTimeout, double ackRandomFactor, int maxRetransmit) {

    public static final CoapSettings DEFAULTS = new CoapSettings(Duration.ofSeconds(2), 1.5, 4);
}
