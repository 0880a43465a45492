package io.fleetsim.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

/** The retransmission model of a lost TCP segment, with random draws fixed. */
class PathDelayTest {

    /** Draws 0.0 every time: every copy is lost whenever there is any loss. */
    private static final RandomGenerator ALWAYS_LOST = () -> 0L;
    /** Draws just under 1.0 every time: no copy is lost below 100 % loss. */
    private static final RandomGenerator NEVER_LOST = () -> -1L;

    @Test
    void theFirstRetransmissionWaitsOneSecondAndEachFurtherOneTwiceAsLongUpToSixtySeconds() {
        assertThat(PathDelay.retransmissionMillis(0)).isZero();
        assertThat(PathDelay.retransmissionMillis(1)).isEqualTo(1_000);
        assertThat(PathDelay.retransmissionMillis(2)).isEqualTo(1_000 + 2_000);
        assertThat(PathDelay.retransmissionMillis(3)).isEqualTo(1_000 + 2_000 + 4_000);
        // 1 + 2 + 4 + 8 + 16 + 32 s, then 60 s (the cap) for each further loss
        assertThat(PathDelay.retransmissionMillis(8)).isEqualTo(63_000 + 2 * 60_000);
    }

    @Test
    void lostCopiesAreBoundedByLinuxsRetryLimit() {
        assertThat(PathDelay.lostCopies(0.2, NEVER_LOST)).isZero();
        assertThat(PathDelay.lostCopies(0, ALWAYS_LOST)).isZero();
        assertThat(PathDelay.lostCopies(0.2, ALWAYS_LOST)).isEqualTo(PathDelay.MAX_RETRANSMISSIONS);
        assertThat(PathDelay.retransmissionMillis(PathDelay.MAX_RETRANSMISSIONS))
                .as("the longest hold: about ten minutes").isEqualTo(63_000 + 9 * 60_000);
    }
}
