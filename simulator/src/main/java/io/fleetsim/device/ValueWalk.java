package io.fleetsim.device;

/**
 * A bounded random walk that steps once every {@code stepMillis} of simulated time, at its own
 * phase within that interval (so a fleet's values do not all change at the same moment). Each step
 * is drawn from a hash of the walk's seed and the step number, so the value at a given moment is
 * the same in every run with the same seed, however often (or seldom) it is read.
 */
final class ValueWalk {

    private final long seed;
    private final long stepMillis;
    private final long phaseMillis;
    private final double min;
    private final double max;
    private final double stepSize;
    private double value;
    private double lowest;
    private double highest;
    private long step;

    /**
     * A walk in {@code [min, max]} whose steps are at most {@code stepShare} of the range, stepping at
     * {@code phaseMillis + k * stepMillis} for k = 1, 2, ...
     */
    ValueWalk(long seed, long stepMillis, long phaseMillis, double min, double max, double stepShare) {
        this.seed = seed;
        this.stepMillis = Math.max(1, stepMillis);
        this.phaseMillis = Math.floorMod(phaseMillis, this.stepMillis);
        this.min = min;
        this.max = max;
        this.stepSize = (max - min) * stepShare;
        this.value = min + (max - min) * unit(seed, 0);
        this.lowest = value;
        this.highest = value;
    }

    /** The value at simulated time {@code nowMillis}. */
    double valueAt(long nowMillis) {
        long target = Math.max(0, nowMillis - phaseMillis) / stepMillis;
        while (step < target) {
            step++;
            double next = value + (unit(seed, step) * 2 - 1) * stepSize;
            if (next > max) {
                next = 2 * max - next; // reflect at the bounds
            } else if (next < min) {
                next = 2 * min - next;
            }
            value = Math.max(min, Math.min(max, next));
            lowest = Math.min(lowest, value);
            highest = Math.max(highest, value);
        }
        return value;
    }

    /** Lowest value since the start or the last reset, up to {@code nowMillis}. */
    double lowestAt(long nowMillis) {
        valueAt(nowMillis);
        return lowest;
    }

    double highestAt(long nowMillis) {
        valueAt(nowMillis);
        return highest;
    }

    /** Sets the measured extremes to the current value (IPSO 5605). */
    void resetExtremes(long nowMillis) {
        lowest = valueAt(nowMillis);
        highest = lowest;
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }

    /** The simulated time of the next step after {@code nowMillis}. */
    long nextStepMillis(long nowMillis) {
        return phaseMillis + (Math.max(0, nowMillis - phaseMillis) / stepMillis + 1) * stepMillis;
    }

    /** A phase in {@code [0, stepMillis)} drawn from {@code seed}: where in each interval a walk steps. */
    static long phase(long seed, long stepMillis) {
        return (long) (unit(seed, 0) * Math.max(1, stepMillis));
    }

    /** A number in [0, 1) from the seed and the step (SplitMix64 finalizer). */
    static double unit(long seed, long step) {
        long z = seed + step * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    /** A seed for one walk of one device. */
    static long seed(long runSeed, String endpoint, int objectId, int instanceId, int which) {
        long h = runSeed * 0x9E3779B97F4A7C15L + endpoint.hashCode();
        h = h * 31 + objectId;
        h = h * 31 + instanceId;
        return h * 31 + which;
    }
}
