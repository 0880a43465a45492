package io.fleetsim.device;

import java.util.random.RandomGenerator;

import io.fleetsim.scenario.RetryPolicy;

/** The wait before a device tries to register again, after {@code failures} failed attempts. */
final class RetryBackoff {

    private RetryBackoff() {
    }

    static long delayMillis(RetryPolicy policy, int failures, RandomGenerator random) {
        double base = policy.initial().toMillis() * Math.pow(policy.multiplier(), Math.max(0, failures - 1));
        base = Math.min(base, policy.max().toMillis());
        double jitter = base * policy.jitter() * (2 * random.nextDouble() - 1);
        return Math.max(1, Math.round(base + jitter));
    }
}
