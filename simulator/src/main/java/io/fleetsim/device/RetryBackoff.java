package io.fleetsim.device;

import java.util.random.RandomGenerator;

import io.fleetsim.scenario.RetryPolicy;

/** The wait before a device tries to register again, after {@code failures} failed attempts. */
final class RetryBackoff {

    /** What {@link #delayMillis} says when the device gives up (LwM2M sequences exhausted). */
    static final long GIVE_UP = -1;

    /** Longest wait: one year, so that a large retry count cannot overflow. */
    private static final long LONGEST_MILLIS = 31_536_000_000L;

    private RetryBackoff() {
    }

    /**
     * The wait in ms after {@code failures} failed attempts in a row (at least 1), or {@link #GIVE_UP}
     * when an LwM2M 1.1 device has failed its last communication sequence.
     */
    static long delayMillis(RetryPolicy policy, int failures, RandomGenerator random) {
        if (policy.isLwm2m()) {
            return lwm2mDelayMillis(policy.lwm2m(), failures);
        }
        double base = policy.initial().toMillis() * Math.pow(policy.multiplier(), Math.max(0, failures - 1));
        base = Math.min(base, policy.max().toMillis());
        double jitter = base * policy.jitter() * (2 * random.nextDouble() - 1);
        return Math.max(1, Math.round(base + jitter));
    }

    /**
     * LwM2M 1.1: the n-th failed attempt of a sequence (n below the retry count) waits
     * retryTimer * 2^(n-1); the last one of a sequence waits the sequence delay, unless it was
     * the last sequence: then the device gives up.
     */
    static long lwm2mDelayMillis(RetryPolicy.Lwm2mSequences sequences, int failures) {
        if (failures >= sequences.attemptsBeforeGivingUp()) {
            return GIVE_UP;
        }
        int inSequence = (Math.max(1, failures) - 1) % sequences.retryCount() + 1;
        if (inSequence == sequences.retryCount()) {
            return Math.max(1, sequences.sequenceDelay().toMillis());
        }
        double wait = sequences.retryTimer().toMillis() * Math.pow(2, inSequence - 1);
        return Math.max(1, (long) Math.min(wait, LONGEST_MILLIS));
    }
}
