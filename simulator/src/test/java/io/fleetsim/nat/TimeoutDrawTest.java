package io.fleetsim.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.fleetsim.scenario.NatSettings;
import io.fleetsim.scenario.ScenarioLoader;

/** Each device's NAT timeout: one value, a weighted choice, or drawn from a range; the same on every run. */
class TimeoutDrawTest {

    private static NatSettings nat(String idleTimeout) {
        return ScenarioLoader.parse("""
                name: n
                durationSeconds: 60
                fleet:
                  count: 10
                  nat: {idleTimeoutSeconds: %s}
                """.formatted(idleTimeout), Path.of("n.yaml")).groups().get(0).nat();
    }

    @Test
    void aUniformRangeSpreadsTheDevicesEvenlyBetweenItsEnds() {
        NatSettings nat = nat("{uniform: [30, 120]}");
        double[] drawn = IntStream.range(0, 4000).mapToDouble(i -> NatShard.timeoutOf(nat, i).streamSeconds()).toArray();

        assertThat(java.util.Arrays.stream(drawn).min().orElseThrow()).isGreaterThanOrEqualTo(30);
        assertThat(java.util.Arrays.stream(drawn).max().orElseThrow()).isLessThanOrEqualTo(120);
        assertThat(IntStream.range(0, 4000).mapToDouble(i -> drawn[i]).average().orElseThrow()).isCloseTo(75, within(2.0));
        assertThat(IntStream.range(0, 4000).filter(i -> drawn[i] < 52.5).count()).as("the lowest quarter")
                .isBetween(900L, 1100L);
        assertThat(NatShard.timeoutOf(nat, 17)).as("the same device draws the same timeout on every run")
                .isEqualTo(NatShard.timeoutOf(nat, 17));
    }

    @Test
    void aWeightedChoiceGivesEachValueItsShare() {
        NatSettings nat = nat("[{seconds: 30, weight: 0.4}, {seconds: 120, weight: 0.6}]");

        long short30 = IntStream.range(0, 4000).filter(i -> NatShard.timeoutOf(nat, i).streamSeconds() == 30).count();

        assertThat(short30).isBetween(1500L, 1700L);
    }
}
