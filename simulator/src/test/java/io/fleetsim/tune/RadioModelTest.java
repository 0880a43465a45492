package io.fleetsim.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The radio-on estimate: tails after each transmission, merged where they overlap. */
class RadioModelTest {

    private final RadioModel lteM = new RadioModel("lte-m", 10);

    @Test
    void overlappingTailsMergeAndSeparateOnesAdd() {
        assertThat(lteM.activeSeconds(new double[] { 0, 4, 100 })).isCloseTo(4 + 10 + 10, within(1e-9));
        assertThat(lteM.activeSeconds(new double[] { 100, 0 })).isCloseTo(20, within(1e-9));
    }

    @Test
    void aDayOfEvenlySpacedKeepalivesCostsOneTailEachUntilTheyOverlap() {
        assertThat(lteM.activeSecondsPerDay(Map.of("keepalive", 2880.0))).isCloseTo(28_800, within(1e-6));
        assertThat(lteM.activeSecondsPerDay(Map.of("keepalive", 17_280.0))).isCloseTo(86_400, within(1e-6));
        assertThat(new RadioModel("nb-iot", RadioModel.defaultTail("nb-iot"))
                .activeSecondsPerDay(Map.of("keepalive", 160.0, "update", 0.0))).isCloseTo(3200, within(1e-6));
    }
}
