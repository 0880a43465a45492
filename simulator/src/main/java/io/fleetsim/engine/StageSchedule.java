package io.fleetsim.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import io.fleetsim.scenario.Arrival;

/**
 * When a staged arrival starts or stops a device, in simulated milliseconds from the run start.
 * Over a stage the number of active devices goes linearly from the previous target (0 before the
 * first stage) to the stage's {@code devices}: evenly spaced changes, the n-th when the ramp has
 * moved by n, so that exactly the target is active at the stage's end, or (profile poisson) a Poisson process with as many changes over
 * the stage, i.e. as many times drawn uniformly over it. After the last stage the count holds.
 */
public final class StageSchedule {

    /** One change: a start, or a stop. */
    public record Change(long atMillis, boolean start) {
    }

    private StageSchedule() {
    }

    public static List<Change> changes(Arrival arrival) {
        List<Change> changes = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(arrival.seed());
        double stageStart = 0;
        int previous = 0;
        for (Arrival.Stage stage : arrival.stages()) {
            double length = stage.durationSeconds() * 1000;
            int count = Math.abs(stage.devices() - previous);
            boolean start = stage.devices() > previous;
            double[] at = new double[count];
            for (int i = 0; i < count; i++) {
                // the n-th change comes when the linear ramp has moved by n: the target holds at the end
                at[i] = arrival.profile() == Arrival.Profile.POISSON ? random.nextDouble() * length
                        : length * (i + 1) / count;
            }
            Arrays.sort(at);
            for (double offset : at) {
                changes.add(new Change((long) Math.floor(stageStart + offset), start));
            }
            stageStart += length;
            previous = stage.devices();
        }
        return changes;
    }
}
