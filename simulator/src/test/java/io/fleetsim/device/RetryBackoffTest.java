package io.fleetsim.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.fleetsim.scenario.RetryPolicy;

class RetryBackoffTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(5), Duration.ofSeconds(60), 2.0, 0.5);

    @Test
    void waitsGrowExponentiallyWithinTheJitterBandAndStopAtTheMaximum() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            assertThat(RetryBackoff.delayMillis(policy, 1, random)).isBetween(2_500L, 7_500L);
            assertThat(RetryBackoff.delayMillis(policy, 3, random)).isBetween(10_000L, 30_000L);
            assertThat(RetryBackoff.delayMillis(policy, 30, random)).isBetween(30_000L, 90_000L);
        }
    }

    @Test
    void jitterSpreadsDevicesThatFailedTogether() {
        SplittableRandom random = new SplittableRandom(7);
        long distinct = java.util.stream.LongStream.range(0, 200)
                .map(i -> RetryBackoff.delayMillis(policy, 2, random)).distinct().count();

        assertThat(distinct).isGreaterThan(150);
    }

    @Test
    void anLwm2mDeviceDoublesItsRetryTimerWithinASequenceWaitsTheSequenceDelayBetweenSequencesThenGivesUp() {
        RetryPolicy lwm2m = RetryPolicy.lwm2m(new RetryPolicy.Lwm2mSequences(3, Duration.ofSeconds(60),
                Duration.ofSeconds(3600), 2));
        SplittableRandom random = new SplittableRandom(1);

        long[] waits = java.util.stream.IntStream.rangeClosed(1, 6)
                .mapToLong(failures -> RetryBackoff.delayMillis(lwm2m, failures, random)).toArray();

        assertThat(waits).containsExactly(60_000, 120_000, 3_600_000, 60_000, 120_000, RetryBackoff.GIVE_UP);
    }

    @Test
    void theServerObjectDefaultsMakeFiveAttemptsSixtySecondsDoublingAndGiveUpAfterOneSequence() {
        RetryPolicy lwm2m = RetryPolicy.lwm2m(RetryPolicy.Lwm2mSequences.DEFAULTS);
        SplittableRandom random = new SplittableRandom(1);

        long[] waits = java.util.stream.IntStream.rangeClosed(1, 5)
                .mapToLong(failures -> RetryBackoff.delayMillis(lwm2m, failures, random)).toArray();

        assertThat(waits).containsExactly(60_000, 120_000, 240_000, 480_000, RetryBackoff.GIVE_UP);
    }
}
