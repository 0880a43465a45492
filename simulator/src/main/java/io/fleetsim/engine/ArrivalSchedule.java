package io.fleetsim.engine;

import java.util.SplittableRandom;

import io.fleetsim.scenario.Arrival;

/**
 * When each device starts, in simulated milliseconds from the run start: evenly spaced at the
 * arrival rate, or a Poisson process (exponential gaps) with the scenario's seed, so a run repeats.
 */
public final class ArrivalSchedule {

    private ArrivalSchedule() {
    }

    public static long[] offsetsMillis(Arrival arrival, int count) {
        long[] offsets = new long[count];
        double meanGapMillis = 1000.0 / arrival.ratePerSecond();
        if (arrival.profile() == Arrival.Profile.CONSTANT) {
            for (int i = 0; i < count; i++) {
                offsets[i] = (long) Math.floor(i * meanGapMillis);
            }
            return offsets;
        }
        SplittableRandom random = new SplittableRandom(arrival.seed());
        double t = 0;
        for (int i = 0; i < count; i++) {
            offsets[i] = (long) Math.floor(t);
            t += -Math.log(1.0 - random.nextDouble()) * meanGapMillis;
        }
        return offsets;
    }
}
