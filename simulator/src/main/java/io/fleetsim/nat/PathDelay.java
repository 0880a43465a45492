package io.fleetsim.nat;

import java.util.random.RandomGenerator;

import io.fleetsim.scenario.NatSettings;

/**
 * The time a packet or a frame spends on the emulated path on top of loopback: {@code delayMs}
 * plus a uniform draw of up to {@code jitterMs}; and over TCP, where a lost segment is not lost
 * to the application but sent again, the retransmission timeouts of its lost copies. Each copy
 * of a segment is lost with the direction's {@code lossPercent}; the first retransmission waits
 * the initial RTO of RFC 6298 (section 2.1: 1 s), each further one of the same segment twice as
 * long (section 5.5), at most {@link #MAX_RTO_MILLIS} (section 2.5 allows a cap of 60 s or more).
 * After {@link #MAX_RETRANSMISSIONS} lost copies (Linux's {@code tcp_retries2}) the segment is
 * taken as delivered with the next one: a path that bad has long failed the device's own
 * timeouts, and the hold stays bounded (at most about 10 simulated minutes).
 */
public final class PathDelay {

    /** Retransmission timeout before the first retransmission of a segment (RFC 6298, 2.1). */
    public static final long INITIAL_RTO_MILLIS = 1_000;
    /** Longest retransmission timeout (RFC 6298, 2.5: a cap of at least 60 s). */
    public static final long MAX_RTO_MILLIS = 60_000;
    /** Most lost copies of one segment that are drawn (Linux's default {@code tcp_retries2}). */
    public static final int MAX_RETRANSMISSIONS = 15;

    private PathDelay() {
    }

    /** One draw of {@code delayMs} plus up to {@code jitterMs}, in simulated ms. */
    public static long delayMillis(NatSettings settings, RandomGenerator random) {
        double jitter = settings.jitterMillis() > 0 ? random.nextDouble() * settings.jitterMillis() : 0;
        return Math.round(settings.delayMillis() + jitter);
    }

    /** How many copies of one segment are lost, each with probability {@code lossShare} (0..1). */
    public static int lostCopies(double lossShare, RandomGenerator random) {
        int lost = 0;
        while (lost < MAX_RETRANSMISSIONS && lossShare > 0 && random.nextDouble() < lossShare) {
            lost++;
        }
        return lost;
    }

    /** The simulated ms a segment waits for its retransmissions after {@code lostCopies} losses. */
    public static long retransmissionMillis(int lostCopies) {
        long total = 0;
        long rto = INITIAL_RTO_MILLIS;
        for (int i = 0; i < lostCopies; i++) {
            total += rto;
            rto = Math.min(2 * rto, MAX_RTO_MILLIS);
        }
        return total;
    }
}
