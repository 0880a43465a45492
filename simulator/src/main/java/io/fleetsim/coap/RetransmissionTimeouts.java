package io.fleetsim.coap;

import java.util.random.RandomGenerator;

import io.fleetsim.scenario.CoapSettings;

/**
 * RFC 7252 section 4.2: the first timeout of a CON is drawn uniformly from
 * [ACK_TIMEOUT, ACK_TIMEOUT * ACK_RANDOM_FACTOR] and doubles with each retransmission; after
 * MAX_RETRANSMIT retransmissions the last timeout running out means the exchange failed.
 */
public final class RetransmissionTimeouts {

    private final CoapSettings settings;

    public RetransmissionTimeouts(CoapSettings settings) {
        this.settings = settings;
    }

    /** The first timeout in simulated milliseconds. */
    public long initialMillis(RandomGenerator random) {
        double ack = settings.ackTimeout().toMillis();
        double spread = ack * (settings.ackRandomFactor() - 1.0);
        return Math.round(ack + random.nextDouble() * spread);
    }

    public int maxRetransmit() {
        return settings.maxRetransmit();
    }

    /**
     * MAX_TRANSMIT_WAIT: the longest a CON may wait for an ACK, and how long fleetsim waits for a
     * separate response after an empty ACK.
     */
    public long maxTransmitWaitMillis() {
        double ack = settings.ackTimeout().toMillis();
        return Math.round(ack * ((1L << (settings.maxRetransmit() + 1)) - 1) * settings.ackRandomFactor());
    }
}
