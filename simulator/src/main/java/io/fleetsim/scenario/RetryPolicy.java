package io.fleetsim.scenario;

import java.time.Duration;

/**
 * Exponential back-off with jitter: attempt n waits min(max, initial * multiplier^(n-1)),
 * then a uniform random share of {@code jitter} of that is added or taken away.
 */
public record RetryPolicy(Duration initial, Duration max, double multiplier, double jitter) {

    public static final RetryPolicy DEFAULTS =
            new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(5), 2.0, 0.5);
}
