package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import io.fleetsim.scenario.Arrival;

class ArrivalScheduleTest {

    @Test
    void constantArrivalsAreEvenlySpacedAtTheRate() {
        long[] offsets = ArrivalSchedule.offsetsMillis(new Arrival(200, Arrival.Profile.CONSTANT, 1), 1000);

        assertThat(offsets[0]).isZero();
        assertThat(offsets[1]).isEqualTo(5);
        assertThat(offsets[999]).isEqualTo(4995);
    }

    @Test
    void poissonArrivalsKeepTheMeanRateAndRepeatForTheSameSeed() {
        long[] first = ArrivalSchedule.offsetsMillis(new Arrival(100, Arrival.Profile.POISSON, 42), 20_000);
        long[] again = ArrivalSchedule.offsetsMillis(new Arrival(100, Arrival.Profile.POISSON, 42), 20_000);
        long[] other = ArrivalSchedule.offsetsMillis(new Arrival(100, Arrival.Profile.POISSON, 43), 20_000);

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        double seconds = first[first.length - 1] / 1000.0;
        assertThat(first.length / seconds).isCloseTo(100.0, within(3.0));
        for (int i = 1; i < first.length; i++) {
            assertThat(first[i]).isGreaterThanOrEqualTo(first[i - 1]);
        }
    }
}
