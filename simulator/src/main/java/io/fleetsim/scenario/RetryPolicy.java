package io.fleetsim.scenario;

import java.time.Duration;

/**
 * How a device whose registration failed tries again: exponential back-off with jitter (attempt
 * n waits min(max, initial * multiplier^(n-1)), then a uniform random share of {@code jitter} of
 * that is added or taken away), or, when {@code lwm2m} is not null, the communication sequences
 * of an LwM2M 1.1 client (Server object resources 17 to 20), which end in giving up.
 */
public record RetryPolicy(Duration initial, Duration max, double multiplier, double jitter, Lwm2mSequences lwm2m) {

    public static final RetryPolicy DEFAULTS =
            new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(5), 2.0, 0.5);

    /** Exponential back-off with jitter. */
    public RetryPolicy(Duration initial, Duration max, double multiplier, double jitter) {
        this(initial, max, multiplier, jitter, null);
    }

    /** The retry of an LwM2M 1.1 client, by its communication sequences. */
    public static RetryPolicy lwm2m(Lwm2mSequences sequences) {
        return new RetryPolicy(DEFAULTS.initial(), DEFAULTS.max(), DEFAULTS.multiplier(), DEFAULTS.jitter(),
                sequences);
    }

    /** Whether the device retries by LwM2M 1.1's communication sequences rather than by back-off. */
    public boolean isLwm2m() {
        return lwm2m != null;
    }

    /**
     * The registration retry of an LwM2M 1.1 client (OMA-TS-LightweightM2M_Core V1_1_1, 6.2.1.1,
     * and the Server object /1): a communication sequence is {@code retryCount} attempts, the
     * wait after the n-th failed one {@code retryTimer * 2^(n-1)}; after a failed sequence the
     * device waits {@code sequenceDelay} and starts the next one; after {@code sequenceRetryCount}
     * failed sequences it gives up.
     *
     * @param retryCount         Communication Retry Count, /1/x/17
     * @param retryTimer         Communication Retry Timer, /1/x/18
     * @param sequenceDelay      Communication Sequence Delay Timer, /1/x/19
     * @param sequenceRetryCount Communication Sequence Retry Count, /1/x/20
     */
    public record Lwm2mSequences(int retryCount, Duration retryTimer, Duration sequenceDelay, int sequenceRetryCount) {

        /** The Server object's defaults: 5 attempts, 60 s doubling, 86400 s between sequences, 1 sequence. */
        public static final Lwm2mSequences DEFAULTS =
                new Lwm2mSequences(5, Duration.ofSeconds(60), Duration.ofSeconds(86_400), 1);

        /** Register attempts a device makes before it gives up: every attempt of every sequence. */
        public long attemptsBeforeGivingUp() {
            return (long) retryCount * sequenceRetryCount;
        }
    }
}
