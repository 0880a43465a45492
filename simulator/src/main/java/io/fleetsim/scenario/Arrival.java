package io.fleetsim.scenario;

import java.util.List;

/**
 * How devices start: at {@code ratePerSecond} (simulated time), evenly spaced or as a Poisson
 * process; or, with {@code stages}, so that the number of active devices follows a ramp.
 *
 * @param ratePerSecond device starts per simulated second (when the file gives rampSeconds,
 *                      this is count / rampSeconds); unused with stages
 * @param profile       spacing of the starts
 * @param seed          seed of the Poisson process (and of {@link StopOrder#RANDOM}), so runs repeat
 * @param stages        load stages in order; empty for a plain rate
 * @param stopOrder     which devices a stage that goes down stops
 */
public record Arrival(double ratePerSecond, Profile profile, long seed, List<Stage> stages, StopOrder stopOrder) {

    public enum Profile { CONSTANT, POISSON }

    /** Which active devices a stage that lowers the target stops (de-registering them). */
    public enum StopOrder { NEWEST, RANDOM }

    /**
     * One load stage: over {@code durationSeconds} the number of active devices goes linearly from
     * the previous stage's target (0 before the first) to {@code devices}.
     */
    public record Stage(double durationSeconds, int devices) {
    }

    public Arrival {
        stages = List.copyOf(stages);
    }

    /** A plain arrival at a rate. */
    public Arrival(double ratePerSecond, Profile profile, long seed) {
        this(ratePerSecond, profile, seed, List.of(), StopOrder.NEWEST);
    }

    /** Whether the arrival follows stages rather than a rate. */
    public boolean staged() {
        return !stages.isEmpty();
    }

    /** The highest stage target: how many devices the stages need at once. */
    public int peakDevices() {
        return stages.stream().mapToInt(Stage::devices).max().orElse(0);
    }
}
