package io.fleetsim.scenario;

/**
 * How devices start: at {@code ratePerSecond} (simulated time), evenly spaced or as a Poisson process.
 *
 * @param ratePerSecond device starts per simulated second (when the file gives rampSeconds,
 *                      this is count / rampSeconds)
 * @param profile       spacing of the starts
 * @param seed          seed of the Poisson process, so runs repeat
 */
public record Arrival(double ratePerSecond, Profile profile, long seed) {

    public enum Profile { CONSTANT, POISSON }
}
