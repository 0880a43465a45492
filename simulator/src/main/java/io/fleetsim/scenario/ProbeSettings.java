package io.fleetsim.scenario;

/**
 * Reachability probes: the embedded server reads {@code /3/0/9} from sampled devices at a steady
 * rate, to check the reachability computed from the NAT state against real requests.
 *
 * @param ratePerSecond probes per simulated second over the whole fleet; 0 means no probes
 * @param sample        share of the fleet probes are drawn from, 0..1
 */
public record ProbeSettings(double ratePerSecond, double sample) {

    /** No probes. */
    public static final ProbeSettings NONE = new ProbeSettings(0, 0);

    public boolean enabled() {
        return ratePerSecond > 0 && sample > 0;
    }
}
